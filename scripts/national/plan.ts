/**
 * The national synthetic register, planned in memory batch by batch (pure and seeded: the same
 * lists, size and batch give the same rows, so a load can resume after any committed batch).
 * Nobody here is real: names come from demo/population.yaml, an IIN has a valid check digit and
 * nothing else, diagnoses are drawn from the lists' items weighted by the demo file's rates.
 *
 * Patients are spread over the 20 regions by population. Only regions tegin holds a list for get
 * items of their own list; a patient elsewhere is registered for a code of some list too, but
 * the engine answers `unknown` there, honestly — tegin does not know that region's list.
 */
import { createHash } from 'node:crypto';
import type { Registry } from '../../src/registry/registry.ts';
import { RegionCode } from '../../src/domain/region.ts';
import { catalogFor } from '../../src/app/queries.ts';
import { normaliseIcd10 } from '../../src/domain/codes.ts';
import { addDays, type IsoDate } from '../../src/domain/date.ts';
import { encodeIin } from '../../src/domain/iin.ts';
import type { DemoPopulationFile } from '../../src/ops/demo/plan.ts';
import { seeded, type Random } from '../../src/ops/demo/random.ts';

/**
 * Residents per region, thousands, rounded (Bureau of National Statistics, early 2025, as
 * reported; a weight for synthetic data, not a statistic tegin publishes).
 */
export const REGION_POPULATION: Record<string, number> = {
  'KZ-10': 600, 'KZ-11': 780, 'KZ-15': 930, 'KZ-19': 1520, 'KZ-23': 700,
  'KZ-27': 690, 'KZ-31': 1220, 'KZ-33': 700, 'KZ-35': 1130, 'KZ-39': 830,
  'KZ-43': 840, 'KZ-47': 790, 'KZ-55': 750, 'KZ-59': 530, 'KZ-61': 2150,
  'KZ-62': 220, 'KZ-63': 710, 'KZ-71': 1450, 'KZ-75': 2250, 'KZ-79': 1250,
}; // prettier-ignore

/** Polyclinics per region in the generated register (and one pharmacy, one commission). */
export const POLYCLINICS = 8;

export interface PlannedItem {
  icd10: string;
  act: string;
  annex: string;
  /** `section.item`, as a prescription's basis names it. */
  item: string;
  age: 'children' | 'adults' | 'all';
  /** INNs a commission decision names where the item needs one; else null. */
  commission: string[] | null;
  /** The product a prescription names (null: nothing to prescribe). */
  product: { inn: string | null; name: string | null; form: string | null; key: string } | null;
  weight: number;
}

const AGES = { children: [2, 15], adults: [19, 80], all: [1, 80] } as const;

/** The items of a region's list in force on `day` that name a diagnosis and an age group. */
export function itemsOf(
  registry: Registry,
  code: string,
  day: IsoDate,
  file: DemoPopulationFile,
): PlannedItem[] {
  const region = registry.region(code);
  if (!region || registry.listVersions(RegionCode.parse(code)).length === 0) return [];
  const out: PlannedItem[] = [];
  for (const item of catalogFor(registry, region, day).items) {
    if (item.status !== 'in_force' || !item.diagnosis || !item.population) continue;
    const icd = item.diagnosis.icd10.map(normaliseIcd10).find((c) => c.ok);
    if (!icd?.ok) continue;
    const products = item.products.filter((p) => p.inn !== null || p.name !== null);
    const inns = products.flatMap((p) => (p.inn ? [p.inn] : []));
    const first = products[0];
    const name = first?.name?.ru ?? null;
    out.push({
      icd10: icd.code,
      act: item.citation.act,
      annex: item.citation.annex,
      item: `${item.sectionNumber}.${item.number}`,
      age: item.population.age,
      commission:
        item.indication?.conditions.includes('commission_decision') && inns.length > 0
          ? inns
          : null,
      product: first
        ? {
            inn: first.inn,
            name,
            form: first.form?.ru ?? null,
            key: (first.inn ?? name ?? '').trim().toLowerCase(),
          }
        : null,
      weight: file.perHundredThousand[icd.code.slice(0, 3)] ?? file.defaultPerHundredThousand,
    });
  }
  // One item per code: a registration names a code, and the prescription's item follows from it.
  const seen = new Set<string>();
  return out.filter((i) => !seen.has(i.icd10) && seen.add(i.icd10));
}

export interface Rows {
  patients: unknown[][];
  attachments: unknown[][];
  registrations: unknown[][];
  decisions: unknown[][];
}

export const uuidOf = (text: string): string => {
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export interface Plan {
  /** Regions in order with the first patient number of each (1-based) and their items. */
  regions: { code: string; first: number; items: PlannedItem[] }[];
  total: number;
  until: IsoDate;
  file: DemoPopulationFile;
}

export function planRegions(
  registry: Registry,
  total: number,
  until: IsoDate,
  file: DemoPopulationFile,
): Plan {
  const codes = Object.keys(REGION_POPULATION).sort();
  const sum = codes.reduce((a, c) => a + (REGION_POPULATION[c] ?? 0), 0);
  const own = new Map(codes.map((c) => [c, itemsOf(registry, c, until, file)]));
  const everyList = [...new Map([...own.values()].flat().map((i) => [i.icd10, i])).values()];
  let at = 1;
  let share = 0;
  return {
    regions: codes.map((code) => {
      const first = at;
      share += REGION_POPULATION[code] ?? 0;
      at = Math.round((share / sum) * total) + 1;
      const items = own.get(code) ?? [];
      return { code, first, items: items.length > 0 ? items : everyList };
    }),
    total,
    until,
    file,
  };
}

function pickWeighted(random: Random, items: readonly PlannedItem[]): PlannedItem {
  const sum = items.reduce((a, i) => a + i.weight, 0);
  let r = random.next() * sum;
  for (const i of items) if ((r -= i.weight) < 0) return i;
  return items.at(-1) as PlannedItem;
}

/** Taken IIN serials per birth date and sex: advanced by every batch, inserted or not. */
export type Serials = Map<string, number>;

/** The rows of patients [from, to] (1-based numbers), each batch seeded by its first number. */
export function planBatch(plan: Plan, from: number, to: number, serials: Serials): Rows {
  const random = seeded(from);
  const rows: Rows = { patients: [], attachments: [], registrations: [], decisions: [] };
  const { file, until } = plan;
  const yearStart = addDays(until, -365);
  let r = 0;
  for (let g = from; g <= to; g++) {
    while ((plan.regions[r + 1]?.first ?? Infinity) <= g) r++;
    const region = plan.regions[r] as Plan['regions'][number];
    const id = uuidOf(`patient ${g}`);
    const items = [pickWeighted(random, region.items)];
    if (random.chance(0.33)) {
      const second = pickWeighted(random, region.items);
      if (second.icd10 !== items[0]?.icd10) items.push(second);
    }
    const [minAge, maxAge] = AGES[(items[0] as PlannedItem).age];
    const birthDate = addDays(until, -(random.int(minAge, maxAge) * 365 + random.int(0, 364)));
    const sex = random.chance(0.5) ? 'male' : 'female';
    const family = random.pick(file.names.family);
    let iin: string | null = null;
    const taken = `${birthDate}${sex}`;
    let serial = serials.get(taken) ?? 0;
    while (iin === null) iin = encodeIin({ birthDate, sex, serial: serial++ });
    serials.set(taken, serial);
    rows.patients.push([
      id,
      iin,
      sex === 'male' ? family[0] : family[1],
      random.pick(file.names[sex].given),
      `${random.pick(file.names.male.given)}${file.names.patronymic[sex]}`,
      birthDate,
      sex,
      random.chance(0.98) ? 'KZ' : 'RU',
    ]);
    const clinic = `${region.code}/P${random.int(1, POLYCLINICS)}`;
    if (random.chance(0.01)) {
      // Moved in the year: attached elsewhere first (another region's polyclinic).
      const other = random.pick(plan.regions).code;
      const moved = addDays(yearStart, random.int(30, 330));
      rows.attachments.push([id, `${other}/P1`, '2015-01-01', moved]);
      rows.attachments.push([id, clinic, moved, null]);
    } else {
      rows.attachments.push([id, clinic, '2015-01-01', null]);
    }
    for (const item of items) {
      const from = addDays(until, -random.int(30, 5 * 365));
      const closed = random.chance(0.04) ? addDays(yearStart, random.int(0, 364)) : null;
      const to = closed !== null && closed >= from ? closed : null;
      const registration = uuidOf(`registration ${g} ${item.icd10}`);
      rows.registrations.push([
        registration,
        id,
        item.icd10,
        clinic,
        from,
        to,
        random.chance(0.95),
      ]);
      if (item.commission) {
        const expires = random.chance(0.1) ? addDays(yearStart, random.int(30, 364)) : null;
        rows.decisions.push([
          uuidOf(`decision ${g} ${item.icd10}`),
          id,
          `${region.code}/H`,
          `N-${g}-${item.icd10}`,
          from,
          item.icd10,
          JSON.stringify(item.commission),
          from,
          expires !== null && expires >= from ? expires : null,
        ]);
      }
    }
  }
  return rows;
}
