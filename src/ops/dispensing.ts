/**
 * The rules of the dispensing ledger, pure: whether a pharmacy may hand over a quantity of a
 * prescription on a day, and whether it may record a deferral (out of stock). The use cases
 * gather the facts (the prescription as locked, the engine's answer on the day, the region's
 * `excludedItemPolicy`, the signature check) and run these rules inside the prescription's lock.
 *
 * Decisions (docs/adr/0015-dispensing.md):
 * - The validity window includes both ends; "expired" is computed from `validTo`, never stored.
 * - A lot must not expire before the last day of the supply this dispense covers: a
 *   proportional share of the prescription's days of supply, rounded up. A lot usable today but
 *   gone before the patient can take it all is refused too.
 * - The item is still free on the day when the engine, asked with every register fact met,
 *   answers `entitled` for the prescription's item and lists its product. Otherwise the region's
 *   policy decides, and the dispense records which policy (entry and status) it rested on.
 */
import { addDays, type IsoDate } from '../domain/date.ts';
import type { Entitlement, EntitlementStatus } from '../domain/engine.ts';
import type { DispenseBasis, FrozenBasis, Prescription } from './clinical.ts';
import { basisItem } from './prescribing.ts';

export const DISPENSE_REFUSALS = [
  'signature_invalid',
  'cancelled',
  'completed',
  'not_yet_valid',
  'expired',
  'exceeds_remaining',
  'lot_expired',
  'lot_expires_during_supply',
  'no_longer_free',
] as const;
export type DispenseRefusalCode = (typeof DISPENSE_REFUSALS)[number];

export const DEFERRAL_REFUSALS = [
  'signature_invalid',
  'cancelled',
  'completed',
  'not_yet_valid',
  'expired',
  'deferral_open',
] as const;
export type DeferralRefusalCode = (typeof DEFERRAL_REFUSALS)[number];

/** Which field of the request a refusal is about (the path). */
export type RefusalField = 'prescriptionId' | 'quantity' | 'expiry';

export interface Refusal<C extends string> {
  allowed: false;
  code: C;
  field: RefusalField;
  /** A sentence a pharmacist can act on; never a name or an IIN. */
  reason: string;
  /** The sentence's values (dates, quantities, statuses), for a page to say it in its language. */
  values: Readonly<Record<string, string>>;
}

/** What the rules read of a prescription: its state as locked, never a cached copy. */
export type PrescriptionState = Pick<
  Prescription,
  'status' | 'quantity' | 'dispensed' | 'validFrom' | 'validTo' | 'daysOfSupply'
>;

export type ExcludedItemPolicyValue = 'honour_until_expiry' | 'refuse';

/**
 * The engine's answer on the day for the prescription's item and product: the item's status,
 * or `not_entitled` where the answer no longer lists the item or the item no longer its product.
 */
export interface ItemOnDay {
  status: EntitlementStatus;
}

export interface DispenseFacts {
  prescription: PrescriptionState;
  day: IsoDate;
  quantity: number;
  expiry: IsoDate;
  signatureValid: boolean;
  onDay: ItemOnDay;
  /** The region's `excludedItemPolicy` on the day; null where the data gives none. */
  policy: ExcludedItemPolicyValue | null;
}

export type DispenseCheck =
  | {
      allowed: true;
      basis: DispenseBasis;
      /** What is left after this dispense. */
      remaining: number;
      /** Whether it leaves nothing: the prescription becomes `completed`. */
      completes: boolean;
      /** The last day the handed-over quantity covers. */
      suppliedUntil: IsoDate;
    }
  | Refusal<DispenseRefusalCode>;

const refuse = <C extends string>(
  code: C,
  field: RefusalField,
  reason: string,
  values: Record<string, string | number> = {},
): Refusal<C> => ({
  allowed: false,
  code,
  field,
  reason,
  values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])),
});

/** What every handing-over and deferral needs: a genuine, open prescription within its window. */
function checkOpen(
  p: PrescriptionState,
  day: IsoDate,
  signatureValid: boolean,
): Refusal<DispenseRefusalCode & DeferralRefusalCode> | null {
  if (!signatureValid) {
    return refuse(
      'signature_invalid',
      'prescriptionId',
      "the prescription's signature does not verify for this patient: do not dispense, report it",
    );
  }
  switch (p.status) {
    case 'cancelled':
      return refuse('cancelled', 'prescriptionId', 'the prescription was cancelled');
    case 'completed':
      return refuse(
        'completed',
        'prescriptionId',
        `nothing is left: the prescription is completed (${p.dispensed} of ${p.quantity} dispensed)`,
        { dispensed: p.dispensed, quantity: p.quantity },
      );
    case 'expired':
    case 'active':
      break;
    default: {
      const unhandled: never = p.status;
      throw new Error(`unhandled prescription status ${String(unhandled)}`);
    }
  }
  if (day < p.validFrom) {
    return refuse(
      'not_yet_valid',
      'prescriptionId',
      `the prescription is valid from ${p.validFrom}`,
      { from: p.validFrom },
    );
  }
  if (p.status === 'expired' || day > p.validTo) {
    return refuse('expired', 'prescriptionId', `the prescription expired after ${p.validTo}`, {
      to: p.validTo,
    });
  }
  return null;
}

/** Days of supply a part of the prescription's quantity covers, rounded up. */
export function coveredDays(
  p: Pick<PrescriptionState, 'daysOfSupply' | 'quantity'>,
  quantity: number,
) {
  return Math.ceil((p.daysOfSupply * quantity) / p.quantity);
}

export function checkDispense(facts: DispenseFacts): DispenseCheck {
  const p = facts.prescription;
  const closed = checkOpen(p, facts.day, facts.signatureValid);
  if (closed) return closed;
  const left = p.quantity - p.dispensed;
  if (left <= 0) {
    return refuse(
      'completed',
      'quantity',
      `nothing is left: ${p.quantity} of ${p.quantity} dispensed`,
      { dispensed: p.quantity, quantity: p.quantity },
    );
  }
  if (facts.quantity > left) {
    return refuse(
      'exceeds_remaining',
      'quantity',
      `only ${left} of ${p.quantity} ${left === 1 ? 'is' : 'are'} left to dispense`,
      { left, quantity: p.quantity },
    );
  }
  if (facts.expiry < facts.day) {
    return refuse('lot_expired', 'expiry', `the lot expired on ${facts.expiry}`, {
      expiry: facts.expiry,
    });
  }
  const suppliedUntil = addDays(facts.day, coveredDays(p, facts.quantity) - 1);
  if (facts.expiry < suppliedUntil) {
    return refuse(
      'lot_expires_during_supply',
      'expiry',
      `the lot expires on ${facts.expiry}, before the supply it covers ends on ${suppliedUntil}`,
      { expiry: facts.expiry, until: suppliedUntil },
    );
  }
  const basis = basisOnDay(facts.onDay, facts.policy);
  if (!basis) {
    return refuse(
      'no_longer_free',
      'prescriptionId',
      facts.policy === null
        ? `the item is no longer free on ${facts.day} (${facts.onDay.status}) and the region gives no policy for that`
        : `the item is no longer free on ${facts.day} (${facts.onDay.status}) and the region's policy is to refuse`,
      { day: facts.day, status: facts.onDay.status, policy: facts.policy ?? 'none' },
    );
  }
  const remaining = left - facts.quantity;
  return { allowed: true, basis, remaining, completes: remaining === 0, suppliedUntil };
}

function basisOnDay(
  onDay: ItemOnDay,
  policy: ExcludedItemPolicyValue | null,
): DispenseBasis | null {
  if (onDay.status === 'entitled') {
    return { kind: 'in_force', status: onDay.status };
  }
  switch (policy) {
    case 'honour_until_expiry':
      return { kind: 'excluded_after_issue', policy, status: onDay.status };
    case 'refuse':
    case null:
      return null;
    default: {
      const unhandled: never = policy;
      throw new Error(`unhandled excluded-item policy ${String(unhandled)}`);
    }
  }
}

export interface DeferralFacts {
  prescription: PrescriptionState;
  day: IsoDate;
  signatureValid: boolean;
  /** The due date of the open deferral, if there is one. */
  openDeferralDue: IsoDate | null;
}

export type DeferralCheck = { allowed: true; remaining: number } | Refusal<DeferralRefusalCode>;

/** A deferral promises to serve what is left: one open at a time. */
export function checkDeferral(facts: DeferralFacts): DeferralCheck {
  const closed = checkOpen(facts.prescription, facts.day, facts.signatureValid);
  if (closed) return closed;
  const p = facts.prescription;
  if (p.quantity - p.dispensed <= 0) {
    return refuse('completed', 'prescriptionId', 'nothing is left to defer');
  }
  if (facts.openDeferralDue !== null) {
    return refuse(
      'deferral_open',
      'prescriptionId',
      `a deferral is already open, due on ${facts.openDeferralDue}`,
      { due: facts.openDeferralDue },
    );
  }
  return { allowed: true, remaining: p.quantity - p.dispensed };
}

/**
 * The engine's answer for the prescription's item and product on a day: the same item is the
 * same act, annex, section and item number as frozen at issue (`basisItem`); the product is
 * matched by INN, or by name where it has none. An item the answer does not list counts as `not_entitled`.
 */
export function itemOnDay(
  entitlements: readonly Entitlement[],
  basis: Pick<FrozenBasis, 'item' | 'citation'>,
  product: Pick<Prescription['product'], 'inn' | 'name'>,
): ItemOnDay {
  const same = entitlements.find(
    (e) =>
      basisItem(e) === basis.item &&
      e.basis.act === basis.citation.act &&
      e.basis.annex === basis.citation.annex &&
      e.basis.section === basis.citation.section,
  );
  if (!same) return { status: 'not_entitled' };
  const listed = same.products.some((p) =>
    product.inn !== null
      ? p.inn === product.inn
      : product.name !== null && p.name !== null && Object.values(p.name).includes(product.name),
  );
  return { status: listed ? same.status : 'not_entitled' };
}
