/**
 * Products of one item: from the names a layout found (quoted, bracketed) or by
 * scanning a table cell for known medicine names, each resolved to an INN and
 * ATC code through the vocabulary — or, where the vocabulary lacks the name, to
 * a Russian INN and ATC code through the national tables (third-party, flagged
 * for a reviewer to add the English INN) — or kept verbatim and flagged.
 */
import type { Product } from '../domain/list.ts';
import { localize, TRANSLATE, untranslated } from './phrases.ts';
import type { ParsedProductText, SectionKindGuess, SourceLang } from './model.ts';
import { splitTopLevel } from './layouts/common.ts';
import type {
  IngestVocabulary,
  MatchedBy,
  MatchForm,
  NameResolution,
  NameSource,
} from './vocabulary.ts';
import { FORMULARY_PROVENANCE } from '../domain/formulary.ts';
import type { Medicine } from '../domain/vocabulary.ts';
import type { AtcCode } from '../domain/codes.ts';

export interface BuiltProduct {
  product: Product;
  resolved: boolean;
  matchedBy: MatchedBy | null;
  /** Which reference answered, and how the written name met its entry; null if none did. */
  source: NameSource | null;
  form: MatchForm | null;
  /** The Russian INN the national tables give, for a name resolved there. */
  innRu: string | null;
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
        ...NO_SOURCE,
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
          ...NO_SOURCE,
          lookedUp: piece,
          line: p.line,
        });
      }
      continue;
    }
    if (p.quoted) {
      const resolved = resolveQuoted(p.quoted, lang, vocabulary);
      if (resolved) {
        // The product is named by its first written name (the bracketed INN), as the source orders them.
        const name =
          resolved.first.source === 'vocabulary' ? (p.quoted[0] as string) : resolved.first.written;
        built.push(fromResolution(p.text, name, resolved.first, lang, p.line, resolved.conflict));
        continue;
      }
    }
    const text = p.text.replace(/^[\s,;.]+|[\s,;.]+$/gu, '');
    const matches = vocabulary.scanProducts(text);
    const prefix = matches.length > 0 ? text.slice(0, matches[0]?.start) : text;
    for (const piece of pieces(prefix)) {
      const r = vocabulary.resolveName(piece, lang);
      if (r) {
        built.push(fromResolution(piece, r.written, r, lang, p.line, null));
        continue;
      }
      built.push({
        product: unresolved(piece, lang),
        resolved: false,
        matchedBy: null,
        ...NO_SOURCE,
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
        source: 'vocabulary',
        form: 'exact',
        innRu: null,
        lookedUp: name,
        line: p.line,
        ...(m.note ? { note: m.note } : {}),
      });
    });
  }
  return built;
}

const NO_SOURCE = { source: null, form: null, innRu: null } as const;

/** The ATC codes a resolution gives. */
function codesOf(r: NameResolution): readonly string[] {
  return r.source === 'vocabulary' ? r.medicine.atc : r.atc;
}

/**
 * The first of a product's written names (INN in brackets, the rest, the brand in quotes) the
 * vocabulary resolves, else the first the national tables resolve; and, if another of its names
 * resolves to a substance of other ATC codes, that conflict in words.
 */
function resolveQuoted(
  names: readonly string[],
  lang: SourceLang,
  vocabulary: IngestVocabulary,
): { first: NameResolution; conflict: string | null } | null {
  const all = names
    .map((q) => vocabulary.resolveName(q, lang))
    .filter((r): r is NameResolution => r !== null);
  const first =
    all.find((r) => r.source === 'vocabulary' && r.form === 'exact') ??
    all.find((r) => r.source === 'vocabulary') ??
    all.find((r) => r.form === 'exact') ??
    all[0];
  if (!first) return null;
  const codes = codesOf(first);
  const other = all.find((r) => !codesOf(r).some((c) => codes.includes(c)));
  const conflict = other
    ? `"${other.written}" is ${describe(other)}, not ${describe(first)} as "${first.written}" is: check which the decision means.`
    : null;
  return { first, conflict };
}

function describe(r: NameResolution): string {
  return r.source === 'vocabulary'
    ? `${r.medicine.inn} (${r.medicine.atc.join(', ')})`
    : `${r.entry.innRu} (${r.atc.join(', ')}, ${r.source})`;
}

const FORM_WORDS: Record<Exclude<MatchForm, 'exact'>, string> = {
  'case-form': 'in another case form',
  'word-order': 'in another word order',
  'without-salt': 'without its salt word',
};

function fromResolution(
  text: string,
  name: string,
  r: NameResolution,
  lang: SourceLang,
  line: number,
  conflict: string | null,
): BuiltProduct {
  const how = r.form === 'exact' ? '' : ` "${r.written}" matched ${FORM_WORDS[r.form]}.`;
  if (r.source === 'vocabulary') {
    const notes = [r.note, how.trim() || undefined, conflict ?? undefined].filter(Boolean);
    const product = medicine(
      text,
      name,
      null,
      r.medicine,
      r.matchedBy,
      lang,
      notes.length > 0 ? notes.join(' ') : undefined,
    );
    if (r.form !== 'exact' || conflict)
      product.mapping.confidence = conflict
        ? 'low'
        : product.mapping.confidence === 'high'
          ? 'medium'
          : product.mapping.confidence;
    return {
      product,
      resolved: true,
      matchedBy: r.matchedBy,
      source: 'vocabulary',
      form: r.form,
      innRu: null,
      lookedUp: r.written,
      line,
      ...(r.note ? { note: r.note } : {}),
    };
  }
  const e = r.entry;
  const atc: AtcCode | null = r.atc.length === 1 ? (r.atc[0] as AtcCode) : null;
  const codes = atc ? `ATC ${atc}` : `ATC ${r.atc.join(', ')} by form or edition: choose one`;
  const what = e.kind === 'trade' ? `a trade name of ${e.innRu}` : e.innRu;
  const note = `Not in the medicines vocabulary. The ${FORMULARY_PROVENANCE} gives "${r.written}" as ${what}, ${codes}.${how} Check it, then add the English INN to data/vocabulary/medicines.yaml.${conflict ? ` ${conflict}` : ''}`;
  return {
    product: {
      kind: 'medicine',
      text: sourceWording(text),
      name:
        lang === 'kk'
          ? { kk: r.written, ru: e.innRu, en: `${TRANSLATE} ${e.innRu}` }
          : { kk: `${TRANSLATE} ${r.written}`, ru: r.written, en: `${TRANSLATE} ${e.innRu}` },
      form: null,
      inn: null,
      atc,
      mapping: { confidence: 'low', note: untranslated(note) },
    },
    resolved: true,
    matchedBy: e.kind === 'trade' ? 'brand' : 'inn',
    source: r.source,
    form: r.form,
    innRu: e.innRu,
    lookedUp: r.written,
    line,
  };
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
