/**
 * Vocabulary lookup for the importer: diagnoses by their whole wording and
 * medicines by name (Russian INN, English INN, Kazakh forms, trade names,
 * recorded misspellings), tolerant of case, Kazakh/Russian letter variants
 * (`fold`), Latin look-alike letters and spacing; then, where the exact name is
 * not there, of case forms and word order (morphology.ts). A medicine name the
 * reviewed vocabulary lacks is looked up in the national tables' names
 * (reference/formulary/names.csv, third-party), and the answer says which one
 * gave it. A name found in neither, or fitting several entries, is not
 * resolved: the importer never guesses a code.
 */
import type { Disease, NameVariant } from '../domain/diseases.ts';
import type { FormularyName } from '../domain/formulary.ts';
import { fold } from '../domain/search.ts';
import type { Medicine } from '../domain/vocabulary.ts';
import { formKey, MORPHOLOGIES, type Morphology } from './morphology.ts';
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

/**
 * How the written name met the entry's: `exact` (folded), `case-form` (the same words in
 * another case: "эпилепсией" – "Эпилепсия"), `word-order` (the same words, inflected, in
 * another order: "Мофетила микофенолат" – "Микофенолата мофетил"), `without-salt` (the table's
 * INN less its salt word: "Колистиметат" – "Колистиметат натрия").
 */
export const MATCH_FORMS = ['exact', 'case-form', 'word-order', 'without-salt'] as const;
export type MatchForm = (typeof MATCH_FORMS)[number];

/** Where a medicine name was resolved: the reviewed vocabulary, or the third-party national tables. */
export const NAME_SOURCES = ['vocabulary', 'national-formulary (third-party)'] as const;
export type NameSource = (typeof NAME_SOURCES)[number];

export interface DiagnosisMatch {
  disease: Disease;
  matchedBy: MatchedBy;
  name: string;
  note?: string;
  form: MatchForm;
}

/** A medicine name as written, resolved: from the vocabulary (with its INN) or the national tables (ATC, Russian INN). */
export type NameResolution =
  | {
      source: 'vocabulary';
      form: MatchForm;
      written: string;
      medicine: Medicine;
      matchedBy: MatchedBy;
      name: string;
      note?: string;
    }
  | {
      source: 'national-formulary (third-party)';
      form: MatchForm;
      written: string;
      entry: FormularyName;
      /** The ATC codes of every table row that answered (rows of one substance in both tables). */
      atc: string[];
    };

/**
 * Salt and water words a table writes after an INN ("Колистиметат натрия", "… гидрохлорид"),
 * folded: a decision often leaves them out. Chemistry, not names of medicines.
 */
const SALT_WORDS = new Set([
  'натрия',
  'калия',
  'кальция',
  'магния',
  'гидрохлорид',
  'гидробромид',
  'бромид',
  'мезилат',
  'малеат',
  'сульфат',
  'фосфат',
  'ацетат',
  'тартрат',
  'цитрат',
  'фумарат',
  'сукцинат',
  'безилат',
  'моногидрат',
  'дигидрат',
]);

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

/** Entries by a key, each key listing every entry it fits (several = ambiguous). */
class MultiMap<T> {
  private readonly map = new Map<string, T[]>();
  add(key: string, value: T): void {
    if (key === '') return;
    const list = this.map.get(key);
    if (!list) this.map.set(key, [value]);
    else if (!list.includes(value)) list.push(value);
  }
  get(key: string): readonly T[] {
    return this.map.get(key) ?? [];
  }
}

/** Stem indexes of one kind of name: ordered stems and the bag of stems, per morphology. */
class FormIndex<T> {
  private readonly ordered: Record<Morphology, MultiMap<T>> = {
    ru: new MultiMap(),
    kk: new MultiMap(),
  };
  private readonly bag: Record<Morphology, MultiMap<T>> = {
    ru: new MultiMap(),
    kk: new MultiMap(),
  };
  add(words: readonly string[], value: T): void {
    for (const m of MORPHOLOGIES) {
      this.ordered[m].add(formKey(words, m, true), value);
      this.bag[m].add(formKey(words, m, false), value);
    }
  }
  /** The entries the words fit in another case (same order) or, if `anyOrder`, in another order. */
  find(
    words: readonly string[],
    first: Morphology,
    anyOrder: boolean,
    same: (a: T, b: T) => boolean,
  ): { values: T[]; form: 'case-form' | 'word-order' } | null {
    const order: Morphology[] = first === 'kk' ? ['kk', 'ru'] : ['ru', 'kk'];
    for (const [index, form] of [
      [this.ordered, 'case-form'],
      ...(anyOrder ? [[this.bag, 'word-order']] : []),
    ] as [Record<Morphology, MultiMap<T>>, 'case-form' | 'word-order'][]) {
      for (const m of order) {
        const values = index[m].get(formKey(words, m, form === 'case-form'));
        if (values.length > 0 && values.every((v) => same(v, values[0] as T)))
          return { values: [...values], form };
        if (values.length > 0) return null; // several entries fit: ambiguous, never guessed
      }
    }
    return null;
  }
}

export class IngestVocabulary {
  /** Lower-case words of every known name and standard wording. */
  readonly lexicon: ReadonlySet<string>;
  private readonly diseases = new Map<string, Entry<Disease>>();
  private readonly medicines = new Map<string, Entry<Medicine>>();
  /** Medicine entries by first token, longest first. */
  private readonly byFirstToken = new Map<string, Entry<Medicine>[]>();
  private readonly diseaseForms = new FormIndex<Entry<Disease>>();
  private readonly medicineForms = new FormIndex<Entry<Medicine>>();
  private readonly formulary = new MultiMap<FormularyName>();
  private readonly formularyForms = new FormIndex<FormularyName>();
  private readonly formularySaltless = new MultiMap<FormularyName>();

  constructor(input: {
    medicines: readonly Medicine[];
    diseases: readonly Disease[];
    /** Names of the national tables (reference/formulary/names.csv), consulted after the vocabulary. */
    formulary?: readonly FormularyName[];
  }) {
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
          const entry: Entry<Disease> = {
            value: disease,
            matchedBy,
            name,
            tokens: [],
            ...(note ? { note } : {}),
          };
          this.diseases.set(key, entry);
          this.diseaseForms.add(key.split(' '), entry);
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
        this.medicineForms.add(tokens, entry);
        const first = tokens[0] as string;
        const list = this.byFirstToken.get(first) ?? [];
        list.push(entry);
        list.sort((a, b) => b.tokens.length - a.tokens.length);
        this.byFirstToken.set(first, list);
      }
    }
    for (const name of input.formulary ?? []) {
      const tokens = tokenize(name.name).map((t) => t.key);
      this.formulary.add(tokens.join(' '), name);
      this.formularyForms.add(tokens, name);
      const saltless = tokens.filter((t) => !SALT_WORDS.has(t));
      if (name.kind === 'inn' && saltless.length > 0 && saltless.length < tokens.length)
        for (const m of MORPHOLOGIES) this.formularySaltless.add(formKey(saltless, m, false), name);
    }
    this.lexicon = words;
  }

  /**
   * The disease whose wording (or a recorded variant) is `text`, folded; else the one whose
   * words `text` gives in another case, in the same order ("сахарным диабетом"), if only one.
   */
  diagnosis(text: string, lang: Morphology = 'kk'): DiagnosisMatch | null {
    const key = keyOf(text.replace(/[.;:,\s]+$/u, ''));
    const exact = this.diseases.get(key);
    const found = exact
      ? { entry: exact, form: 'exact' as const }
      : this.formOf(this.diseaseForms, key, lang, false, (a, b) => a.value === b.value);
    if (!found) return null;
    const { entry, form } = found;
    return {
      disease: entry.value,
      matchedBy: entry.matchedBy,
      name: entry.name,
      form,
      ...(entry.note ? { note: entry.note } : {}),
    };
  }

  private formOf<T>(
    index: FormIndex<T>,
    key: string,
    lang: Morphology,
    anyOrder: boolean,
    same: (a: T, b: T) => boolean,
  ): { entry: T; form: MatchForm } | null {
    if (key === '') return null;
    const hit = index.find(key.split(' '), lang, anyOrder, same);
    return hit ? { entry: hit.values[0] as T, form: hit.form } : null;
  }

  /**
   * A medicine name as written (an INN, a trade name), resolved: the vocabulary first — exact,
   * then in another case or word order — then the national tables' names the same way, then
   * their INNs less a salt word. Null when neither knows it, or when it fits several entries
   * of different ATC codes.
   */
  resolveName(written: string, lang: Morphology = 'kk'): NameResolution | null {
    const key = keyOf(written);
    if (key === '') return null;
    const exact = this.medicines.get(key);
    const vocab = exact
      ? { entry: exact, form: 'exact' as const }
      : this.formOf(this.medicineForms, key, lang, true, (a, b) => a.value === b.value);
    if (vocab)
      return {
        source: 'vocabulary',
        form: vocab.form,
        written,
        medicine: vocab.entry.value,
        matchedBy: vocab.entry.matchedBy,
        name: vocab.entry.name,
        ...(vocab.entry.note ? { note: vocab.entry.note } : {}),
      };
    const sameCodes = (a: FormularyName, b: FormularyName) => a.atc.join() === b.atc.join();
    const tiers: (() => { values: readonly FormularyName[]; form: MatchForm } | null)[] = [
      () => ({ values: this.formulary.get(key), form: 'exact' }),
      () => this.formularyForms.find(key.split(' '), lang, true, sameCodes),
      () => {
        for (const m of lang === 'kk' ? (['kk', 'ru'] as const) : (['ru', 'kk'] as const)) {
          const values = this.formularySaltless.get(formKey(key.split(' '), m, false));
          if (values.length > 0) return { values, form: 'without-salt' };
        }
        return null;
      },
    ];
    for (const tier of tiers) {
      const hit = tier();
      if (!hit || hit.values.length === 0) continue;
      const first = hit.values[0] as FormularyName;
      if (!hit.values.every((v) => sameCodes(v, first))) return null;
      // Rows of one substance in both tables: the formulary's row speaks, the codes are the same.
      const entry = hit.values.find((v) => v.table !== 'orphan') ?? first;
      return {
        source: 'national-formulary (third-party)',
        form: hit.form,
        written,
        entry,
        atc: [...entry.atc],
      };
    }
    return null;
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
