/** `runDemo` on an in-memory PGlite database and the real law, at a small scale. */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { catalogFor } from '../queries.ts';
import { isoDate, type IsoDate } from '../../domain/date.ts';
import { DEFAULT_LOGIN_POLICY } from '../../ops/login.ts';
import { DemoPopulationFile } from '../../ops/demo/plan.ts';
import { SqlOpsStorage } from '../../storage/ops/sql-ops-storage.ts';
import { blankPglite } from '../../../test/support/database.ts';
import { realData } from '../../../test/support/fixture.ts';
import { runDemo, type DemoSummary } from './demo.ts';
import { lawOf } from './law.ts';
import { argon2Hasher } from './password.ts';
import { OpsService } from './service.ts';
import { ed25519Signer } from './signer.ts';

const file = DemoPopulationFile.parse({
  ...(parse(
    readFileSync(new URL('../../../demo/population.yaml', import.meta.url), 'utf8'),
  ) as object),
  scale: 0.0005,
  minimumPerItem: 1,
});

describe('tegin demo', () => {
  let storage: SqlOpsStorage;
  let summary: DemoSummary;
  const { registry, engine } = realData();
  const until = isoDate('2026-11-29');

  before(async () => {
    storage = new SqlOpsStorage('pglite', await blankPglite());
    await storage.migrate();
    let clock = new Date(`${until}T05:00:00.000Z`);
    const law = lawOf({ registry, engine, version: { contentHash: 'demo-test' } });
    const ops = new OpsService({
      storage,
      hasher: argon2Hasher,
      policy: DEFAULT_LOGIN_POLICY,
      now: () => clock,
      law: () => law,
      signer: ed25519Signer(generateKeyPairSync('ed25519').privateKey),
    });
    summary = await runDemo({
      ops,
      setClock: (day: IsoDate) => (clock = new Date(`${day}T05:00:00.000Z`)),
      law,
      regions: registry.regions.filter((r) => r.code in file.regions),
      catalog: (region, date) => catalogFor(registry, region, date),
      file,
      seed: 11,
      until,
    });
  });
  after(() => storage.close());

  it('creates staff of every role in both regions, each with a password shown once', () => {
    for (const region of ['KZ-27', 'KZ-35']) {
      const roles = summary.accounts
        .filter((a) => a.username.endsWith(`.${region.toLowerCase().replace('-', '')}`))
        .map((a) => a.role);
      assert.deepEqual([...new Set(roles)].sort(), [
        'auditor',
        'commission_member',
        'doctor',
        'pharmacist',
        'region_admin',
      ]);
    }
    assert.ok(summary.accounts.every((a) => a.password.length >= 20));
  });

  it('prescribes only from the first day the list is known in force, and says so', (t) => {
    for (const r of summary.regions) t.diagnostic(JSON.stringify(r));
    const byRegion = new Map(summary.regions.map((r) => [r.region, r]));
    const kz27 = byRegion.get('KZ-27');
    const kz35 = byRegion.get('KZ-35');
    assert.equal(kz27?.period?.from, '2026-01-01');
    assert.match(kz27?.note ?? '', /only from 2026-01-01/);
    assert.equal(kz35?.period?.from, '2026-11-22');
    for (const r of [kz27, kz35]) {
      assert.ok(r && r.patients > 0 && r.registrations >= r.patients, JSON.stringify(r));
    }
    assert.ok(kz27 && kz27.prescriptions > 50 && kz27.dispenses > 50, JSON.stringify(kz27));
    assert.ok(kz27.decisions > 0, 'items needing a commission got their decisions');
  });

  it('leaves a verifiable audit chain whose times rise with its sequence, with no IIN or name', async () => {
    assert.equal((await storage.verifyAuditChain()).ok, true);
    const records = await storage.auditPage(0, 1_000_000);
    assert.ok(records.length > 500);
    for (let i = 1; i < records.length; i++) {
      const [a, b] = [records[i - 1], records[i]];
      assert.ok(a && b && a.at <= b.at, `sequence ${b?.sequence} at ${b?.at} before ${a?.at}`);
    }
    const text = JSON.stringify(records);
    const people = await storage.db.query<{ iin: string; family_name: string }>(
      'SELECT iin, family_name FROM ops_patients',
    );
    for (const p of people) {
      assert.ok(!text.includes(p.iin));
      assert.ok(!text.includes(p.family_name));
    }
  });

  it('every dispense is within its prescription, which never has more dispensed than ordered', async () => {
    const over = await storage.db.query(
      `SELECT p.number FROM ops_prescriptions p
         LEFT JOIN ops_dispenses d ON d.prescription_id = p.id
        GROUP BY p.id, p.number, p.quantity, p.dispensed
       HAVING coalesce(sum(d.quantity), 0) <> p.dispensed OR p.dispensed > p.quantity`,
    );
    assert.deepEqual(over, []);
  });
});
