/**
 * The coverage matrix: every region with a list, side by side on one date, by diagnosis (ICD-10
 * category) and by INN — which region gives what, on which terms (age group, dispensary
 * registration, commission decision and the other conditions) and on which legal basis. Built
 * on `compareFor` (src/domain/compare.ts); each cell cites its item. `matrixTable` flattens it
 * into one row per row × region × item for CSV and XLSX.
 */
import { regionsWithLists } from './browse.ts';
import { catalogFor, compareFor } from './queries.ts';
import type { Coverage } from '../domain/catalog.ts';
import type { ItemCitation } from '../domain/citation.ts';
import type { CoverageCell } from '../domain/compare.ts';
import type { IsoDate } from '../domain/date.ts';
import {
  AGE_LABELS,
  CONDITION_LABELS,
  REGISTRATION_LABELS,
  STATUS_LABELS,
} from '../domain/labels.ts';
import type { RegionCode } from '../domain/region.ts';
import type { Lang, LocalizedText } from '../domain/text.ts';
import type { Registry } from '../registry/registry.ts';
import type { Table } from './exports/table.ts';

export const MATRIX_AXES = ['diagnosis', 'inn'] as const;
export type MatrixAxis = (typeof MATRIX_AXES)[number];

export interface MatrixCell extends Pick<
  CoverageCell,
  | 'section'
  | 'sectionNumber'
  | 'item'
  | 'status'
  | 'age'
  | 'dispensaryRegistration'
  | 'conditions'
  | 'inns'
> {
  /** Whether the item is given only by a commission (ДКК/ВКК) decision. */
  commission: boolean;
  citation: Pick<ItemCitation, 'act' | 'source' | 'text'>;
}

export interface MatrixRow {
  axis: MatrixAxis;
  /** ICD-10 categories (`C81, C82` where one item covers them alike) or an INN. */
  key: string;
  label: LocalizedText;
  /** By region code; a region that covers nothing in the row has no key. */
  cells: Record<string, MatrixCell[]>;
}

export interface CoverageMatrix {
  date: IsoDate;
  regions: { code: RegionCode; name: LocalizedText; coverage: Coverage }[];
  rows: MatrixRow[];
}

export function coverageMatrix(registry: Registry, date: IsoDate): CoverageMatrix {
  const regions = regionsWithLists(registry);
  if (regions.length === 0) return { date, regions: [], rows: [] };
  const comparison = compareFor(registry, regions, date);
  const citations = new Map<string, ItemCitation>();
  for (const region of regions) {
    for (const item of catalogFor(registry, region, date).items) {
      citations.set(`${region.code}|${item.sectionNumber}.${item.number}`, item.citation);
    }
  }
  const rows: MatrixRow[] = [];
  for (const axis of MATRIX_AXES) {
    for (const row of axis === 'diagnosis' ? comparison.byDiagnosis : comparison.byInn) {
      const cells: MatrixRow['cells'] = {};
      for (const [code, list] of Object.entries(row.cells) as [RegionCode, CoverageCell[]][]) {
        if (list.length === 0) continue;
        cells[code] = list.map((c) => {
          const citation = citations.get(`${code}|${c.sectionNumber}.${c.item}`);
          if (!citation) throw new Error(`no citation for ${code} ${c.sectionNumber}.${c.item}`);
          return {
            section: c.section,
            sectionNumber: c.sectionNumber,
            item: c.item,
            status: c.status,
            age: c.age,
            dispensaryRegistration: c.dispensaryRegistration,
            conditions: c.conditions,
            inns: c.inns,
            commission: c.conditions.includes('commission_decision'),
            citation: { act: citation.act, source: citation.source, text: citation.text },
          };
        });
      }
      rows.push({ axis, key: row.key, label: row.label, cells });
    }
  }
  return {
    date,
    regions: comparison.regions.map((r) => ({
      code: r.code,
      name: registry.region(r.code)?.name ?? { kk: r.code, ru: r.code, en: r.code },
      coverage: r.coverage,
    })),
    rows,
  };
}

/** The terms of a cell in one language: age group; registration; the conditions. */
export function termsOf(cell: MatrixCell, lang: Lang): string[] {
  return [
    AGE_LABELS[cell.age][lang],
    REGISTRATION_LABELS[cell.dispensaryRegistration][lang],
    ...cell.conditions.map((c) => CONDITION_LABELS[c][lang]),
  ];
}

/** One line per row, region and item: what a spreadsheet filters and pivots. */
export function matrixTable(matrix: CoverageMatrix, lang: Lang): Table {
  const rows: Table['rows'] = [];
  for (const row of matrix.rows) {
    for (const region of matrix.regions) {
      for (const cell of row.cells[region.code] ?? []) {
        rows.push([
          row.axis,
          row.key,
          row.label[lang],
          region.code,
          region.name[lang],
          `${cell.sectionNumber}.${cell.item}`,
          STATUS_LABELS[cell.status][lang],
          AGE_LABELS[cell.age][lang],
          REGISTRATION_LABELS[cell.dispensaryRegistration][lang],
          cell.commission ? 'yes' : 'no',
          cell.conditions.map((c) => CONDITION_LABELS[c][lang]).join('; '),
          cell.inns.filter((i): i is string => i !== null).join('; '),
          cell.citation.text[lang],
          `${cell.citation.source.file}:${cell.citation.source.lines[0]}-${cell.citation.source.lines[1]}`,
        ]);
      }
    }
  }
  return {
    name: `coverage ${matrix.date}`,
    header: [
      'axis',
      'key',
      'label',
      'region',
      'region_name',
      'item',
      'status',
      'age',
      'dispensary_registration',
      'commission',
      'conditions',
      'inns',
      'citation',
      'source',
    ],
    rows,
  };
}
