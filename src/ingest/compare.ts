/**
 * Accuracy of an import against the curated data: item by item (section and
 * item number), the diagnosis wording (Kazakh, whitespace and case
 * normalised), ICD-10 codes, population (age group and dispensary
 * registration), indication conditions, product INNs in order, and status.
 */
import type { Item, ListFile } from '../domain/list.ts';

export const COMPARED_FIELDS = [
  'presence',
  'status',
  'diagnosis',
  'icd10',
  'population',
  'indication',
  'products',
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface ItemDifference {
  section: string;
  item: string;
  field: ComparedField;
  imported: unknown;
  curated: unknown;
  reason: string;
}

export interface ListComparison {
  act: string;
  annex: string;
  accuracy: number;
  items: number;
  exact: number;
  differences: ItemDifference[];
}

/** Lower case, single spaces, no space inside brackets or before punctuation. */
export function normaliseWording(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ ([,.;:)])/g, '$1')
    .replace(/\( /g, '(')
    .trim();
}

interface Projection {
  status: string;
  diagnosis: string | null;
  icd10: string[];
  population: string | null;
  indication: string[];
  products: string[];
}

function project(item: Item): Projection {
  if (item.status === 'excluded') {
    return {
      status: `excluded by ${item.excludedBy}`,
      diagnosis: null,
      icd10: [],
      population: null,
      indication: [],
      products: [],
    };
  }
  return {
    status: 'in_force',
    diagnosis: normaliseWording(item.diagnosis.text.kk),
    icd10: [...item.diagnosis.icd10].sort(),
    population: `${item.population.age}, registration ${item.population.dispensaryRegistration}`,
    indication: [...item.indication.conditions].sort(),
    // INNs in order; a product the source does not name counts as "(unnamed)".
    products: item.products.flatMap((p) =>
      p.inn ? [p.inn] : p.innAbsent === 'name_missing' ? ['(unnamed)'] : [],
    ),
  };
}

const REASONS: Record<Exclude<ComparedField, 'presence'>, string> = {
  status: 'the status (in force / excluded and by which act) differs',
  diagnosis: 'the diagnosis wording differs after normalising case and spaces',
  icd10: 'the ICD-10 codes differ',
  population: 'the age group or the dispensary-registration condition differs',
  indication: 'the indication conditions differ',
  products: 'the product INNs (in order) differ',
};

export function compareLists(imported: ListFile, curated: ListFile): ListComparison {
  const key = (section: string, item: string) => `${section}.${item}`;
  const left = new Map<string, Item>();
  const right = new Map<string, Item>();
  for (const s of imported.sections) for (const i of s.items) left.set(key(s.number, i.number), i);
  for (const s of curated.sections) for (const i of s.items) right.set(key(s.number, i.number), i);
  const keys = [...new Set([...right.keys(), ...left.keys()])];
  const differences: ItemDifference[] = [];
  let exact = 0;
  for (const k of keys) {
    const [section, item] = k.split('.') as [string, string];
    const a = left.get(k);
    const b = right.get(k);
    if (!a || !b) {
      differences.push({
        section,
        item,
        field: 'presence',
        imported: a ? 'present' : 'missing',
        curated: b ? 'present' : 'missing',
        reason: a
          ? 'the import has an item the curated data does not'
          : 'the import misses this item',
      });
      continue;
    }
    const pa = project(a);
    const pb = project(b);
    let same = true;
    for (const field of [
      'status',
      'diagnosis',
      'icd10',
      'population',
      'indication',
      'products',
    ] as const) {
      if (JSON.stringify(pa[field]) === JSON.stringify(pb[field])) continue;
      same = false;
      differences.push({
        section,
        item,
        field,
        imported: pa[field],
        curated: pb[field],
        reason: REASONS[field],
      });
    }
    if (same) exact++;
  }
  return {
    act: curated.act,
    annex: curated.annex,
    accuracy: keys.length === 0 ? 0 : Math.round((exact / keys.length) * 10_000) / 10_000,
    items: keys.length,
    exact,
    differences,
  };
}

export function formatComparison(c: ListComparison): string {
  const out = [
    `compared with the curated list of ${c.act}, annex ${c.annex}: ${c.exact}/${c.items} items exact, accuracy ${(c.accuracy * 100).toFixed(1)}%`,
  ];
  for (const d of c.differences) {
    out.push(`  ${d.section}.${d.item} ${d.field}: ${d.reason}`);
    out.push(`      imported: ${JSON.stringify(d.imported)}`);
    out.push(`      curated:  ${JSON.stringify(d.curated)}`);
  }
  return `${out.join('\n')}\n`;
}
