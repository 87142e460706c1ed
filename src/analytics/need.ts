/**
 * Need and budget (docs/adr/0019-need-and-budget.md), pure: the morbidity method — registered
 * patients × daily dose × days ÷ pack size = packs, × price = cost — and, beside it, the
 * consumption method from the dispensing ledger, adjusted for days out of stock (WHO/MSH
 * methods as summarised in the provision reference; the Kazakh planning formula was not read).
 *
 * Every figure says what it rests on (a WHO DDD or a prescribed dose, which price rows of which
 * source) and a figure that cannot be computed is `null` with the reason — never a zero. Totals
 * add only known figures and count what they leave out.
 */
import type {
  DoseBasis,
  DoseEntry,
  DosesFile,
  PackEntry,
  PacksFile,
  PriceEntry,
  PricesFile,
  Quantity,
  Route,
} from '../domain/reference.ts';
import type { Confidence } from '../domain/list.ts';
import { convert } from './units.ts';

/** The reference files in force for the year (src/registry/reference.ts). */
export interface NeedReference {
  prices: readonly { path: string; file: PricesFile }[];
  doses: readonly { path: string; file: DosesFile }[];
  packs: readonly { path: string; file: PacksFile }[];
}

export interface Cohort {
  /** Patients counted (each with a registration for a code the item covers during the year). */
  patients: number;
  /** Their days on the register within the year, summed. */
  patientDays: number;
}

/** One product of one list item, with the patients the engine answered for it. */
export interface PopulationLine {
  /** The item as a prescription's basis names it (section.item), and the list's act. */
  item: string;
  act: string;
  /** How many products the item offers: with more than one, a patient gets one of them. */
  itemProducts: number;
  product: { inn: string | null; atc: string | null; form: string | null };
  /** The route the product's form states, or null where the list gives no form or several. */
  route: Route | null;
  entitled: Cohort;
  conditional: Cohort;
}

export type DoseAnswer =
  | {
      ok: true;
      dose: Quantity;
      basis: DoseBasis;
      confidence: Confidence;
      route: Route;
      /** `form`: the list's form states the route; `only_route`: the source has one route only. */
      routeFrom: 'form' | 'only_route';
      source: string;
    }
  | { ok: false; reason: string };

export interface PriceUsed {
  row: number;
  /** The price per unit of the dose (per mg, per U …). */
  perDoseUnit: number;
}

export type CostAnswer =
  | { ok: true; low: number; high: number; currency: 'KZT'; rows: PriceUsed[]; source: string }
  | { ok: false; reason: string };

export interface Figure {
  patients: number;
  patientDays: number;
  /** patientDays × daily dose; null where the dose is missing. */
  units: Quantity | null;
  /** Packs, or null (unknown) where no pack size is known. */
  packs: number | null;
  cost: CostAnswer;
}

export interface MorbidityLine {
  item: string;
  act: string;
  product: PopulationLine['product'];
  /** True when the item offers several products: the line is "if every patient got this one". */
  choice: boolean;
  dose: DoseAnswer;
  packs: { ok: true; unitsPerPack: number; source: string } | { ok: false; reason: string };
  entitled: Figure;
  conditional: Figure;
}

const NO_ROUTE = 'the list states no route (no form, or several) and the source has several';

/** The daily dose of a product: prescribed where a source gives one, else the WHO DDD. */
export function resolveDose(
  product: PopulationLine['product'],
  route: Route | null,
  ref: NeedReference,
): DoseAnswer {
  if (!product.inn || !product.atc)
    return { ok: false, reason: 'the product has no INN or ATC code' };
  const candidates: { entry: DoseEntry; source: string }[] = ref.doses.flatMap(({ path, file }) =>
    file.doses
      .filter((d) => d.inn === product.inn && d.atc === product.atc)
      .map((entry) => ({
        entry,
        source: `${path} (${file.source.title}, ${file.source.edition})`,
      })),
  );
  if (candidates.length === 0) return { ok: false, reason: 'no daily dose in the reference data' };
  const routes = [...new Set(candidates.map((c) => c.entry.route))];
  const chosen: Route | undefined = route ?? (routes.length === 1 ? routes[0] : undefined);
  if (!chosen) return { ok: false, reason: NO_ROUTE };
  const onRoute = candidates.filter((c) => c.entry.route === chosen);
  // A prescribed dose, where a source gives one, comes before the WHO unit of measure.
  const best =
    onRoute.find((c) => c.entry.basis === 'prescribed') ??
    onRoute.find((c) => c.entry.basis === 'who_ddd');
  if (!best) return { ok: false, reason: `no daily dose for route ${chosen}` };
  const { entry, source } = best;
  if (!entry.dose) return { ok: false, reason: entry.note ?? 'the source assigns no dose' };
  return {
    ok: true,
    dose: entry.dose,
    basis: entry.basis,
    confidence: entry.confidence,
    route: chosen,
    routeFrom: route ? 'form' : 'only_route',
    source,
  };
}

/** The cost of `units` from the price rows of the product on its route: the lowest and highest. */
export function costOf(
  units: Quantity,
  product: PopulationLine['product'],
  route: Route,
  ref: NeedReference,
): CostAnswer {
  const rows: { entry: PriceEntry; source: string }[] = ref.prices.flatMap(({ path, file }) =>
    file.prices
      .filter((p) => p.inn === product.inn && p.atc === product.atc && p.route === route)
      .map((entry) => ({
        entry,
        source: `${path} (${file.source.publisher.split(';')[0]}, ${file.source.edition}, ${file.source.verified ? 'verified' : 'not verified against the official text'})`,
      })),
  );
  if (rows.length === 0) return { ok: false, reason: `no price for route ${route}` };
  const used: PriceUsed[] = [];
  for (const { entry } of rows) {
    if (!entry.content) continue;
    const contentInDoseUnits = convert(entry.content, units.unit);
    if (contentInDoseUnits === null) continue;
    used.push({ row: entry.row, perDoseUnit: entry.price / contentInDoseUnits });
  }
  if (used.length === 0) {
    return {
      ok: false,
      reason: `the price rows (${rows.map((r) => r.entry.row).join(', ')}) state no content in ${units.unit}`,
    };
  }
  const perUnit = used.map((u) => u.perDoseUnit);
  return {
    ok: true,
    low: units.amount * Math.min(...perUnit),
    high: units.amount * Math.max(...perUnit),
    currency: 'KZT',
    rows: used,
    source: [...new Set(rows.map((r) => r.source))].join('; '),
  };
}

function packOf(
  product: PopulationLine['product'],
  route: Route,
  ref: NeedReference,
): { entry: PackEntry; source: string } | undefined {
  for (const { path, file } of ref.packs) {
    const entry = file.packs.find(
      (p) => p.inn === product.inn && p.atc === product.atc && p.route === route,
    );
    if (entry) return { entry, source: `${path}: ${entry.source}` };
  }
  return undefined;
}

function figure(
  cohort: Cohort,
  dose: DoseAnswer,
  pack: { entry: PackEntry } | undefined,
  line: PopulationLine,
  ref: NeedReference,
): Figure {
  if (!dose.ok) {
    return { ...cohort, units: null, packs: null, cost: { ok: false, reason: 'no daily dose' } };
  }
  const units: Quantity = { amount: cohort.patientDays * dose.dose.amount, unit: dose.dose.unit };
  let packs: number | null = null;
  if (pack) {
    const perPack = convert(pack.entry.content, units.unit);
    if (perPack !== null) packs = Math.ceil(units.amount / (perPack * pack.entry.unitsPerPack));
  }
  return { ...cohort, units, packs, cost: costOf(units, line.product, dose.route, ref) };
}

/** The morbidity method for one item and product. */
export function morbidityLine(line: PopulationLine, ref: NeedReference): MorbidityLine {
  const dose = resolveDose(line.product, line.route, ref);
  const pack = dose.ok ? packOf(line.product, dose.route, ref) : undefined;
  return {
    item: line.item,
    act: line.act,
    product: line.product,
    choice: line.itemProducts > 1,
    dose,
    packs: pack
      ? { ok: true, unitsPerPack: pack.entry.unitsPerPack, source: pack.source }
      : { ok: false, reason: dose.ok ? 'no pack size in the reference data' : 'no daily dose' },
    entitled: figure(line.entitled, dose, pack, line, ref),
    conditional: figure(line.conditional, dose, pack, line, ref),
  };
}

export interface Total {
  /** The sum of the known costs (lowest and highest price rows), KZT. */
  known: { low: number; high: number };
  /** Lines summed into `known`. */
  summed: number;
  /** Lines left out, by why: no dose, no usable price, or a choice among products. */
  leftOut: { noDose: number; noPrice: number; choice: number };
  /** Patients on lines left out (a patient may be on several lines). */
  patientsLeftOut: number;
}

/**
 * The known part of the cost and what it leaves out. A line of an item with several products is
 * never summed: a patient receives one of them, and which one the register does not say.
 */
export function totalOf(
  lines: readonly MorbidityLine[],
  status: 'entitled' | 'conditional',
): Total {
  const total: Total = {
    known: { low: 0, high: 0 },
    summed: 0,
    leftOut: { noDose: 0, noPrice: 0, choice: 0 },
    patientsLeftOut: 0,
  };
  for (const line of lines) {
    const f = line[status];
    if (f.patients === 0) continue;
    if (line.choice) total.leftOut.choice++;
    else if (!line.dose.ok) total.leftOut.noDose++;
    else if (!f.cost.ok) total.leftOut.noPrice++;
    else {
      total.known.low += f.cost.low;
      total.known.high += f.cost.high;
      total.summed++;
      continue;
    }
    total.patientsLeftOut += f.patients;
  }
  return total;
}

// ── Consumption method ─────────────────────────────────────────────────────

/** Average days per month used to turn days out of stock into months (provision reference). */
export const DAYS_PER_MONTH = 30.4;

export interface ConsumptionInput {
  item: string;
  productKey: string;
  /** The dispensing unit as prescriptions write it (`pack`, `vial` …). */
  unit: string;
  /** Units dispensed in each calendar month of the year, January first (12 entries). */
  monthly: readonly number[];
  /** Days of the observed period on which the product was out of stock (a deferral open). */
  daysOutOfStock: number;
}

export interface ConsumptionLine extends ConsumptionInput {
  consumed: number;
  /** Months observed: the whole year, or the part of it up to the day asked. */
  months: number;
  /** consumed ÷ (months − days out of stock ÷ 30.4); null where no month was in stock. */
  adjustedMonthly: number | null;
  /** adjustedMonthly × 12. */
  annual: number | null;
  reason: string | null;
}

/** The consumption method: adjusted monthly use = consumed ÷ (months − days out of stock ÷ 30.4). */
export function consumptionLine(input: ConsumptionInput, months: number): ConsumptionLine {
  const consumed = input.monthly.reduce((a, b) => a + b, 0);
  const inStock = months - input.daysOutOfStock / DAYS_PER_MONTH;
  if (inStock <= 0) {
    return {
      ...input,
      consumed,
      months,
      adjustedMonthly: null,
      annual: null,
      reason: 'out of stock for the whole observed period: use cannot be adjusted',
    };
  }
  const adjustedMonthly = consumed / inStock;
  return {
    ...input,
    consumed,
    months,
    adjustedMonthly,
    annual: adjustedMonthly * 12,
    reason: null,
  };
}

/** Months observed in a year of `daysInYear` days when `observedDays` of it have passed. */
export const monthsObserved = (observedDays: number, daysInYear: number): number =>
  (observedDays * 12) / daysInYear;
