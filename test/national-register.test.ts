/**
 * The national register's generator at a small size (CI: seconds, PGlite), and the analyses over
 * it: what it writes holds together (every region, valid IINs, a ledger only where a list is
 * held), loading again changes nothing, and impact read in groups equals impact read patient by
 * patient — the same code the 3-million-patient benchmark runs (bench/national.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AnalyticsUseCases } from '../src/app/analytics/analytics.ts';
import { lawOf } from '../src/app/ops/law.ts';
import { argon2Hasher } from '../src/app/ops/password.ts';
import { diffFor } from '../src/app/queries.ts';
import { decodeIin } from '../src/domain/iin.ts';
import { DEFAULT_LOGIN_POLICY } from '../src/ops/login.ts';
import type { Actor } from '../src/ops/permissions.ts';
import { RegionCode } from '../src/domain/region.ts';
import { SqlOpsStorage } from '../src/storage/ops/sql-ops-storage.ts';
import { blankPglite } from './support/database.ts';
import { SqlAnalyticsStorage } from '../src/storage/analytics/analytics-sql.ts';
import { DEFAULT_UNTIL, generateNational, regionsWithList } from '../scripts/national/generate.ts';
import { REGION_POPULATION } from '../scripts/national/plan.ts';
import { realData } from './support/fixture.ts';

const PATIENTS = 2000;

/** Every constraint and index definition of the schema's ops tables, sorted. */
const keysOf = async (s: SqlOpsStorage): Promise<string[]> =>
  (
    await s.db.query<{ d: string }>(
      `SELECT t.relname || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) AS d
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        WHERE t.relnamespace = current_schema()::regnamespace AND t.relname LIKE 'ops\\_%'
       UNION ALL
       SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename LIKE 'ops\\_%'`,
    )
  )
    .map((r) => r.d)
    .sort();
const operator = { kind: 'operator' as const, name: 'test' };
const ctx = { requestId: null, purpose: 'test' };

describe('the national register, generated at 2,000 patients', () => {
  const { registry, engine } = realData();
  const law = lawOf({ registry, engine, version: { contentHash: 'national-test' } });
  let storage: SqlOpsStorage;
  const steps = new Set<string>();

  before(async () => {
    storage = new SqlOpsStorage('pglite', await blankPglite());
    await storage.migrate();
    await generateNational({
      db: storage.db,
      registry,
      patients: PATIENTS,
      progress: (step) => steps.add(step),
    });
  });
  after(() => storage.close());

  const count = async (sql: string) =>
    Number((await storage.db.query<{ n: string }>(sql))[0]?.n ?? -1);

  it('spreads the patients over the 20 regions, each with a valid IIN, and reports progress', async () => {
    assert.equal(await count(`SELECT count(*)::text AS n FROM ops_patients`), PATIENTS);
    const regions = await storage.db.query<{ region: string }>(
      `SELECT DISTINCT split_part(organisation, '/', 1) AS region FROM ops_attachments WHERE to_date IS NULL`,
    );
    assert.deepEqual(regions.map((r) => r.region).sort(), Object.keys(REGION_POPULATION).sort());
    const iins = await storage.db.query<{ iin: string; birth_date: string }>(
      `SELECT iin, birth_date::text AS birth_date FROM ops_patients`,
    );
    for (const { iin, birth_date } of iins) {
      const decoded = decodeIin(iin);
      assert.ok(decoded.ok && decoded.value.birthDate === birth_date, iin);
    }
    assert.deepEqual([...steps].sort(), [
      'deferrals',
      'dispenses',
      'indexes',
      'patients',
      'prescriptions',
    ]);
  });

  it("loads without the register's keys and indexes and creates every one again after", async () => {
    const fresh = new SqlOpsStorage('pglite', await blankPglite());
    try {
      await fresh.migrate();
      assert.deepEqual(await keysOf(storage), await keysOf(fresh));
      assert.ok((await keysOf(fresh)).length > 10);
    } finally {
      await fresh.close();
    }
    assert.equal(await count(`SELECT count(*)::text AS n FROM national_dropped`), 0);
  });

  it('writes prescriptions only in regions whose list tegin holds, and dispenses against them', async () => {
    const withList = regionsWithList(registry);
    const rows = await storage.db.query<{ region: string }>(
      `SELECT DISTINCT region FROM ops_prescriptions`,
    );
    assert.ok(rows.length > 0);
    for (const r of rows) assert.ok(withList.includes(r.region), r.region);
    assert.ok((await count(`SELECT count(*)::text AS n FROM ops_dispenses`)) > 0);
    assert.equal(
      await count(`SELECT count(*)::text AS n FROM ops_dispenses d JOIN ops_prescriptions p
                    ON p.id = d.prescription_id WHERE d.dispensed_on > p.valid_to`),
      0,
    );
  });

  it('changes nothing when loaded again into the same schema', async () => {
    const before = await count(`SELECT count(*)::text AS n FROM ops_prescriptions`);
    await generateNational({ db: storage.db, registry, patients: PATIENTS, progress: () => {} });
    assert.equal(await count(`SELECT count(*)::text AS n FROM ops_prescriptions`), before);
    await assert.rejects(
      generateNational({ db: storage.db, registry, patients: PATIENTS + 1, progress: () => {} }),
      /use another schema/,
    );
  });

  it('gives the same impact read in groups as read patient by patient, lists and counts', async () => {
    const make = (impactReading: 'grouped' | 'per-patient') =>
      new AnalyticsUseCases(
        { storage, hasher: argon2Hasher, policy: DEFAULT_LOGIN_POLICY, law: () => law },
        {
          // Grouped, in the two slices PostgreSQL reads at once.
          storage: new SqlAnalyticsStorage(storage.db, 2),
          diff: (code, from, to) => {
            const region = registry.region(code);
            return region ? diffFor(registry, region, from, to) : null;
          },
          batchSize: 100,
          impactReading,
        },
      );
    const grouped = make('grouped');
    const straight = make('per-patient');
    let changes = 0;
    for (const region of regionsWithList(registry)) {
      for (const date of ['2026-01-01', '2026-06-15', DEFAULT_UNTIL]) {
        for (const view of ['aggregate', 'patients'] as const) {
          const actor: Actor =
            view === 'patients'
              ? {
                  kind: 'staff',
                  accountId: 'national',
                  grants: [
                    { role: 'auditor', region: RegionCode.parse(region), organisation: null },
                  ],
                }
              : operator;
          const input = { region, date, view };
          const a = await grouped.impact(actor, input, ctx);
          const b = await straight.impact(actor, input, ctx);
          assert.deepEqual(a, b, `${region} ${date} ${view}`);
          if (a.ok && a.value.view === 'patients') changes += a.value.impact.changes.length;
        }
      }
    }
    assert.ok(changes > 0, 'some answers change between the days compared');
  });

  it('estimates need over it (the grouped register and the ledger)', async () => {
    const analytics = new AnalyticsUseCases(
      {
        storage,
        hasher: argon2Hasher,
        policy: DEFAULT_LOGIN_POLICY,
        law: () => law,
        today: () => DEFAULT_UNTIL,
      },
      { storage: new SqlAnalyticsStorage(storage.db), diff: () => null },
    );
    for (const region of regionsWithList(registry)) {
      const r = await analytics.need(operator, { region, year: 2026 }, ctx);
      assert.ok(r.ok);
      assert.ok(r.value.register.registrations > 0);
      assert.ok(r.value.consumption.some((l) => l.consumed > 0));
    }
  });
});
