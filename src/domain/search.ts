/**
 * Search across every region's current list by diagnosis words, ICD-10 code,
 * INN, ATC code or product name, in kk, ru or en. Tolerant of case and of
 * Kazakh/Russian letter variants (ә/а, і/и, ұ/у, ү/у, қ/к, ғ/г, ң/н, ө/о, һ/х).
 */
import { icd10Covers, normaliseIcd10 } from './codes.ts';
import type { InForceItem, Item, ListFile, Section } from './list.ts';

const FOLD: Record<string, string> = {
  ә: 'а',
  і: 'и',
  ұ: 'у',
  ү: 'у',
  қ: 'к',
  ғ: 'г',
  ң: 'н',
  ө: 'о',
  һ: 'х',
  ё: 'е',
  й: 'и',
};

/** Lower case, Kazakh letters folded to their Russian neighbours, punctuation to spaces. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[әіұүқғңөһёй]/g, (c) => FOLD[c] ?? c)
    .replace(/[^\p{L}\p{N}.+]+/gu, ' ')
    .trim();
}

export type MatchKind = 'icd10' | 'icd10_possible' | 'atc' | 'text';

export interface SearchableItem {
  list: ListFile;
  section: Section;
  item: InForceItem;
  haystack: string;
}

/**
 * The folded entries of each list, built once per list text: a registry
 * version's lists are frozen and shared, so the index lives exactly as long as
 * the version that holds them (a WeakMap, no invalidation to forget).
 */
const indexes = new WeakMap<ListFile, readonly SearchableItem[]>();

/** The searchable entries of one list; the same array on every call for the same list. */
export function searchableItemsOf(list: ListFile): readonly SearchableItem[] {
  let entries = indexes.get(list);
  if (!entries) {
    entries = Object.freeze(
      list.sections.flatMap((section) =>
        section.items
          .filter((item: Item): item is InForceItem => item.status === 'in_force')
          .map((item) => ({ list, section, item, haystack: fold(haystackOf(item)) })),
      ),
    );
    indexes.set(list, entries);
  }
  return entries;
}

export function searchableItems(lists: readonly ListFile[]): SearchableItem[] {
  return lists.flatMap((list) => searchableItemsOf(list));
}

function haystackOf(item: InForceItem): string {
  const parts = [item.diagnosis.text.kk, item.diagnosis.text.ru, item.diagnosis.text.en];
  for (const p of item.products) {
    parts.push(p.text.kk, p.inn ?? '', p.atc ?? '');
    if (p.name) parts.push(p.name.kk, p.name.ru, p.name.en);
  }
  return parts.join(' | ');
}

export interface SearchHit {
  entry: SearchableItem;
  matchedBy: MatchKind[];
}

/** Items matching every word of `query` (or the code it is). */
export function search(entries: readonly SearchableItem[], query: string): SearchHit[] {
  const trimmed = query.trim();
  if (trimmed === '') return [];
  const code = normaliseIcd10(trimmed);
  const atc = /^[A-Za-z]\d{2}(?:[A-Za-z]{1,2}(?:\d{2})?)?$/.test(trimmed)
    ? trimmed.toUpperCase()
    : null;
  const words = fold(trimmed)
    .split(' ')
    .filter((w) => w.length >= 2);
  const hits: SearchHit[] = [];
  for (const entry of entries) {
    const matchedBy: MatchKind[] = [];
    if (code.ok) {
      const codes = entry.item.diagnosis.icd10;
      if (codes.some((c) => icd10Covers(c, code.code) || icd10Covers(code.code, c)))
        matchedBy.push('icd10');
      else if (
        (entry.item.diagnosis.mapping.alternatives ?? []).some((c) => icd10Covers(c, code.code))
      ) {
        matchedBy.push('icd10_possible');
      }
    }
    if (atc && entry.item.products.some((p) => p.atc?.startsWith(atc))) matchedBy.push('atc');
    if (words.length > 0 && words.every((w) => entry.haystack.includes(w))) matchedBy.push('text');
    if (matchedBy.length > 0) hits.push({ entry, matchedBy });
  }
  return hits;
}
