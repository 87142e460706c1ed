/**
 * Texts in three languages as FHIR strings: the resource's language as the
 * plain value, the other two as `translation` extensions on the primitive
 * (`name` + `_name`). tegin always carries all three, so a client can show any.
 */
import { LANGS, type Lang, type LocalizedText } from '../domain/text.ts';
import { SYSTEM } from './extensions.ts';
import type { Element, Extension } from './types.ts';

export const DEFAULT_LANG: Lang = 'kk';

/** The `_x` element of a string in `lang`: the other two languages as translations. */
export function translationsOf(text: LocalizedText, lang: Lang): Element {
  return {
    extension: LANGS.filter((l) => l !== lang).map((l) => ({
      url: SYSTEM.translation,
      extension: [
        { url: 'lang', valueCode: l },
        { url: 'content', valueString: text[l] },
      ],
    })),
  };
}

type LocalizedField<K extends string> = { [P in K]: string } & { [P in `_${K}`]: Element };

/** `{ key: text[lang], _key: translations }`, to spread into a FHIR element. */
export function localized<K extends string>(
  key: K,
  text: LocalizedText,
  lang: Lang,
): LocalizedField<K> {
  return { [key]: text[lang], [`_${key}`]: translationsOf(text, lang) } as LocalizedField<K>;
}

type LocalizedListField<K extends string> = { [P in K]: string[] } & { [P in `_${K}`]: Element[] };

/** `{ key: [texts in lang], _key: [their translations] }`, for a repeating string. */
export function localizedList<K extends string>(
  key: K,
  texts: readonly LocalizedText[],
  lang: Lang,
): LocalizedListField<K> {
  return {
    [key]: texts.map((t) => t[lang]),
    [`_${key}`]: texts.map((t) => translationsOf(t, lang)),
  } as LocalizedListField<K>;
}

/** An extension whose value is a string in three languages. */
export function textExtension(url: string, text: LocalizedText, lang: Lang): Extension {
  return { url, ...localized('valueString', text, lang) };
}

/** The same text in every language (codes, INNs, act ids). */
export function same(text: string): LocalizedText {
  return { kk: text, ru: text, en: text };
}
