/**
 * Vocabulary lookup for the importer: diagnoses by their whole wording and
 * medicines by name (Russian INN, English INN, Kazakh forms, trade names,
 * recorded misspellings), tolerant of case, Kazakh/Russian letter variants
 * (`fold`), Latin look-alike letters and spacing. A name that is not here is
 * not resolved: the importer never guesses a code.
 */
import type { Disease, NameVariant } from '../domain/diseases.ts';
import { fold } from '../domain/search.ts';
import type { Medicine } from '../domain/vocabulary.ts';
import { PHRASE_WORDS } from './phrases.ts';

/** Latin letters that PDFs and typists put in Cyrillic words. */
const HOMOGLYPHS: Record<string, string> = {
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  k: 'к',
  m: 'м',
  t: 'т',
  h: 'н',
  b: 'в',
};

const TOKEN = /[\p{L}\p{N}]+(?:[.\-/][\p{L}\p{N}]+)*|\+/gu;

export interface Token {
  key: string;
  start: number;
  end: number;
}

const KEYS = new Map<string, string>();

function keyOfToken(token: string): string {
  let key = KEYS.get(token);
  if (key === undefined) {
    key = fold(token)
      .replace(/[a-z]/g, (c) => HOMOGLYPHS[c] ?? c)
      .replace(/[\s.]/g, '');
    if (KEYS.size > 50_000) KEYS.clear();
    KEYS.set(token, key);
  }
  return key;
}

/** Tokens of `text` with a comparison key each and their offsets in `text`. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const key = keyOfToken(m[0]);
    if (key) tokens.push({ key, start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** The comparison key of a whole wording. */
export function keyOf(text: string): string {
  return tokenize(text)
    .map((t) => t.key)
    .join(' ');
}

export type MatchedBy = 'name' | NameVariant['kind'] | 'inn';

export interface DiagnosisMatch {
  disease: Disease;
  matchedBy: MatchedBy;
  name: string;
  note?: string;
}

export interface ProductMatch {
  medicine: Medicine;
  matchedBy: MatchedBy;
  name: string;
  note?: string;
  /** Offsets of the matched name in the scanned text. */
  start: number;
  end: number;
}

interface Entry<T> {
  value: T;
  matchedBy: MatchedBy;
  name: string;
  note?: string;
  tokens: string[];
}

export class IngestVocabulary {
  /** Lower-case words of every known name and standard wording. */
  readonly lexicon: ReadonlySet<string>;
  private readonly diseases = new Map<string, Entry<Disease>>();
  private readonly medicines = new Map<string, Entry<Medicine>>();
  /** Medicine entries by first token, longest first. */
  private readonly byFirstToken = new Map<string, Entry<Medicine>[]>();

  constructor(input: { medicines: readonly Medicine[]; diseases: readonly Disease[] }) {
    const words = new Set<string>(PHRASE_WORDS);
    const addWords = (name: string) => {
      for (const w of name.toLowerCase().split(/[\s,;:()"«»]+/)) if (w) words.add(w);
    };
    for (const disease of input.diseases) {
      const names: [string, MatchedBy, string | undefined][] = [
        [disease.kk, 'name', undefined],
        [disease.ru, 'ru', undefined],
        ...(disease.variants ?? []).map((v): [string, MatchedBy, string | undefined] => [
          v.name,
          v.kind,
          v.note,
        ]),
      ];
      for (const [name, matchedBy, note] of names) {
        addWords(name);
        const key = keyOf(name);
        if (!this.diseases.has(key)) {
          this.diseases.set(key, {
            value: disease,
            matchedBy,
            name,
            tokens: [],
            ...(note ? { note } : {}),
          });
        }
      }
    }
    for (const medicine of input.medicines) {
      const names: [string, MatchedBy, string | undefined][] = [
        [medicine.ru, 'name', undefined],
        [medicine.inn, 'inn', undefined],
        ...(medicine.aliases ?? []).map((a): [string, MatchedBy, string | undefined] => [
          a.name,
          a.kind,
          a.note,
        ]),
      ];
      for (const [name, matchedBy, note] of names) {
        addWords(name);
        const tokens = tokenize(name).map((t) => t.key);
        const key = tokens.join(' ');
        if (tokens.length === 0 || this.medicines.has(key)) continue;
        const entry: Entry<Medicine> = {
          value: medicine,
          matchedBy,
          name,
          tokens,
          ...(note ? { note } : {}),
        };
        this.medicines.set(key, entry);
        const first = tokens[0] as string;
        const list = this.byFirstToken.get(first) ?? [];
        list.push(entry);
        list.sort((a, b) => b.tokens.length - a.tokens.length);
        this.byFirstToken.set(first, list);
      }
    }
    this.lexicon = words;
  }

  /** The disease whose wording (or a recorded variant) is exactly `text`, folded. */
  diagnosis(text: string): DiagnosisMatch | null {
    const entry = this.diseases.get(keyOf(text.replace(/[.;:,\s]+$/u, '')));
    if (!entry) return null;
    return {
      disease: entry.value,
      matchedBy: entry.matchedBy,
      name: entry.name,
      ...(entry.note ? { note: entry.note } : {}),
    };
  }

  /** Known wordings that `text` contains, as suggestions for a reviewer (never applied). */
  suggestDiagnoses(text: string): Disease[] {
    const key = ` ${keyOf(text)} `;
    const found = new Set<Disease>();
    for (const [k, entry] of this.diseases) if (k && key.includes(` ${k} `)) found.add(entry.value);
    return [...found];
  }

  /** The medicine named exactly `name` (quotes and trailing punctuation ignored). */
  product(name: string): Omit<ProductMatch, 'start' | 'end'> | null {
    const entry = this.medicines.get(keyOf(name));
    if (!entry) return null;
    return {
      medicine: entry.value,
      matchedBy: entry.matchedBy,
      name: entry.name,
      ...(entry.note ? { note: entry.note } : {}),
    };
  }

  /** Every known medicine name in `text`, left to right, longest first, not overlapping. */
  scanProducts(text: string): ProductMatch[] {
    const tokens = tokenize(text);
    const found: ProductMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.byFirstToken.get((tokens[i] as Token).key);
      if (!candidates) continue;
      const hit = candidates.find((c) => c.tokens.every((t, k) => tokens[i + k]?.key === t));
      if (!hit) continue;
      const last = tokens[i + hit.tokens.length - 1] as Token;
      found.push({
        medicine: hit.value,
        matchedBy: hit.matchedBy,
        name: hit.name,
        ...(hit.note ? { note: hit.note } : {}),
        start: (tokens[i] as Token).start,
        end: last.end,
      });
      i += hit.tokens.length - 1;
    }
    return found;
  }
}
