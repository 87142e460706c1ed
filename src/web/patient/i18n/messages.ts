/**
 * "My medicines" dictionaries, apart from the public and staff ones. English defines the shape;
 * kk and ru are typed `PatientMessages`, so a missing key is a compile error.
 */
import type { Lang } from '../../../domain/text.ts';
import { en } from './en.ts';
import { kk } from './kk.ts';
import { ru } from './ru.ts';

export type PatientMessages = typeof en;

const DICTIONARIES: Record<Lang, PatientMessages> = { kk, ru, en };

export function patientMessagesFor(lang: Lang): PatientMessages {
  return DICTIONARIES[lang];
}
