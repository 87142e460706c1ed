/**
 * The analyses on a generated register in PostgreSQL (DATABASE_URL, a schema of its own dropped
 * after): N patients of West Kazakhstan attached to four polyclinics, each registered for one or
 * two of the list's codes, half with a prescription active on the day, half of those dispensed.
 * Prints the time of each analysis and EXPLAIN ANALYZE of each batch query.
 *
 *   DATABASE_URL=postgres://… node --import tsx bench/analytics.ts [N]
 */
import { randomBytes } from 'node:crypto';
import { AnalyticsUseCases } from '../src/app/analytics/analytics.ts';
import { lawOf } from '../src/app/ops/law.ts';
import { argon2Hasher } from '../src/app/ops/password.ts';
import { catalogFor, diffFor } from '../src/app/queries.ts';
import { isoDate } from '../src/domain/date.ts';
import { DEFAULT_LOGIN_POLICY } from '../src/ops/login.ts';
import { SQL, SqlAnalyticsStorage } from '../src/storage/analytics/analytics-sql.ts';
import { openPostgresOpsStorage } from '../src/storage/ops/open.ts';
import { dropSchema } from '../src/storage/postgres.ts';
import { realData } from '../test/support/fixture.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL');
const n = Number(process.argv[2] ?? 100_000);
const schema = `tegin_analytics_bench_${randomBytes(4).toString('hex')}`;
const { registry, engine } = realData();
const region = registry.region('KZ-27');
if (!region) throw new Error('no KZ-27');
const day = isoDate('2026-06-15');
const items = catalogFor(registry, region, day).items.filter(
  (i) =>
    i.status === 'in_force' &&
    (i.diagnosis?.icd10.length ?? 0) > 0 &&
    i.products.some((p) => p.inn),
);
const codes = items.map((i) => i.diagnosis?.icd10[0] as string);
const storage = await openPostgresOpsStorage(url, schema);
try {
  await storage.migrate();
  const db = storage.db;
  const inChunks = async (sql: string, extra: unknown[]) => {
    for (let lo = 1; lo <= n; lo += 100_000) {
      await db.query(sql, [lo, Math.min(n, lo + 99_999), ...extra]);
    }
  };
  let t = Date.now();
  await db.query(
    `INSERT INTO ops_organisations SELECT 'KZ-27/P' || g, 'KZ-27', 'P' || g, 'polyclinic', 'p', 'p', 'p'
       FROM generate_series(1, 4) g`,
  );
  await db.query(`INSERT INTO ops_accounts (id, username, display_name, password_hash)
                  VALUES ('bench', 'bench', 'bench', 'x')`);
  await inChunks(
    `INSERT INTO ops_patients
     SELECT md5(g::text)::uuid::text, lpad(g::text, 12, '0'), 'x', 'y', null,
            date '1950-01-01' + (g % 27000), CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END, 'KZ'
       FROM generate_series($1::int, $2::int) g`,
    [],
  );
  await inChunks(
    `INSERT INTO ops_attachments SELECT md5(g::text)::uuid::text, 'KZ-27/P' || (g % 4 + 1), '2015-01-01', null
       FROM generate_series($1::int, $2::int) g`,
    [],
  );
  await inChunks(
    `INSERT INTO ops_registrations (id, patient_id, icd10, organisation, specialist, from_date, basis, confirmed)
     SELECT md5('r' || g || k)::uuid::text, md5(g::text)::uuid::text, ($3::text[])[(g + (k - 1) * 7) % $4 + 1],
            'KZ-27/P' || (g % 4 + 1), 'bench', date '2025-06-01' + (g % 300), 'bench', true
       FROM generate_series($1::int, $2::int) g, generate_series(1, 2) k
      WHERE k = 1 OR g % 3 = 0`,
    [codes, codes.length],
  );
  const first = items[0];
  const basis = JSON.stringify({
    item: `${first?.sectionNumber}.${first?.number}`,
    citation: { act: first?.citation.act, annex: first?.citation.annex },
  });
  await inChunks(
    `INSERT INTO ops_prescriptions (id, number, region, patient_id, organisation, prescriber, icd10,
       product_key, product, quantity, unit, dosing, days_of_supply, continuous, issued_on,
       valid_from, valid_to, supply_to, basis, signature, status)
     SELECT md5('p' || g)::uuid::text, 'B-' || g, 'KZ-27', md5(g::text)::uuid::text, 'KZ-27/P1',
            'bench', 'X', 'x', '{}', 2, 'pack', 'd', 30, false, $3::date - (g % 20), $3::date - (g % 20),
            $3::date - (g % 20) + 29, $3::date - (g % 20) + 29, $4::jsonb, '{}', 'active'
       FROM generate_series($1::int, $2::int, 2) g`,
    [day, basis],
  );
  await inChunks(
    `INSERT INTO ops_dispenses (id, prescription_id, pharmacy, pharmacist, quantity, lot, expiry,
       dispensed_on, at, basis, remaining, registry_version)
     SELECT md5('d' || g)::uuid::text, md5('p' || g)::uuid::text, 'KZ-27/P1', 'bench', 2, 'L',
            '2030-01-01', $3::date - (g % 20), now(), '{}', 0, 'bench'
       FROM generate_series($1::int, $2::int, 4) g`,
    [day],
  );
  await db.exec('ANALYZE');
  console.log(`generated ${n} patients in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const law = lawOf({ registry, engine, version: { contentHash: 'bench' } });
  const analytics = new AnalyticsUseCases(
    { storage, hasher: argon2Hasher, policy: DEFAULT_LOGIN_POLICY, law: () => law },
    {
      storage: new SqlAnalyticsStorage(db),
      diff: (code, from, to) => {
        const r = registry.region(code);
        return r ? diffFor(registry, r, from, to) : null;
      },
    },
  );
  const operator = { kind: 'operator' as const, name: 'bench' };
  const ctx = { requestId: null, purpose: 'bench' };
  t = Date.now();
  const impact = await analytics.impact(operator, { region: 'KZ-27', date: day }, ctx);
  const impactSeconds = (Date.now() - t) / 1000;
  t = Date.now();
  const gaps = await analytics.gaps(operator, { region: 'KZ-27', on: day }, ctx);
  const gapsSeconds = (Date.now() - t) / 1000;
  console.log(
    JSON.stringify({
      patients: n,
      impactSeconds,
      impactTotals: impact.ok && impact.value.impact.totals,
      gapsSeconds,
      gapsTotals: gaps.ok && gaps.value.gaps.totals,
    }),
  );
  const ids = (
    await db.query<{ id: string }>('SELECT id FROM ops_patients ORDER BY id LIMIT 5000')
  ).map((r) => r.id);
  const before = isoDate('2026-06-14');
  const range = [ids[0], ids.at(-1)];
  const plans: [string, string, unknown[]][] = [
    ['patientsOfRegion', SQL.patientsOfRegion, ['KZ-27', before, day]],
    ['patients', SQL.patients, [ids, ...range]],
    ['attachments', SQL.attachments, [ids, ...range]],
    ['registrations', SQL.registrations, [ids, ...range, before, day]],
    ['decisions', SQL.decisions, [ids, ...range]],
    [
      'activePrescriptions',
      SQL.activePrescriptions,
      [ids, ...range, 'KZ-27', day, `${day}T00:00:00Z`],
    ],
    ['dispensedItems', SQL.dispensedItems, [ids, ...range, isoDate('2026-03-15'), day]],
    ['overdueDeferrals', SQL.overdueDeferrals, [ids, ...range, day]],
  ];
  for (const [name, sql, params] of plans) {
    const rows = await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, COSTS OFF, TIMING ON) ${sql}`,
      params,
    );
    console.log(
      `\n── ${name}\n${rows.map((r) => r['QUERY PLAN'].replace(/'\{[^}]*\}'/g, "'{…ids}'")).join('\n')}`,
    );
  }
} finally {
  await storage.close();
  await dropSchema(url, schema);
}
