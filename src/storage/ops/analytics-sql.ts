/**
 * The aggregate analyses in SQL (analytics-port.ts): each one statement that groups in the
 * database, so a region of millions of registrations returns a few thousand rows. Registrations
 * belong to a region by the registering organisation (`KZ-NN/…`), prescriptions by their region.
 */
import type { IsoDate } from '../../domain/date.ts';
import type { SqlClient } from '../sql-client.ts';
import { analyticQuery, inSlice, readInSlices, WHOLE, type Slice } from '../analytics/session.ts';
import type { AnalyticsStorage, LedgerMonth, OutOfStock, RegisterGroup } from './analytics-port.ts';

// Per patient and code: days on the register inside [from, to], the latest conclusion's
// `confirmed`; then the engine's facts on the census date, grouped. The commission logic is
// src/ops/facts.ts `isDecisionInForce`: not a revocation, valid on the day, and not yet
// withdrawn by the decision that revoked it.
export const REGISTER_GROUPS = `
WITH reg AS (
  SELECT r.patient_id, r.icd10,
         SUM(LEAST(COALESCE(r.to_date, $3::date), $3::date) - GREATEST(r.from_date, $2::date) + 1)::int AS days,
         (array_agg(r.confirmed ORDER BY r.from_date DESC))[1] AS confirmed
    FROM ops_registrations r
   WHERE r.organisation LIKE $1 || '/%'
     AND r.from_date <= $3::date AND (r.to_date IS NULL OR r.to_date >= $2::date)
     AND ${inSlice('r.patient_id', '$5', '$6')}
   GROUP BY r.patient_id, r.icd10
), facts AS (
  SELECT reg.icd10, reg.confirmed, reg.days,
         GREATEST(0, date_part('year', age($4::date, p.birth_date)))::int AS age,
         p.citizenship = 'KZ' AS citizen,
         COALESCE((SELECT split_part(a.organisation, '/', 1) FROM ops_attachments a
                    WHERE a.patient_id = reg.patient_id AND a.from_date <= $4::date
                      AND (a.to_date IS NULL OR a.to_date > $4::date)
                    LIMIT 1), 'unknown') AS served_in,
         COALESCE((SELECT string_agg(DISTINCT lower(i.inn), '|' ORDER BY lower(i.inn))
                     FROM ops_commission_decisions d
                    CROSS JOIN LATERAL jsonb_array_elements_text(d.inns) AS i(inn)
                    WHERE d.patient_id = reg.patient_id AND d.icd10 = reg.icd10
                      AND d.revokes IS NULL
                      AND d.valid_from <= $4::date AND (d.valid_to IS NULL OR d.valid_to >= $4::date)
                      AND (d.revoked_by IS NULL OR EXISTS (
                            SELECT 1 FROM ops_commission_decisions v
                             WHERE v.id = d.revoked_by AND $4::date < v.valid_from))), '') AS inns
    FROM reg CROSS JOIN LATERAL (SELECT q.birth_date, q.citizenship FROM ops_patients q
                                  WHERE q.id = reg.patient_id) p
)
SELECT icd10, confirmed, age, citizen, served_in, inns,
       count(*)::int AS patients, sum(days)::int AS patient_days
  FROM facts
 GROUP BY icd10, confirmed, age, citizen, served_in, inns
 ORDER BY icd10, age, confirmed, citizen, served_in, inns`;

const LEDGER_MONTHS = `
SELECT p.basis->>'item' AS item, p.basis->'citation'->>'act' AS act, p.product_key, p.unit,
       date_part('month', d.dispensed_on)::int AS month, sum(d.quantity)::int AS quantity
  FROM ops_dispenses d JOIN ops_prescriptions p ON p.id = d.prescription_id
 WHERE p.region = $1 AND d.dispensed_on BETWEEN $2::date AND $3::date
 GROUP BY 1, 2, 3, 4, 5
 ORDER BY 1, 3, 4, 5`;

// A deferral keeps its product out of stock from the day it is recorded to the day before the
// dispense that served it (at least its own day), to `asOf` while open, and on its own day only
// when cancelled (the cancellation's day is not stored).
const OUT_OF_STOCK = `
WITH spans AS (
  SELECT p.product_key,
         GREATEST(f.recorded_on, $2::date) AS first_day,
         LEAST(CASE f.status
                 WHEN 'served' THEN GREATEST(f.recorded_on,
                   (SELECT d.dispensed_on - 1 FROM ops_dispenses d WHERE d.id = f.served_by))
                 WHEN 'open' THEN GREATEST(f.recorded_on, $4::date)
                 ELSE f.recorded_on END, $3::date) AS last_day
    FROM ops_deferrals f JOIN ops_prescriptions p ON p.id = f.prescription_id
   WHERE p.region = $1 AND f.recorded_on <= $3::date
)
SELECT product_key, count(DISTINCT day::date)::int AS days
  FROM spans CROSS JOIN LATERAL generate_series(first_day, last_day, interval '1 day') AS day
 WHERE last_day >= first_day
 GROUP BY product_key
 ORDER BY product_key`;

/** The statements, exported so the benchmark can EXPLAIN exactly what runs. */
export const ANALYTICS_SQL = {
  registerGroups: REGISTER_GROUPS,
  ledgerMonths: LEDGER_MONTHS,
  outOfStock: OUT_OF_STOCK,
} as const;

/** Parameters of `REGISTER_GROUPS`, exported so the benchmark can EXPLAIN exactly what runs. */
export const registerGroupsParams = (
  region: string,
  from: IsoDate,
  to: IsoDate,
  census: IsoDate,
  slice: Slice = WHOLE,
) => [region, from, to, census, slice.of, slice.index];

export class SqlAnalyticsStorage implements AnalyticsStorage {
  /** `slices`: how many parts of a region the register is read in at once (`slicesFor`). */
  constructor(
    private readonly db: SqlClient,
    private readonly slices = 1,
  ) {}

  async registerGroups(
    region: string,
    from: IsoDate,
    to: IsoDate,
    census: IsoDate,
  ): Promise<RegisterGroup[]> {
    const rows = await readInSlices(this.slices, (slice) =>
      analyticQuery<{
        icd10: string;
        confirmed: boolean;
        age: number;
        citizen: boolean;
        served_in: string;
        inns: string;
        patients: number;
        patient_days: number;
      }>(this.db, REGISTER_GROUPS, registerGroupsParams(region, from, to, census, slice)),
    );
    return rows.map((r) => ({
      icd10: r.icd10,
      confirmed: r.confirmed,
      age: r.age,
      citizen: r.citizen,
      servedIn: r.served_in,
      commission: r.inns === '' ? [] : r.inns.split('|'),
      patients: r.patients,
      patientDays: r.patient_days,
    }));
  }

  async ledgerMonths(region: string, from: IsoDate, to: IsoDate): Promise<LedgerMonth[]> {
    const rows = await analyticQuery<{
      item: string;
      act: string;
      product_key: string;
      unit: string;
      month: number;
      quantity: number;
    }>(this.db, LEDGER_MONTHS, [region, from, to]);
    return rows.map((r) => ({
      item: r.item,
      act: r.act,
      productKey: r.product_key,
      unit: r.unit,
      month: r.month,
      quantity: r.quantity,
    }));
  }

  async outOfStock(
    region: string,
    from: IsoDate,
    to: IsoDate,
    asOf: IsoDate,
  ): Promise<OutOfStock[]> {
    const rows = await analyticQuery<{ product_key: string; days: number }>(this.db, OUT_OF_STOCK, [
      region,
      from,
      to,
      asOf,
    ]);
    return rows.map((r) => ({ productKey: r.product_key, days: r.days }));
  }
}
