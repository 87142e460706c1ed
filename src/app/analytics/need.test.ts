/**
 * `analytics.need` on a demo-populated PGlite database: the grouped SQL and the engine per group
 * against an independent computation — every registration of the region read row by row, its
 * facts built in the test, the engine asked per registration, the ledger summed in the test.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { catalogFor } from '../queries.ts';
import { ageOn, isoDate, type IsoDate } from '../../domain/date.ts';
import { RegionCode } from '../../domain/region.ts';
import { DEFAULT_LOGIN_POLICY } from '../../ops/login.ts';
import { DemoPopulationFile } from '../../ops/demo/plan.ts';
import { basisItem } from '../../ops/prescribing.ts';
import { readReferenceDir } from '../../registry/load-files.ts';
import { buildReference } from '../../registry/reference.ts';
import { SqlOpsStorage } from '../../storage/ops/sql-ops-storage.ts';
import { blankPglite } from '../../../test/support/database.ts';
import { realData } from '../../../test/support/fixture.ts';
import { analyticsOver, type AnalyticsUseCases, type NeedReport } from './analytics.ts';
import { SqlAnalyticsStorage } from '../../storage/analytics/analytics-sql.ts';
import { runDemo } from '../ops/demo.ts';
import { lawOf } from '../ops/law.ts';
import { argon2Hasher } from '../ops/password.ts';
import { OpsService } from '../ops/service.ts';
import { ed25519Signer } from '../ops/signer.ts';

const file = DemoPopulationFile.parse({
  ...(parse(
    readFileSync(new URL('../../../demo/population.yaml', import.meta.url), 'utf8'),
  ) as object),
  scale: 0.0005,
  minimumPerItem: 1,
});
/** Milligrams per unit of mass (the test's own table). */
const MG: Record<string, number> = { mcg: 0.001, mg: 1, g: 1000 };
const REGION = RegionCode.parse('KZ-27');
const YEAR = 2026;
const CENSUS = isoDate('2026-07-01');
const until = isoDate('2026-11-29');

describe('tegin analytics need on demo data', () => {
  let storage: SqlOpsStorage;
  let ops: OpsService;
  let analytics: AnalyticsUseCases;
  let report: NeedReport;
  const { registry, engine } = realData();
  const law = lawOf({ registry, engine, version: { contentHash: 'need-test' } });
  const { reference, issues } = buildReference(readReferenceDir(), registry.medicines);

  before(async () => {
    assert.deepEqual(issues, []);
    // The register read in three slices at once (PostgreSQL's default is two): the
    // per-registration check below finds any patient counted twice or missed between them.
    storage = new SqlOpsStorage('pglite', await blankPglite(), 3);
    await storage.migrate();
    let clock = new Date(`${until}T05:00:00.000Z`);
    ops = new OpsService({
      storage,
      hasher: argon2Hasher,
      policy: DEFAULT_LOGIN_POLICY,
      now: () => clock,
      law: () => law,
      reference,
      signer: ed25519Signer(generateKeyPairSync('ed25519').privateKey),
    });
    await runDemo({
      ops,
      setClock: (day: IsoDate) => (clock = new Date(`${day}T05:00:00.000Z`)),
      law,
      regions: registry.regions.filter((r) => r.code in file.regions),
      catalog: (region, date) => catalogFor(registry, region, date),
      file,
      seed: 11,
      until,
    });
    clock = new Date(`${until}T05:00:00.000Z`);
    analytics = analyticsOver(
      {
        storage,
        hasher: argon2Hasher,
        policy: DEFAULT_LOGIN_POLICY,
        now: () => clock,
        law: () => law,
        reference,
      },
      new SqlAnalyticsStorage(storage.db),
      () => registry,
    );
    const answer = await analytics.need(
      { kind: 'operator', name: 'test' },
      { region: REGION, year: YEAR, census: CENSUS },
      { requestId: null, purpose: 'test' },
    );
    assert.ok(answer.ok, JSON.stringify(answer));
    report = answer.value;
  });
  after(() => storage.close());

  it('counts the patients and days of each item and product as the engine answers per registration', async () => {
    const rows = await storage.db.query<{
      patient_id: string;
      icd10: string;
      from_date: string;
      to_date: string | null;
      confirmed: boolean;
      birth_date: string;
      citizenship: string;
    }>(
      `SELECT r.patient_id, r.icd10, r.from_date::text, r.to_date::text, r.confirmed,
              p.birth_date::text, p.citizenship
         FROM ops_registrations r JOIN ops_patients p ON p.id = r.patient_id
        WHERE r.organisation LIKE $1 || '/%'`,
      [REGION],
    );
    const attachments = await storage.db.query<{
      patient_id: string;
      organisation: string;
      from_date: string;
      to_date: string | null;
    }>(`SELECT patient_id, organisation, from_date::text, to_date::text FROM ops_attachments`);
    const decisions = await storage.db.query<{
      patient_id: string;
      icd10: string;
      inns: string[];
      valid_from: string;
      valid_to: string | null;
      revokes: string | null;
      revoked_by: string | null;
    }>(
      `SELECT patient_id, icd10, inns, valid_from::text, valid_to::text, revokes, revoked_by FROM ops_commission_decisions`,
    );
    assert.ok(rows.length > 0, 'the demo registered patients in the region');
    assert.ok(
      decisions.every((d) => d.revoked_by === null && d.revokes === null),
      'the demo revokes nothing',
    );
    const start = `${YEAR}-01-01`;
    const end = `${YEAR}-12-31`;
    const expected = new Map<string, { patients: number; days: number }>();
    let registrations = 0;
    for (const r of rows) {
      if (r.from_date > end || (r.to_date !== null && r.to_date < start)) continue;
      registrations++;
      const first = r.from_date > start ? r.from_date : start;
      const last = r.to_date !== null && r.to_date < end ? r.to_date : end;
      const days = (Date.parse(last) - Date.parse(first)) / 86_400_000 + 1;
      const attachment = attachments.find(
        (a) =>
          a.patient_id === r.patient_id &&
          a.from_date <= CENSUS &&
          (a.to_date === null || CENSUS < a.to_date),
      );
      const inns = decisions
        .filter(
          (d) =>
            d.patient_id === r.patient_id &&
            d.icd10 === r.icd10 &&
            d.valid_from <= CENSUS &&
            (d.valid_to === null || d.valid_to >= CENSUS),
        )
        .flatMap((d) => d.inns.map((i) => i.toLowerCase()));
      const answer = law.evaluate({
        region: REGION,
        date: CENSUS,
        age: r.birth_date > CENSUS ? 0 : ageOn(isoDate(r.birth_date), CENSUS),
        citizenship: r.citizenship === 'KZ' ? 'KZ' : 'other',
        servedIn: attachment ? attachment.organisation.split('/')[0] : 'unknown',
        diagnoses: [
          {
            code: r.icd10,
            registered: true,
            commission: [...new Set(inns)],
            verified: r.confirmed,
            confirmed: r.confirmed,
          },
        ],
      });
      assert.ok(answer.ok);
      for (const e of answer.result.entitlements) {
        if (e.status !== 'entitled') continue;
        for (const p of e.products) {
          if (!p.inn) continue;
          const key = `${e.basis.act}|${basisItem(e)}|${p.inn}|${p.form?.en ?? ''}`;
          const sum = expected.get(key) ?? { patients: 0, days: 0 };
          sum.patients++;
          sum.days += days;
          expected.set(key, sum);
        }
      }
    }
    assert.equal(report.register.registrations, registrations);
    const got = new Map(
      report.morbidity
        .filter((l) => l.product.inn && l.entitled.patients > 0)
        .map((l) => [
          `${l.act}|${l.item}|${l.product.inn}|${l.product.form ?? ''}`,
          { patients: l.entitled.patients, days: l.entitled.patientDays },
        ]),
    );
    assert.ok(expected.size > 0, 'some registrations are entitled to a named product');
    assert.deepEqual(got, expected);
  });

  it('prices a line with a WHO DDD as patient-days × DDD × the price per unit of the rows, labelled who_ddd', () => {
    const priced = report.morbidity.filter((l) => l.entitled.patients > 0 && l.entitled.cost.ok);
    assert.ok(priced.length > 0, 'the demo region has at least one line with a dose and a price');
    const doses = reference.doses.flatMap((d) => d.file.doses);
    const prices = reference.prices.flatMap((p) => p.file.prices);
    for (const line of priced) {
      assert.ok(line.dose.ok && line.entitled.cost.ok && line.entitled.units);
      assert.equal(line.dose.basis, 'who_ddd');
      const ddd = doses.find(
        (d) => d.inn === line.product.inn && d.route === (line.dose.ok ? line.dose.route : ''),
      );
      assert.ok(ddd?.dose);
      const units = line.entitled.patientDays * ddd.dose.amount;
      assert.equal(line.entitled.units.amount, units);
      const perUnit = prices
        .filter(
          (p) =>
            p.inn === line.product.inn &&
            p.route === ddd.route &&
            p.content !== null &&
            p.content.unit in MG &&
            ddd.dose !== null &&
            ddd.dose.unit in MG,
        )
        // The price of one mg, times the mg in one unit of the dose.
        .map(
          (p) =>
            (p.price / ((p.content?.amount ?? NaN) * (MG[p.content?.unit ?? ''] ?? NaN))) *
            (MG[ddd.dose?.unit ?? ''] ?? NaN),
        );
      assert.ok(perUnit.length > 0);
      assert.ok(Math.abs(line.entitled.cost.low - units * Math.min(...perUnit)) < 1e-6 * units);
      assert.equal(line.entitled.packs, null, 'no pack sizes are known: packs unknown');
    }
  });

  it('totals only what is known and counts every line it leaves out', () => {
    const t = report.totals.entitled;
    const withPatients = report.morbidity.filter((l) => l.entitled.patients > 0);
    assert.equal(
      t.summed + t.leftOut.choice + t.leftOut.noDose + t.leftOut.noPrice,
      withPatients.length,
    );
    const known = withPatients.filter((l) => !l.choice && l.entitled.cost.ok);
    const low = known.reduce((a, l) => a + (l.entitled.cost.ok ? l.entitled.cost.low : 0), 0);
    assert.ok(Math.abs(t.known.low - low) < 1e-6);
  });

  it('sums the ledger per product as the dispenses add up', async () => {
    const rows = await storage.db.query<{
      product_key: string;
      quantity: number;
      dispensed_on: string;
    }>(
      `SELECT p.product_key, d.quantity, d.dispensed_on::text FROM ops_dispenses d
         JOIN ops_prescriptions p ON p.id = d.prescription_id WHERE p.region = $1`,
      [REGION],
    );
    const expected = new Map<string, number>();
    for (const r of rows) {
      if (!r.dispensed_on.startsWith(`${YEAR}-`)) continue;
      expected.set(r.product_key, (expected.get(r.product_key) ?? 0) + r.quantity);
    }
    const got = new Map<string, number>();
    for (const c of report.consumption)
      got.set(c.productKey, (got.get(c.productKey) ?? 0) + c.consumed);
    assert.ok(expected.size > 0, 'the demo dispensed something in the year');
    assert.deepEqual(got, expected);
    assert.ok(report.observed && Math.abs(report.observed.months - (333 * 12) / 365) < 1e-9);
    for (const c of report.consumption) {
      if (c.adjustedMonthly === null) continue;
      assert.ok(
        Math.abs(c.adjustedMonthly - c.consumed / (c.months - c.daysOutOfStock / 30.4)) < 1e-9,
      );
    }
  });

  it('is refused to a doctor and audited either way', async () => {
    const refused = await analytics.need(
      {
        kind: 'staff',
        accountId: 'x',
        grants: [{ role: 'doctor', region: REGION, organisation: `${REGION}/X` }],
      },
      { region: REGION, year: YEAR },
      { requestId: null, purpose: 'test' },
    );
    assert.equal(refused.ok, false);
    const audit = await storage.db.query<{ outcome: string }>(
      `SELECT outcome FROM ops_audit WHERE action = 'analytics.aggregate' ORDER BY sequence`,
    );
    assert.deepEqual(
      audit.map((a) => a.outcome),
      ['allowed', 'refused'],
    );
  });
});
