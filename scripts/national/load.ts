/**
 * Loads the national synthetic register into PostgreSQL (a schema of its own), in batches, each
 * committed with its progress row — so a load stopped at any point resumes where it stopped,
 * and running it again on a complete schema does nothing (idempotent per schema).
 *
 * Synthetic bulk data, written directly with set-based inserts (`INSERT … SELECT unnest(…)` and
 * `INSERT … SELECT … generate_series`), NOT through the use cases: no signatures, no idempotency
 * keys and no audit records. The analyses read none of those, and the audit chain verifier over
 * this schema would have only the analyses' own records to check (they append to an empty chain).
 *
 * Patients, attachments, registrations and commission decisions are planned in JavaScript
 * (plan.ts: names, valid IINs, item-appropriate ages); 12 months of prescriptions, dispenses and
 * deferrals are derived in SQL from the registrations of regions tegin holds a list for (a
 * prescription is issued only on a list's item): a chronic item monthly, for most registrations.
 */
import type { SqlClient } from '../../src/storage/sql-client.ts';
import { addDays, type IsoDate } from '../../src/domain/date.ts';
import { planBatch, POLYCLINICS, type Plan, type Serials } from './plan.ts';
import { dropRegisterIndexes, restoreRegisterIndexes } from './bulk-indexes.ts';

export type Progress = (step: string, done: number, total: number) => void;

const BATCH = 20_000;
/** Prescriptions, dispenses and deferrals are written per two-hex-digit prefix of an id. */
const PREFIXES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const upper = (prefix: string) =>
  prefix === 'ff' ? 'g' : (parseInt(prefix, 16) + 1).toString(16).padStart(2, '0');

async function setUp(db: SqlClient, plan: Plan): Promise<void> {
  await db.exec(`CREATE TABLE IF NOT EXISTS national_progress (
      step text NOT NULL, chunk integer NOT NULL, PRIMARY KEY (step, chunk));
    CREATE TABLE IF NOT EXISTS national_meta (patients integer NOT NULL, until date NOT NULL);
    CREATE TABLE IF NOT EXISTS national_items (region text NOT NULL, icd10 text NOT NULL,
      act text NOT NULL, annex text NOT NULL, item text NOT NULL, product_key text NOT NULL,
      product jsonb NOT NULL, PRIMARY KEY (region, icd10));`);
  const meta = await db.query<{ patients: number; until: string }>(
    `SELECT patients, until::text AS until FROM national_meta`,
  );
  if (meta[0]) {
    if (meta[0].patients !== plan.total || meta[0].until !== plan.until) {
      throw new Error(
        `this schema holds a register of ${meta[0].patients} patients until ${meta[0].until}: use another schema`,
      );
    }
    return;
  }
  await db.transaction(async (tx) => {
    await tx.query(`INSERT INTO national_meta VALUES ($1, $2)`, [plan.total, plan.until]);
    await tx.query(`INSERT INTO ops_accounts (id, username, display_name, password_hash)
                    VALUES ('national', 'national', 'national generator', 'x')`);
    for (const { code } of plan.regions) {
      await tx.query(
        `INSERT INTO ops_organisations
         SELECT $1 || '/P' || g, $1, 'P' || g, 'polyclinic', 'п', 'п', 'Polyclinic ' || g
           FROM generate_series(1, $2::int) g
         UNION ALL SELECT $1 || '/H', $1, 'H', 'hospital_with_commission', 'а', 'б', 'Hospital'
         UNION ALL SELECT $1 || '/A', $1, 'A', 'pharmacy', 'д', 'а', 'Pharmacy'`,
        [code, POLYCLINICS],
      );
    }
  });
}

/** The items whose registrations get prescriptions: those of regions with a list of their own. */
export async function writeItems(db: SqlClient, plan: Plan, withList: readonly string[]) {
  for (const { code, items } of plan.regions) {
    if (!withList.includes(code)) continue;
    for (const i of items) {
      if (!i.product) continue;
      await db.query(
        `INSERT INTO national_items VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [
          code,
          i.icd10,
          i.act,
          i.annex,
          i.item,
          i.product.key,
          JSON.stringify({ inn: i.product.inn, name: i.product.name, form: i.product.form }),
        ],
      );
    }
  }
}

async function doneChunks(db: SqlClient, step: string): Promise<Set<number>> {
  const rows = await db.query<{ chunk: number }>(
    `SELECT chunk FROM national_progress WHERE step = $1`,
    [step],
  );
  return new Set(rows.map((r) => r.chunk));
}

const INSERT_PATIENTS = `INSERT INTO ops_patients
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[])`;
const INSERT_ATTACHMENTS = `INSERT INTO ops_attachments
  SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::date[])`;
const INSERT_REGISTRATIONS = `INSERT INTO ops_registrations
    (id, patient_id, icd10, organisation, specialist, from_date, to_date, basis, confirmed,
     deregistration_reason, deregistered_by)
  SELECT r.id, r.p, r.c, r.o, 'national', r.f, r.t, 'synthetic', r.k,
         CASE WHEN r.t IS NOT NULL THEN 'recovered' END, CASE WHEN r.t IS NOT NULL THEN 'national' END
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::bool[])
      AS r(id, p, c, o, f, t, k)`;
const INSERT_DECISIONS = `INSERT INTO ops_commission_decisions
    (id, patient_id, organisation, protocol_number, protocol_date, icd10, inns, valid_from, valid_to, recorded_by)
  SELECT d.id, d.p, d.o, d.n, d.pd, d.c, d.i::jsonb, d.f, d.t, 'national'
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[], $8::date[], $9::date[])
      AS d(id, p, o, n, pd, c, i, f, t)`;

const columns = (rows: unknown[][], n: number) =>
  Array.from({ length: n }, (_, k) => rows.map((r) => r[k]));

// Monthly prescriptions for 70 % of the registrations of an item with a product, in the 12
// months up to `until`, while registered; 90 % dispensed within 5 days (then `completed`).
const INSERT_PRESCRIPTIONS = `INSERT INTO ops_prescriptions
    (id, number, region, patient_id, organisation, prescriber, icd10, product_key, product,
     quantity, unit, dosing, days_of_supply, continuous, issued_on, valid_from, valid_to,
     supply_to, basis, signature, status, dispensed)
  SELECT md5(r.id || m)::uuid::text, 'NAT-' || md5(r.id || m), i.region, r.patient_id,
         r.organisation, 'national', r.icd10, i.product_key, i.product, q, 'pack', 'as prescribed',
         30, true, day, day, day + 29, day + 29,
         jsonb_build_object('item', i.item, 'citation', jsonb_build_object('act', i.act, 'annex', i.annex)),
         '{}', CASE WHEN done THEN 'completed' ELSE 'active' END, CASE WHEN done THEN q ELSE 0 END
    FROM ops_registrations r
    JOIN national_items i ON i.region = split_part(r.organisation, '/', 1) AND i.icd10 = r.icd10
   CROSS JOIN generate_series(0, 11) m
   CROSS JOIN LATERAL (SELECT ($3::date - 365 + m * 30 + abs(hashtext(r.id)) % 20)::date AS day,
                              1 + abs(hashtext(r.id)) % 3 AS q,
                              abs(hashtext(r.id || m)) % 10 < 9 AS done) x
   WHERE r.id >= $1 AND r.id < $2 AND abs(hashtext(r.id)) % 10 < 7
     AND day >= r.from_date AND (r.to_date IS NULL OR day <= r.to_date) AND day <= $3::date`;
const INSERT_DISPENSES = `INSERT INTO ops_dispenses (id, prescription_id, pharmacy, pharmacist,
     quantity, lot, expiry, dispensed_on, at, basis, remaining, registry_version)
  SELECT md5('d' || p.id)::uuid::text, p.id, p.region || '/A', 'national', p.quantity, 'NAT',
         '2030-01-01', LEAST(p.valid_to, p.issued_on + abs(hashtext(p.id)) % 5),
         LEAST(p.valid_to, p.issued_on + abs(hashtext(p.id)) % 5)::timestamptz, '{}', 0, 'national'
    FROM ops_prescriptions p
   WHERE p.id >= $1 AND p.id < $2 AND p.status = 'completed'`;
// 3 % of the dispenses that waited a day or more were deferred first (out of stock).
const INSERT_DEFERRALS = `INSERT INTO ops_deferrals (id, prescription_id, pharmacy, pharmacist,
     recorded_on, urgent, due_on, due_rule, status, served_by)
  SELECT md5('f' || p.id)::uuid::text, p.id, d.pharmacy, 'national', p.issued_on, false,
         p.issued_on + 10, '{}', 'served', d.id
    FROM ops_prescriptions p JOIN ops_dispenses d ON d.prescription_id = p.id
   WHERE p.id >= $1 AND p.id < $2 AND d.dispensed_on > p.issued_on
     AND abs(hashtext(p.id || 'f')) % 100 < 3`;

export async function loadNational(
  db: SqlClient,
  plan: Plan,
  withList: readonly string[],
  progress: Progress,
): Promise<void> {
  await setUp(db, plan);
  const batches = Math.ceil(plan.total / BATCH);
  const done = await doneChunks(db, 'register');
  if (done.size < batches) await dropRegisterIndexes(db);
  const serials: Serials = new Map();
  for (let b = 0; b < batches; b++) {
    const from = b * BATCH + 1;
    const rows = planBatch(plan, from, Math.min(plan.total, from + BATCH - 1), serials);
    if (!done.has(b)) {
      await db.transaction(async (tx) => {
        await tx.query(INSERT_PATIENTS, columns(rows.patients, 8));
        await tx.query(INSERT_ATTACHMENTS, columns(rows.attachments, 4));
        await tx.query(INSERT_REGISTRATIONS, columns(rows.registrations, 7));
        await tx.query(INSERT_DECISIONS, columns(rows.decisions, 9));
        await tx.query(`INSERT INTO national_progress VALUES ('register', $1)`, [b]);
      });
    }
    progress('patients', b + 1, batches);
  }
  await restoreRegisterIndexes(db, (k, n) => progress('indexes', k, n));
  if (!(await doneChunks(db, 'items')).has(0)) {
    await db.transaction(async (tx) => {
      await writeItems(tx, plan, withList);
      await tx.query(`INSERT INTO national_progress VALUES ('items', 0)`);
    });
  }
  for (const [step, sql] of [
    ['prescriptions', INSERT_PRESCRIPTIONS],
    ['dispenses', INSERT_DISPENSES],
    ['deferrals', INSERT_DEFERRALS],
  ] as const) {
    const finished = await doneChunks(db, step);
    for (const [k, prefix] of PREFIXES.entries()) {
      if (!finished.has(k)) {
        await db.transaction(async (tx) => {
          await tx.query(sql, [
            prefix,
            upper(prefix),
            ...(step === 'prescriptions' ? [plan.until] : []),
          ]);
          await tx.query(`INSERT INTO national_progress VALUES ($1, $2)`, [step, k]);
        });
      }
      progress(step, k + 1, PREFIXES.length);
    }
  }
  // This schema's tables only (the database may hold other schemas). VACUUM sets the visibility
  // map, so a region's patients come from an index-only scan of `ops_attachments_organisation`
  // (at 3M: 22 ms, against 1.3 s for a sequential scan without it).
  await db.exec(`VACUUM (ANALYZE) ${TABLES.join(', ')}`);
}

const TABLES = [
  'ops_organisations',
  'ops_patients',
  'ops_attachments',
  'ops_registrations',
  'ops_commission_decisions',
  'ops_prescriptions',
  'ops_dispenses',
  'ops_deferrals',
];

/** The first day of the 12 months the ledger covers. */
export const ledgerFrom = (until: IsoDate): IsoDate => addDays(until, -365);
