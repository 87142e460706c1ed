/**
 * The impact analysis' read in one statement: a region's patients grouped by every fact the
 * engine asks about on D−1 and on D (src/ops/facts.ts `factsFromRegister`, in SQL): age on each
 * day (src/domain/date.ts `ageOn`), citizenship, the attachment's region on each day
 * (`attachmentOn`: [from, to), the earliest first), and per code held on each day whether it is
 * registered, the registration's conclusion and the INNs of the decisions in force
 * (`isDecisionInForce`). With each group, its prescriptions active on D counted by item and
 * diagnosis. Ids are aggregated only when a list is asked for ($4).
 *
 * The region's patients are reached as `IN (SELECT id FROM pats)`, not as a join with `pats`:
 * as a join the planner hashed the whole of ops_registrations, ops_commission_decisions and
 * ops_patients (3.9 M registrations at 3 M patients, past work_mem) to probe it with a region's
 * few per cent; as a semi-join it walks the region's patients through the `patient_id` indexes
 * (docs/scale.md; 300,000 patients, KZ-35: 1.07–1.24 s → 1.00 s, same rows).
 *
 * Shaped for a national register (docs/scale.md, "Slices"):
 * - a slice ($6 parts, this one $7) keeps the patients whose id hashes to it, so the parts are
 *   disjoint and a patient's rows all fall in one; `$6 = 1` reads the whole region;
 * - the codes of both days are aggregated in one pass per patient (one join, not two);
 * - the prescriptions active on D are found through `ops_prescriptions_active` (migration
 *   170), then joined to the facts; "not all handed over before D" reads the dispenses only of
 *   a prescription handed over in full by now (`dispensed`, the sum of its dispenses, written
 *   with each of them: a prescription not yet handed over in full was not before D either).
 *
 * NOTE: where two open registrations of one code overlap a day with different conclusions, the
 * per-patient reading takes whichever the database returns first; this takes `confirmed` if
 * either is. The register's own rule allows one open registration per code.
 */
import type { ImpactGroup } from '../../analytics/impact.ts';
import type { IsoDate } from '../../domain/date.ts';
import type { SqlClient } from '../sql-client.ts';
import { analyticQuery, inSlice, slicesAsRead, WHOLE, type Slice } from './session.ts';

const ageOn = (
  day: string,
) => `GREATEST(-1, (extract(year FROM ${day}) - extract(year FROM p.birth_date)
    - CASE WHEN (extract(month FROM ${day}), extract(day FROM ${day}))
              < (extract(month FROM p.birth_date), extract(day FROM p.birth_date)) THEN 1 ELSE 0 END)::int)`;
const servedOn = (day: string) => `COALESCE((SELECT split_part(a.organisation, '/', 1)
      FROM ops_attachments a WHERE a.patient_id = p.id AND a.from_date <= ${day}
       AND (a.to_date IS NULL OR ${day} < a.to_date) ORDER BY a.from_date LIMIT 1), 'unknown')`;
const FACTS = `citizen, age_before, age_after, served_before, served_after, diagnoses_before, diagnoses_after`;

export const IMPACT_GROUPS = `
WITH pats AS MATERIALIZED (
  SELECT DISTINCT a.patient_id AS id
    FROM ops_attachments a
   WHERE a.organisation = ANY (SELECT o.id FROM ops_organisations o WHERE o.region = $1)
     AND a.from_date <= $3::date AND (a.to_date IS NULL OR a.to_date > $2::date)
     AND ${inSlice('a.patient_id', '$6', '$7')}
), days (k, d) AS (VALUES (0, $2::date), (1, $3::date)),
held AS (
  SELECT r.patient_id, days.k, r.icd10, r.confirmed, NULL::text AS inn
    FROM ops_registrations r
    JOIN days ON r.from_date <= days.d AND (r.to_date IS NULL OR days.d <= r.to_date)
   WHERE r.patient_id IN (SELECT id FROM pats)
  UNION ALL
  SELECT c.patient_id, days.k, c.icd10, NULL::boolean, lower(i.inn)
    FROM ops_commission_decisions c
    JOIN days ON c.valid_from <= days.d AND (c.valid_to IS NULL OR days.d <= c.valid_to)
    LEFT JOIN ops_commission_decisions v ON v.id = c.revoked_by AND v.patient_id = c.patient_id
    LEFT JOIN LATERAL jsonb_array_elements_text(c.inns) AS i(inn) ON true
   WHERE c.patient_id IN (SELECT id FROM pats)
     AND c.revokes IS NULL AND (c.revoked_by IS NULL OR days.d < v.valid_from)
), codes AS (
  SELECT patient_id,
         jsonb_agg(jsonb_build_object('code', icd10, 'registered', registered,
                   'confirmed', confirmed, 'commission', commission) ORDER BY icd10)
           FILTER (WHERE k = 0) AS before,
         jsonb_agg(jsonb_build_object('code', icd10, 'registered', registered,
                   'confirmed', confirmed, 'commission', commission) ORDER BY icd10)
           FILTER (WHERE k = 1) AS after
    FROM (SELECT patient_id, k, icd10, bool_or(confirmed IS NOT NULL) AS registered,
                 COALESCE(bool_or(confirmed), false) AS confirmed,
                 COALESCE(jsonb_agg(DISTINCT inn ORDER BY inn) FILTER (WHERE inn IS NOT NULL),
                          '[]'::jsonb) AS commission
            FROM held GROUP BY patient_id, k, icd10) per_code
   GROUP BY patient_id
), facts AS (
  SELECT p.id, p.citizenship = 'KZ' AS citizen,
         ${ageOn('$2::date')} AS age_before, ${ageOn('$3::date')} AS age_after,
         ${servedOn('$2::date')} AS served_before, ${servedOn('$3::date')} AS served_after,
         COALESCE(c.before, '[]'::jsonb) AS diagnoses_before,
         COALESCE(c.after, '[]'::jsonb) AS diagnoses_after
    FROM ops_patients p
    LEFT JOIN codes c ON c.patient_id = p.id
   WHERE p.id IN (SELECT id FROM pats)
), groups AS (
  SELECT ${FACTS}, count(*)::int AS patients,
         CASE WHEN $4::boolean THEN array_agg(id ORDER BY id) END AS ids
    FROM facts GROUP BY ${FACTS}
), active AS MATERIALIZED (
  SELECT p.id, p.patient_id, p.basis->'citation'->>'act' AS act,
         p.basis->'citation'->>'annex' AS annex, p.basis->>'item' AS item, p.icd10
    FROM ops_prescriptions p
   WHERE p.region = $1 AND p.valid_from <= $3::date AND p.valid_to >= $3::date
     AND ${inSlice('p.patient_id', '$6', '$7')}
     AND (p.cancelled_at IS NULL OR p.cancelled_at >= $5::timestamptz)
     AND (p.dispensed < p.quantity
          OR p.quantity > (SELECT coalesce(sum(d.quantity), 0) FROM ops_dispenses d
                            WHERE d.prescription_id = p.id AND d.dispensed_on < $3::date))
), rx AS (
  SELECT ${FACTS}, a.act, a.annex, a.item, a.icd10, count(*)::int AS n,
         CASE WHEN $4::boolean THEN jsonb_agg(jsonb_build_array(a.id, a.patient_id) ORDER BY a.id) END AS ids
    FROM active a JOIN facts f ON f.id = a.patient_id
   GROUP BY ${FACTS}, a.act, a.annex, a.item, a.icd10
), rx_groups AS (
  SELECT ${FACTS}, jsonb_agg(jsonb_build_object('act', act, 'annex', annex, 'item', item,
                   'icd10', icd10, 'count', n, 'ids', ids)) AS prescriptions
    FROM rx GROUP BY ${FACTS}
)
SELECT g.*, COALESCE(r.prescriptions, '[]'::jsonb) AS prescriptions
  FROM groups g LEFT JOIN rx_groups r USING (${FACTS})`;

interface Row extends Record<string, unknown> {
  citizen: boolean;
  age_before: number;
  age_after: number;
  served_before: string;
  served_after: string;
  diagnoses_before: ImpactGroup['before']['diagnoses'];
  diagnoses_after: ImpactGroup['after']['diagnoses'];
  patients: number;
  ids: string[] | null;
  prescriptions: ImpactGroup['prescriptions'];
}

/** Parameters of `IMPACT_GROUPS`, exported so the benchmark can EXPLAIN exactly what runs. */
export const impactGroupsParams = (
  region: string,
  before: IsoDate,
  on: IsoDate,
  listed: boolean,
  slice: Slice = WHOLE,
) => [region, before, on, listed, `${on}T00:00:00Z`, slice.of, slice.index];

/** The groups of each slice as it is read (see `slicesAsRead`). */
export async function* readImpactGroups(
  db: SqlClient,
  region: string,
  before: IsoDate,
  on: IsoDate,
  listed: boolean,
  slices = 1,
): AsyncIterable<ImpactGroup[]> {
  const parts = slicesAsRead(slices, (slice) =>
    analyticQuery<Row>(db, IMPACT_GROUPS, impactGroupsParams(region, before, on, listed, slice)),
  );
  for await (const rows of parts) {
    yield rows.map((r) => ({
      patients: r.patients,
      ids: r.ids,
      citizen: r.citizen,
      before: { age: r.age_before, servedIn: r.served_before, diagnoses: r.diagnoses_before },
      after: { age: r.age_after, servedIn: r.served_after, diagnoses: r.diagnoses_after },
      prescriptions: r.prescriptions,
    }));
  }
}
