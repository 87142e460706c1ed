/**
 * What the analyses read (docs/adr/0018-analytics.md): a region's patients with their register,
 * in batches, and per batch what was prescribed, dispensed and deferred — a few set-based
 * queries per batch, never one per patient. Writes nothing but the audit.
 */
import type { IsoDate } from '../../domain/date.ts';
import type { AuditEntry } from '../../ops/audit.ts';
import type { RegisterOf } from '../../ops/facts.ts';
import type { ActivePrescription, ImpactGroup } from '../../analytics/impact.ts';
import type { OverdueDeferral } from '../../analytics/gaps.ts';

export interface RegisterRow {
  id: string;
  register: RegisterOf;
}

/**
 * The per-batch reads take a batch's ids in the order `registers` gave them (the database's
 * order: the first and the last bound the index range each read scans).
 */
export interface AnalyticsStorage {
  /**
   * Patients attached to an organisation of `region` on some day of [from, to], in batches of
   * `size` in internal id order, each with its attachments and the registrations and decisions
   * that touch [from, to].
   */
  registers(region: string, from: IsoDate, to: IsoDate, size: number): AsyncIterable<RegisterRow[]>;
  /**
   * The patients of `region` (attached on `before` or `on`) grouped by their facts on both days,
   * with their prescriptions active on `on`; the ids of each only when `listed`. In parts, as
   * they are read: groups of equal facts may come in more than one part (they add up).
   */
  impactGroups(
    region: string,
    before: IsoDate,
    on: IsoDate,
    listed: boolean,
  ): AsyncIterable<ImpactGroup[]>;
  /** The patients' prescriptions of `region` active on `on` (valid, not cancelled, not all handed over before it). */
  activePrescriptions(
    patients: readonly string[],
    region: string,
    on: IsoDate,
  ): Promise<ActivePrescription[]>;
  /** The items (`act|annex|section.item`) dispensed to each patient after `since`, up to `on`. */
  dispensedItems(
    patients: readonly string[],
    since: IsoDate,
    on: IsoDate,
  ): Promise<Map<string, Set<string>>>;
  /** The patients' deferrals recorded by `on`, due before it, not served by it (nor cancelled). */
  overdueDeferrals(patients: readonly string[], on: IsoDate): Promise<OverdueDeferral[]>;
  /** Appends the records in one transaction (a list of patients: one record each). */
  appendAudits(entries: readonly AuditEntry[]): Promise<void>;
}
