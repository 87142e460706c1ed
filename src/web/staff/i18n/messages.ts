/**
 * The staff screens' dictionaries, apart from the public pages' (src/web/i18n) so the staff,
 * patient and administration screens grow without touching one file. English defines the
 * shape; kk and ru are typed `StaffMessages`.
 */
import type { Lang } from '../../../domain/text.ts';
import { en } from './en.ts';
import { kk } from './kk.ts';
import { ru } from './ru.ts';

export type StaffMessages = typeof en;

const DICTIONARIES: Record<Lang, StaffMessages> = { kk, ru, en };

export function staffMessagesFor(lang: Lang): StaffMessages {
  return DICTIONARIES[lang];
}
