/**
 * Use cases for browsing the lists: which items of a region's list match a
 * query on a date, one medicine or one diagnosis across every region, the
 * indexes of both, diagnosis suggestions, and reading a diagnosis a person
 * typed (a code, or a name the lists use). Built on the domain's search and
 * catalogue, so the web pages and any other client answer alike.
 */
import { selectVersion, type Catalog, type CatalogItem } from '../domain/catalog.ts';
import { icd10Covers, normaliseIcd10, type Icd10Code } from '../domain/codes.ts';
import type { IsoDate } from '../domain/date.ts';
import type { Region, RegionCode } from '../domain/region.ts';
import { search, searchableItemsOf, type MatchKind } from '../domain/search.ts';
import type { Lang, LocalizedText } from '../domain/text.ts';
import { unitsOf, type CitationUnit } from '../domain/units.ts';
import type { Registry } from '../registry/registry.ts';
import { catalogFor, searchFor } from './queries.ts';

/** `1.5`: section number and item number, unique within one list text. */
export function itemKey(item: { sectionNumber: string; number: string }): string {
  return `${item.sectionNumber}.${item.number}`;
}

/** Regions whose list tegin holds, in the registry's order. */
export function regionsWithLists(registry: Registry): Region[] {
  return registry.regions.filter((r) => registry.listVersions(r.code).length > 0);
}

/** Keys of the items of the text in force on `date` that match `query` (words, ICD-10, INN, ATC). */
export function matchingItemKeys(
  registry: Registry,
  region: Region,
  date: IsoDate,
  query: string,
): Map<string, MatchKind[]> {
  const versions = registry.listVersions(region.code);
  if (versions.length === 0) return new Map();
  const selection = selectVersion(versions, date);
  if (selection.kind === 'not_covered') return new Map();
  const hits = search(searchableItemsOf(selection.version.list), query);
  return new Map(
    hits.map((h) => [
      itemKey({ sectionNumber: h.entry.section.number, number: h.entry.item.number }),
      h.matchedBy,
    ]),
  );
}

export interface RegionMatches {
  region: Region;
  catalog: Catalog;
  items: { item: CatalogItem; matchedBy: MatchKind[] }[];
}

/** Items covering an ICD-10 code (or covered by it) in every region's list on `date`. */
export function diagnosisAcrossRegions(
  registry: Registry,
  code: Icd10Code,
  date: IsoDate,
): RegionMatches[] {
  return regionsWithLists(registry).map((region) => {
    const catalog = catalogFor(registry, region, date);
    const keys = matchingItemKeys(registry, region, date, code);
    const items = catalog.items.flatMap((item) => {
      const matchedBy = (keys.get(itemKey(item)) ?? []).filter(
        (k) => k === 'icd10' || k === 'icd10_possible',
      );
      return matchedBy.length > 0 ? [{ item, matchedBy }] : [];
    });
    return { region, catalog, items };
  });
}

/** Items with a product of this INN (alone or in a combination) in every region's list on `date`. */
export function medicineAcrossRegions(
  registry: Registry,
  inn: string,
  date: IsoDate,
): RegionMatches[] {
  const refs = registry.itemsByInn(inn);
  return regionsWithLists(registry).map((region) => {
    const catalog = catalogFor(registry, region, date);
    const versions = registry.listVersions(region.code);
    const selection = versions.length > 0 ? selectVersion(versions, date) : null;
    const version = selection && selection.kind !== 'not_covered' ? selection.version : null;
    const keys = new Set(
      refs
        .filter((r) => r.version === version)
        .map((r) => itemKey({ sectionNumber: r.section.number, number: r.item.number })),
    );
    const items = catalog.items
      .filter((item) => keys.has(itemKey(item)))
      .map((item) => ({ item, matchedBy: ['text' as const] }));
    return { region, catalog, items };
  });
}

export interface MedicineEntry {
  inn: string;
  name: LocalizedText | null;
  atc: string[];
  regions: RegionCode[];
}

/** Every INN named in the latest text of each region's list, by INN. */
export function medicinesIndex(registry: Registry): MedicineEntry[] {
  const byInn = new Map<string, MedicineEntry>();
  for (const region of regionsWithLists(registry)) {
    const latest = registry.listVersions(region.code).at(-1);
    if (!latest) continue;
    for (const section of latest.list.sections) {
      for (const item of section.items) {
        if (item.status !== 'in_force') continue;
        for (const p of item.products) {
          if (!p.inn) continue;
          const entry = byInn.get(p.inn) ?? { inn: p.inn, name: p.name, atc: [], regions: [] };
          if (p.atc && !entry.atc.includes(p.atc)) entry.atc.push(p.atc);
          if (!entry.regions.includes(region.code)) entry.regions.push(region.code);
          byInn.set(p.inn, entry);
        }
      }
    }
  }
  return [...byInn.values()].sort((a, b) => a.inn.localeCompare(b.inn));
}

/** One medicine by INN, or by its name in any language; undefined when no list names it. */
export function medicineEntry(registry: Registry, key: string): MedicineEntry | undefined {
  const wanted = key.trim().toLowerCase();
  const index = medicinesIndex(registry);
  return (
    index.find((m) => m.inn === wanted) ??
    index.find((m) => m.name && Object.values(m.name).some((n) => n.toLowerCase() === wanted))
  );
}

export interface DiagnosisEntry {
  code: string;
  wordings: {
    region: RegionCode;
    text: LocalizedText;
    sectionNumber: string;
    item: string;
    /** Where the item stands in its annex, in the annex's own units. */
    units: CitationUnit[];
  }[];
}

/** Every ICD-10 code in the latest text of each region's list, with the lists' wording. */
export function diagnosesIndex(registry: Registry): DiagnosisEntry[] {
  const byCode = new Map<string, DiagnosisEntry>();
  for (const region of regionsWithLists(registry)) {
    const latest = registry.listVersions(region.code).at(-1);
    if (!latest) continue;
    for (const section of latest.list.sections) {
      for (const item of section.items) {
        if (item.status !== 'in_force') continue;
        for (const code of item.diagnosis.icd10) {
          const entry = byCode.get(code) ?? { code, wordings: [] };
          entry.wordings.push({
            region: region.code,
            text: item.diagnosis.text,
            sectionNumber: section.number,
            item: item.number,
            units: unitsOf(
              latest.list.structure,
              section.number,
              item.numberAssigned ? null : item.number,
            ),
          });
          byCode.set(code, entry);
        }
      }
    }
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export interface Suggestion {
  code: string;
  label: string;
}

/** Diagnoses (code and the lists' wording in `lang`) for what a person is typing. */
export function suggestDiagnoses(
  registry: Registry,
  query: string,
  lang: Lang,
  limit = 10,
): Suggestion[] {
  if (query.trim().length < 2) return [];
  const typed = normaliseIcd10(query);
  const seen = new Set<string>();
  const suggestions: Suggestion[] = [];
  for (const hit of searchFor(registry, query)) {
    for (const code of hit.diagnosis.icd10 as Icd10Code[]) {
      if (typed.ok && !icd10Covers(code, typed.code) && !icd10Covers(typed.code, code)) continue;
      const label = hit.diagnosis[lang];
      // Words name a diagnosis: one suggestion per wording (its first code), so a
      // diagnosis listed under many subcodes does not crowd out the others.
      const key = typed.ok ? `${code} ${label}` : label;
      if (seen.has(key)) continue;
      seen.add(key);
      suggestions.push({ code, label });
    }
  }
  return suggestions
    .sort((a, b) => a.code.localeCompare(b.code) || a.label.localeCompare(b.label))
    .slice(0, limit);
}

export type ReadDiagnosis =
  | { kind: 'code'; code: Icd10Code }
  | { kind: 'named'; codes: Icd10Code[]; label: LocalizedText }
  | { kind: 'ambiguous'; options: Suggestion[] }
  | { kind: 'unknown' };

const LEADING_CODE = /^\s*([A-Za-z]\d{2}(?:\.?\d{1,2})?)(?=$|[\s,;:—–-])/;

/**
 * What a person typed as a diagnosis: an ICD-10 code (`m082`), a suggestion
 * (`M08.2 — Juvenile arthritis`), or words naming one diagnosis of the lists
 * (preferring the wording of `region`'s list). Several candidates are returned
 * for the person to choose; words no list uses are `unknown`.
 */
export function readDiagnosis(
  registry: Registry,
  input: string,
  lang: Lang,
  region?: Region,
): ReadDiagnosis {
  const whole = normaliseIcd10(input);
  if (whole.ok) return { kind: 'code', code: whole.code };
  const leading = LEADING_CODE.exec(input);
  if (leading?.[1]) {
    const code = normaliseIcd10(leading[1]);
    if (code.ok) return { kind: 'code', code: code.code };
  }
  const hits = searchFor(registry, input).filter((h) => h.matchedBy.includes('text'));
  const local = region ? hits.filter((h) => h.region === region.code) : [];
  const chosen = local.length > 0 ? local : hits;
  const distinct = new Map<string, (typeof chosen)[number]>();
  for (const h of chosen) distinct.set(h.diagnosis.icd10.join(' '), h);
  const candidates = [...distinct.values()];
  const only = candidates[0];
  if (candidates.length === 1 && only) {
    const { icd10, ...label } = only.diagnosis;
    return { kind: 'named', codes: icd10 as Icd10Code[], label };
  }
  if (candidates.length === 0) return { kind: 'unknown' };
  return {
    kind: 'ambiguous',
    options: candidates
      .map((h) => ({ code: h.diagnosis.icd10.join(', '), label: h.diagnosis[lang] }))
      .slice(0, 12),
  };
}
