/**
 * Two or more regions side by side on a date: which diagnoses (by ICD-10
 * category) and which INNs each list covers, and on which terms — the answer
 * to "why is it free here and not there".
 */
import {
  catalogOn,
  type Catalog,
  type CatalogContext,
  type CatalogItem,
  type CatalogVersion,
} from './catalog.ts';
import type { IsoDate } from './date.ts';
import type { Region, RegionCode } from './region.ts';
import type { LocalizedText } from './text.ts';
import type { CitationUnit } from './units.ts';

export interface CoverageCell {
  section: CatalogItem['section'];
  item: string;
  /** Where the item stands in its annex, in the annex's own units. */
  units: CitationUnit[];
  status: CatalogItem['status'];
  diagnosis: LocalizedText & { icd10: string[] };
  age: NonNullable<CatalogItem['population']>['age'];
  dispensaryRegistration: NonNullable<CatalogItem['population']>['dispensaryRegistration'];
  conditions: NonNullable<CatalogItem['indication']>['conditions'];
  inns: (string | null)[];
  sectionNumber: string;
  /** The products as the list names them (a name is null where the source names none). */
  products: { inn: string | null; name: LocalizedText | null }[];
}

export interface ComparisonRow {
  key: string;
  label: LocalizedText;
  cells: Record<RegionCode, CoverageCell[]>;
  /** Regions whose list covers it (items in force or unknown on the date). */
  coveredIn: RegionCode[];
}

export interface Comparison {
  date: IsoDate;
  regions: { code: RegionCode; coverage: Catalog['coverage'] }[];
  byDiagnosis: ComparisonRow[];
  byInn: ComparisonRow[];
}

export function compareRegions(input: {
  regions: readonly { region: Region; versions: readonly CatalogVersion[] }[];
  date: IsoDate;
  context: CatalogContext;
}): Comparison {
  const catalogs = input.regions.map(({ region, versions }) =>
    catalogOn({ region, date: input.date, versions, context: input.context }),
  );
  const codes = catalogs.map((c) => c.region);
  const byDiagnosis = new Map<string, ComparisonRow>();
  const byInn = new Map<string, ComparisonRow>();
  const row = (
    map: Map<string, ComparisonRow>,
    key: string,
    label: LocalizedText,
  ): ComparisonRow => {
    let r = map.get(key);
    if (!r) {
      r = {
        key,
        label,
        cells: Object.fromEntries(codes.map((c) => [c, []])) as Record<RegionCode, CoverageCell[]>,
        coveredIn: [],
      };
      map.set(key, r);
    }
    return r;
  };
  for (const catalog of catalogs) {
    for (const item of catalog.items) {
      if (item.status === 'excluded' || !item.diagnosis || !item.population || !item.indication)
        continue;
      const cell: CoverageCell = {
        section: item.section,
        item: item.number,
        units: item.citation.units,
        status: item.status,
        diagnosis: {
          kk: item.diagnosis.kk,
          ru: item.diagnosis.ru,
          en: item.diagnosis.en,
          icd10: item.diagnosis.icd10,
        },
        age: item.population.age,
        dispensaryRegistration: item.population.dispensaryRegistration,
        conditions: item.indication.conditions,
        inns: item.products.map((p) => p.inn),
        sectionNumber: item.sectionNumber,
        products: item.products.map((p) => ({ inn: p.inn, name: p.name })),
      };
      for (const category of new Set(item.diagnosis.icd10.map((c) => c.slice(0, 3)))) {
        const r = row(byDiagnosis, category, cell.diagnosis);
        addCell(r, catalog.region, cell);
      }
      for (const product of item.products) {
        if (!product.inn || !product.name) continue;
        addCell(row(byInn, product.inn, product.name), catalog.region, cell);
      }
    }
  }
  const sorted = (m: Map<string, ComparisonRow>) =>
    [...m.values()].sort((a, b) => a.key.localeCompare(b.key));
  return {
    date: input.date,
    regions: catalogs.map((c) => ({ code: c.region, coverage: c.coverage })),
    byDiagnosis: mergeIdentical(sorted(byDiagnosis)),
    byInn: sorted(byInn),
  };
}

/** Categories covered by exactly the same items (C81, C82, … of one item) become one row. */
function mergeIdentical(rows: ComparisonRow[]): ComparisonRow[] {
  const merged = new Map<string, ComparisonRow>();
  for (const row of rows) {
    const signature = JSON.stringify(row.cells);
    const existing = merged.get(signature);
    if (existing) existing.key = `${existing.key}, ${row.key}`;
    else merged.set(signature, { ...row });
  }
  return [...merged.values()];
}

function addCell(row: ComparisonRow, region: RegionCode, cell: CoverageCell): void {
  const cells = row.cells[region] ?? [];
  if (!cells.some((c) => c.section === cell.section && c.item === cell.item)) cells.push(cell);
  row.cells[region] = cells;
  if (!row.coveredIn.includes(region)) row.coveredIn.push(region);
}
