/**
 * The rules a prescription is written under, pure: which of the engine's entitlements it rests
 * on, what the register lacks when it is not entitled, and the supply guard (one supply per
 * patient and product at a time, except a renewal near the end of the previous one). Every
 * number comes from the region's provision parameters (data/<KZ-NN>/provision.yaml), passed in.
 */
import { addDays, type IsoDate } from '../domain/date.ts';
import type { Entitlement, EntitledProduct } from '../domain/engine.ts';
import type { Unmet } from '../domain/explain.ts';
import type { PrescriptionStatus } from './clinical.ts';
import { OPS_REASONS } from './reasons.ts';

export interface RequestedProduct {
  inn: string | null;
  name: string | null;
}

/** The guard key: the INN, else the name, in lower case (src/storage/ops/migrations/101). */
export function productKey(product: RequestedProduct): string | null {
  const key = product.inn ?? product.name;
  return key === null ? null : key.trim().toLowerCase();
}

/** The list's product the request names: by INN (any case), or by name where it has no INN. */
export function matchingProduct(
  products: readonly EntitledProduct[],
  wanted: RequestedProduct,
): EntitledProduct | null {
  const inn = wanted.inn?.trim().toLowerCase() ?? null;
  if (inn !== null) return products.find((p) => p.inn?.toLowerCase() === inn) ?? null;
  const name = wanted.name?.trim().toLowerCase() ?? null;
  if (name === null) return null;
  return (
    products.find(
      (p) =>
        p.inn === null &&
        p.name !== null &&
        [p.name.kk, p.name.ru, p.name.en].some((n) => n.toLowerCase() === name),
    ) ?? null
  );
}

/**
 * The item as a prescription's basis names it (`FrozenBasis.item`): its section and number in
 * the list, e.g. `1.7`. Issuing writes it; dispensing finds the same item on the day by it.
 */
export const basisItem = (e: Pick<Entitlement, 'item' | 'basis'>): string =>
  `${e.basis.section}.${e.item}`;

const RANK: Record<Entitlement['status'], number> = {
  entitled: 3,
  conditional: 2,
  unknown: 1,
  not_entitled: 0,
};

/** The best of the engine's answers for `code` that includes the product, with that product. */
export function entitlementFor(
  entitlements: readonly Entitlement[],
  code: string,
  wanted: RequestedProduct,
): { entitlement: Entitlement; product: EntitledProduct } | null {
  let best: { entitlement: Entitlement; product: EntitledProduct } | null = null;
  for (const entitlement of entitlements) {
    if (entitlement.diagnosis.code !== code) continue;
    const product = matchingProduct(entitlement.products, wanted);
    if (!product) continue;
    if (!best || RANK[entitlement.status] > RANK[best.entitlement.status]) {
      best = { entitlement, product };
    }
  }
  return best;
}

/** What to record on the register so the unmet condition is met, in the register's terms. */
export function registerStep(unmet: Unmet, code: string, product: string): string {
  return OPS_REASONS[unmet]({ icd10: code, product });
}

/** The validity window: from the issue date, `validityDays` days, both ends included. */
export function validityWindow(
  issuedOn: IsoDate,
  validityDays: number,
): { validFrom: IsoDate; validTo: IsoDate } {
  return { validFrom: issuedOn, validTo: addDays(issuedOn, validityDays - 1) };
}

/** The last day a supply covers: issued_on + days_of_supply − 1. */
export const supplyEnd = (issuedOn: IsoDate, daysOfSupply: number): IsoDate =>
  addDays(issuedOn, daysOfSupply - 1);

export interface SupplyPeriod {
  number: string;
  issuedOn: IsoDate;
  supplyTo: IsoDate;
  daysOfSupply: number;
}

/** The renewal parameters in force on the issue date. */
export interface RenewalWindow {
  days: number;
  shortDays: number;
  shortSupplyBelowDays: number;
}

/** The first day a renewal of `previous` may be issued on. */
export function renewalFrom(previous: SupplyPeriod, window: RenewalWindow): IsoDate {
  const days = previous.daysOfSupply < window.shortSupplyBelowDays ? window.shortDays : window.days;
  return addDays(previous.supplyTo, 1 - days);
}

export interface SupplyConflict {
  previous: SupplyPeriod;
  /** The first day a renewal of `previous` may be issued on. */
  renewalFrom: IsoDate;
}

/**
 * The previous supply the new one collides with, if any: their periods overlap and the new one
 * is not a renewal issued within the window before the previous supply ends.
 */
export function supplyConflict(
  previous: readonly SupplyPeriod[],
  next: { issuedOn: IsoDate; supplyTo: IsoDate },
  window: RenewalWindow,
): SupplyConflict | null {
  for (const p of previous) {
    const overlaps = next.issuedOn <= p.supplyTo && p.issuedOn <= next.supplyTo;
    if (!overlaps) continue;
    const from = renewalFrom(p, window);
    const isRenewal = next.issuedOn >= from && next.issuedOn >= p.issuedOn;
    if (!isRenewal) return { previous: p, renewalFrom: from };
  }
  return null;
}

/** The status a reader sees: `expired` is computed (active, validity ended before today). */
export function statusOn(
  stored: Exclude<PrescriptionStatus, 'expired'>,
  validTo: IsoDate,
  today: IsoDate,
): PrescriptionStatus {
  return stored === 'active' && validTo < today ? 'expired' : stored;
}
