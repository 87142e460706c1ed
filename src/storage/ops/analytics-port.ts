/**
 * What the aggregate analyses ask of storage: set-based counts over the register and the ledger
 * of one region and period, grouped so that the answer holds no patient — only how many share
 * each combination of the facts the engine asks about (docs/adr/0019-need-and-budget.md).
 */
import type { IsoDate } from '../../domain/date.ts';

/** Patients registered for a code during the period, grouped by the engine's facts on `census`. */
export interface RegisterGroup {
  icd10: string;
  /** The specialist's conclusion confirmed the diagnosis (latest registration in the period). */
  confirmed: boolean;
  /** Age in whole years on the census date (0 for someone born after it). */
  age: number;
  citizen: boolean;
  /** Region of the attachment on the census date, or `unknown`. */
  servedIn: string;
  /** INNs of the commission decisions for the code in force on the census date, sorted. */
  commission: string[];
  patients: number;
  /** Days on the register within the period, summed over the group's patients. */
  patientDays: number;
}

export interface LedgerMonth {
  item: string;
  act: string;
  productKey: string;
  unit: string;
  /** 1–12. */
  month: number;
  quantity: number;
}

export interface OutOfStock {
  productKey: string;
  /** Distinct days in the period with a deferral open for the product anywhere in the region. */
  days: number;
}

export interface AnalyticsStorage {
  registerGroups(
    region: string,
    from: IsoDate,
    to: IsoDate,
    census: IsoDate,
  ): Promise<RegisterGroup[]>;
  ledgerMonths(region: string, from: IsoDate, to: IsoDate): Promise<LedgerMonth[]>;
  /** `asOf`: the last day an open deferral counts (today, or the end of the period). */
  outOfStock(region: string, from: IsoDate, to: IsoDate, asOf: IsoDate): Promise<OutOfStock[]>;
}
