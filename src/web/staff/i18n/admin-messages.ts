/**
 * The region administrator's and auditor's dictionaries. English defines the shape; kk and ru
 * are typed `AdminMessages`.
 */
import type { Lang } from '../../../domain/text.ts';
import { adminEn } from './admin-en.ts';
import { adminKk } from './admin-kk.ts';
import { adminRu } from './admin-ru.ts';

export type AdminMessages = typeof adminEn;

const DICTIONARIES: Record<Lang, AdminMessages> = { kk: adminKk, ru: adminRu, en: adminEn };

export function adminMessagesFor(lang: Lang): AdminMessages {
  return DICTIONARIES[lang];
}
