/**
 * Filters of a catalogue page: words or codes (the domain's search), section,
 * and who the item is for. The same function answers the page (items left
 * out are `hidden`) and the script's instant filtering (`…/match`), so both
 * always agree.
 */
import { itemKey, matchingItemKeys } from '../app/browse.ts';
import type { Catalog } from '../domain/catalog.ts';
import { SECTION_KINDS, type SectionKind } from '../domain/list.ts';
import type { Region } from '../domain/region.ts';
import type { Registry } from '../registry/registry.ts';

export const AGE_FILTERS = ['children', 'adults'] as const;
export type AgeFilter = (typeof AGE_FILTERS)[number];

export interface CatalogFilter {
  q: string;
  section: SectionKind | null;
  age: AgeFilter | null;
}

export function readFilter(query: (name: string) => string): CatalogFilter {
  const section = query('section');
  const age = query('age');
  return {
    q: query('q').slice(0, 200),
    section: (SECTION_KINDS as readonly string[]).includes(section)
      ? (section as SectionKind)
      : null,
    age: (AGE_FILTERS as readonly string[]).includes(age) ? (age as AgeFilter) : null,
  };
}

export function isFiltered(filter: CatalogFilter): boolean {
  return filter.q !== '' || filter.section !== null || filter.age !== null;
}

/**
 * Keys of the catalogue's items the filter keeps. An age filter keeps the items
 * for that group and those for all ages; excluded items (no content) only
 * when no age or words are asked for.
 */
export function visibleKeys(
  registry: Registry,
  region: Region,
  catalog: Catalog,
  filter: CatalogFilter,
): Set<string> {
  const matches = filter.q ? matchingItemKeys(registry, region, catalog.date, filter.q) : null;
  return new Set(
    catalog.items
      .filter(
        (item) =>
          (!matches || matches.has(itemKey(item))) &&
          (!filter.section || item.section === filter.section) &&
          (!filter.age ||
            (item.population !== null &&
              (item.population.age === 'all' || item.population.age === filter.age))),
      )
      .map(itemKey),
  );
}
