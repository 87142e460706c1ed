/**
 * Products of one item: from the names a layout found (quoted, bracketed) or by
 * scanning a table cell for known medicine names, each resolved to an INN and
 * ATC code through the vocabulary, or kept verbatim and flagged.
 */
import type { Product } from '../domain/list.ts';
import { localize, TRANSLATE, untranslated } from './phrases.ts';
import type { ParsedProductText, SectionKindGuess, SourceLang } from './model.ts';
import { splitTopLevel } from './layouts/common.ts';
import type { IngestVocabulary, MatchedBy } from './vocabulary.ts';
import type { Medicine } from '../domain/vocabulary.ts';
import type { AtcCode } from '../domain/codes.ts';

export interface BuiltProduct {
  product: Product;
  resolved: boolean;
  matchedBy: MatchedBy | null;
  /** The name that was looked up, for the report. */
  lookedUp: string;
  line: number;
  note?: string;
}

export function buildProducts(
  parsed: readonly ParsedProductText[],
  sectionKind: SectionKindGuess,
  lang: SourceLang,
  vocabulary: IngestVocabulary,
): BuiltProduct[] {
  const built: BuiltProduct[] = [];
  for (const p of parsed) {
    if (p.unnamed) {
      built.push({
        product: unnamed(p.text),
        resolved: true,
        matchedBy: null,
        lookedUp: p.text,
        line: p.line,
      });
      continue;
    }
    const kind = p.kind ?? sectionKind;
    if (kind !== 'medicine') {
      for (const piece of pieces(p.text)) {
        built.push({
          product: nonMedicine(piece, kind, lang),
          resolved: true,
          matchedBy: null,
          lookedUp: piece,
          line: p.line,
        });
      }
      continue;
    }
    if (p.quoted) {
      const hit = p.quoted.map((q) => ({ q, m: vocabulary.product(q) })).find((x) => x.m);
      if (hit?.m) {
        const name = p.quoted[0] as string;
        built.push({
          product: medicine(p.text, name, null, hit.m.medicine, hit.m.matchedBy, lang, hit.m.note),
          resolved: true,
          matchedBy: hit.m.matchedBy,
          lookedUp: hit.q,
          line: p.line,
          ...(hit.m.note ? { note: hit.m.note } : {}),
        });
        continue;
      }
    }
    const text = p.text.replace(/^[\s,;.]+|[\s,;.]+$/gu, '');
    const matches = vocabulary.scanProducts(text);
    const prefix = matches.length > 0 ? text.slice(0, matches[0]?.start) : text;
    for (const piece of pieces(prefix)) {
      built.push({
        product: unresolved(piece, lang),
        resolved: false,
        matchedBy: null,
        lookedUp: piece,
        line: p.line,
      });
    }
    matches.forEach((m, k) => {
      const end = matches[k + 1]?.start ?? text.length;
      const segment = clean(text.slice(m.start, end));
      const name = text.slice(m.start, m.end);
      const form = clean(segment.slice(name.length).replace(/^[\s,.-]+/u, ''));
      built.push({
        product: medicine(segment, name, form || null, m.medicine, m.matchedBy, lang, m.note),
        resolved: true,
        matchedBy: m.matchedBy,
        lookedUp: name,
        line: p.line,
        ...(m.note ? { note: m.note } : {}),
      });
    });
  }
  return built;
}

function clean(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;.]+|[\s,;.]+$/gu, '')
    .trim();
}

/** Unresolved or non-medicine text split into named things: at ";" and at ", " before a capital. */
function pieces(text: string): string[] {
  return splitTopLevel(text, ';')
    .flatMap((p) => p.split(/,\s+(?=\p{Lu})/u))
    .map(clean)
    .filter((p) => /\p{L}/u.test(p));
}

function sourceWording(text: string): { kk: string } {
  return { kk: text };
}

function unnamed(text: string): Product {
  return {
    kind: 'medicine',
    text: sourceWording(text),
    name: null,
    form: null,
    inn: null,
    innAbsent: 'name_missing',
    atc: null,
    mapping: {
      confidence: 'low',
      note: untranslated('The source names no medicine for this item.'),
    },
  };
}

function nonMedicine(text: string, kind: 'device' | 'food', lang: SourceLang): Product {
  return {
    kind,
    text: sourceWording(text),
    name: localize(text, lang),
    form: null,
    inn: null,
    innAbsent: 'not_applicable',
    atc: null,
    mapping: { confidence: 'high' },
  };
}

function unresolved(text: string, lang: SourceLang): Product {
  return {
    kind: 'medicine',
    text: sourceWording(text),
    name: localize(text, lang),
    form: null,
    inn: null,
    atc: null,
    mapping: {
      confidence: 'low',
      note: untranslated('Not in the medicines vocabulary: kept verbatim for a reviewer to code.'),
    },
  };
}

function medicine(
  text: string,
  name: string,
  form: string | null,
  m: Medicine,
  matchedBy: MatchedBy,
  lang: SourceLang,
  aliasNote: string | undefined,
): Product {
  const atc: AtcCode | null = m.atc.length === 1 ? (m.atc[0] as AtcCode) : null;
  const notes: string[] = [];
  if (atc === null)
    notes.push(`The vocabulary gives ${m.atc.join(', ')} by form or indication; choose one.`);
  if (aliasNote) notes.push(aliasNote);
  if (matchedBy === 'misspelling') notes.push(`"${name}" is a recorded misspelling of "${m.ru}".`);
  const confidence =
    matchedBy === 'variant' || matchedBy === 'misspelling' || atc === null
      ? m.confidence === 'low'
        ? 'low'
        : 'medium'
      : m.confidence;
  return {
    kind: 'medicine',
    text: sourceWording(text),
    name:
      lang === 'kk'
        ? { kk: name, ru: m.ru, en: m.inn }
        : { kk: `${TRANSLATE} ${name}`, ru: name, en: m.inn },
    form: form ? localize(form, lang) : null,
    inn: m.inn,
    atc,
    mapping: { confidence, ...(notes.length > 0 ? { note: untranslated(notes.join(' ')) } : {}) },
  };
}
