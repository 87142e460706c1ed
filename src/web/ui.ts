/**
 * What every page knows: its language and dictionary, where it is (for the
 * language switch), the asset URLs, and small helpers to build URLs and pick
 * the page language out of the domain's three-language texts.
 */
import type { Services } from '../app/services.ts';
import type { ActFile } from '../domain/act.ts';
import type { IsoDate } from '../domain/date.ts';
import type { Region } from '../domain/region.ts';
import type { Lang, LocalizedText } from '../domain/text.ts';
import { messagesFor, type Messages } from './i18n/messages.ts';

/** The same services and clock as the HTTP API (`HttpDeps` has this shape). */
export interface WebDeps {
  services: Services;
  /** Today in Kazakhstan: the default date of every page. */
  today: () => IsoDate;
}

export interface Ui {
  lang: Lang;
  m: Messages;
  /** The page's path after the language prefix, with its query string: `/regions/karaganda?date=…`. */
  here: string;
  today: IsoDate;
  assets: { css: string; js: string };
  /** An act by id, to name it briefly ("No 15-3 of 24.10.2024") wherever it is linked. */
  act: (id: string) => Pick<ActFile, 'number' | 'adopted'> | undefined;
}

export function makeUi(
  lang: Lang,
  here: string,
  today: IsoDate,
  assets: { css: string; js: string },
  act: Ui['act'] = () => undefined,
): Ui {
  return { lang, m: messagesFor(lang), here, today, assets, act };
}

type QueryValue = string | number | null | undefined;

/** `/{lang}{path}?{query}`; empty and null values are left out. */
export function href(ui: Pick<Ui, 'lang'>, path: string, query: Record<string, QueryValue> = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `/${ui.lang}${path}${qs ? `?${qs}` : ''}`;
}

export function tr(ui: Pick<Ui, 'lang'>, text: LocalizedText): string {
  return text[ui.lang];
}

/** The text with its first letter in upper case, for labels that open a heading or a line. */
export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

export const regionPath = (region: Pick<Region, 'slug'>) => `/regions/${region.slug}`;

export const itemPath = (region: Pick<Region, 'slug'>, section: string, item: string) =>
  `${regionPath(region)}/items/${section}/${item}`;

export const actPath = (id: string) => `/acts/${encodeURIComponent(id)}`;

export const medicinePath = (inn: string) => `/medicines/${encodeURIComponent(inn)}`;

export const diagnosisPath = (code: string) => `/diagnoses/${encodeURIComponent(code)}`;
