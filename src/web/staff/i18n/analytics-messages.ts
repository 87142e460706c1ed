/** The Analytics section's dictionaries. English defines the shape; kk and ru are typed by it. */
import type { Lang } from '../../../domain/text.ts';
import { analyticsEn } from './analytics-en.ts';
import { analyticsKk } from './analytics-kk.ts';
import { analyticsRu } from './analytics-ru.ts';

export type AnalyticsMessages = typeof analyticsEn;

const DICTIONARIES: Record<Lang, AnalyticsMessages> = {
  kk: analyticsKk,
  ru: analyticsRu,
  en: analyticsEn,
};

export function analyticsMessagesFor(lang: Lang): AnalyticsMessages {
  return DICTIONARIES[lang];
}
