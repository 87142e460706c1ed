/**
 * TEST SUPPORT: the analyses on a demo-populated PGlite database over the law with one fictional exclusion
 * (KZ-35 annex 1 section 1 item 5, M35.2, excluded from 2027-02-01: test/support), plus
 * patients whose answers are known by construction: one who loses the excluded item with a
 * prescription active on the day, one who turns 18 (loses a children's item, gains an adults'),
 * a gap that closes when a dispense is added, a deferral left unserved.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { parse } from 'yaml';
import { catalogFor, diffFor } from '../queries.ts';
import { isoDate, type IsoDate } from '../../domain/date.ts';
import { Engine } from '../../domain/engine.ts';
import { DEFAULT_LOGIN_POLICY } from '../../ops/login.ts';
import { DemoPopulationFile } from '../../ops/demo/plan.ts';
import type { Actor } from '../../ops/permissions.ts';
import { buildRegistry } from '../../registry/build.ts';
import type { SqlOpsStorage } from '../../storage/ops/sql-ops-storage.ts';
import { SqlAnalyticsStorage } from '../../storage/analytics/analytics-sql.ts';
import { fictionalExclusion } from '../../../test/support/fictional-exclusion.ts';
import { runDemo } from '../ops/demo.ts';
import { lawOf } from '../ops/law.ts';
import { addOrganisations, addStaff, iinFor } from '../ops/ops-setup.ts';
import { argon2Hasher } from '../ops/password.ts';
import { OpsService, type RequestContext } from '../ops/service.ts';
import { ed25519Signer } from '../ops/signer.ts';
import type { PublishedImpact } from '../../analytics/publish.ts';
import { AnalyticsUseCases, type AnalyticsDeps } from './analytics.ts';

const file = DemoPopulationFile.parse({
  ...(parse(
    readFileSync(new URL('../../../demo/population.yaml', import.meta.url), 'utf8'),
  ) as object),
  scale: 0.0005,
  minimumPerItem: 1,
});
const ctx: RequestContext = { requestId: 'req-analytics', purpose: 'planning' };
const OPERATOR: Actor = { kind: 'operator', name: 'cli' };
const EXCLUDED_ON = isoDate('2027-02-01');
const TURNS_18 = isoDate('2026-06-15');

/** The analyses' contract, on whichever database `open` gives (migrated here). */
export function analyticsContract(open: () => Promise<SqlOpsStorage>): void {
  let storage: SqlOpsStorage;
  let ops: OpsService;
  let analytics: AnalyticsUseCases;
  let perPatient: AnalyticsUseCases;
  let whole: AnalyticsUseCases;
  let clock = new Date();
  const at = (day: string) => (clock = new Date(`${day}T05:00:00.000Z`));
  const { registry } = buildRegistry(fictionalExclusion());
  const law = lawOf({
    registry,
    engine: new Engine(registry),
    version: { contentHash: 'analytics' },
  });
  const actors: Record<string, Actor> = {};
  const known: Record<string, string> = {};

  const must = <T>(r: { ok: true; value: T } | { ok: false; issues: unknown }): T => {
    assert.ok(r.ok, JSON.stringify(r));
    return r.value;
  };
  const patient = async (region: string, birthDate: string, serial: number) =>
    must(
      await ops.patients.createPatient(
        actors[`doctor${region}`] as Actor,
        {
          iin: iinFor(isoDate(birthDate), 'female', serial),
          familyName: `Analytikova${serial}`,
          givenName: 'Test',
          patronymic: null,
          birthDate,
          sex: 'female',
          citizenship: 'KZ',
        },
        { organisation: `${region}/ANL-POLY`, from: isoDate('2020-01-01') },
        ctx,
      ),
    ).id;
  const register = async (region: string, patientId: string, icd10: string, from: string) =>
    must(
      await ops.register.register(
        actors[`doctor${region}`] as Actor,
        {
          patientId,
          icd10,
          organisation: `${region}/ANL-POLY`,
          from,
          basis: 'conclusion (test)',
          confirmed: true,
        },
        ctx,
      ),
    );
  const prescribe = async (patientId: string, icd10: string, inn: string, issuedOn: string) => {
    at(issuedOn);
    return must(
      await ops.prescriptions.issue(
        actors['doctorKZ-35'] as Actor,
        {
          patientId,
          organisation: 'KZ-35/ANL-POLY',
          icd10,
          product: { inn, name: null, form: null },
          quantity: 2,
          unit: 'pack',
          dosing: 'as directed (test)',
          daysOfSupply: 30,
          issuedOn,
        },
        ctx,
      ),
    );
  };

  before(async () => {
    storage = await open();
    await storage.migrate();
    const until = isoDate('2027-01-31');
    at(until);
    ops = new OpsService({
      storage,
      hasher: argon2Hasher,
      policy: DEFAULT_LOGIN_POLICY,
      now: () => clock,
      law: () => law,
      signer: ed25519Signer(generateKeyPairSync('ed25519').privateKey),
    });
    await runDemo({
      ops,
      setClock: (day: IsoDate) => at(day),
      law,
      regions: registry.regions.filter((r) => r.code in file.regions),
      catalog: (region, date) => catalogFor(registry, region, date),
      file,
      seed: 7,
      until,
    });
    at('2019-06-01');
    for (const region of ['KZ-27', 'KZ-35']) {
      await addOrganisations(ops, [
        [region, 'ANL-POLY', 'polyclinic'],
        [region, 'ANL-PH', 'pharmacy'],
      ]);
      const r = region.replace('-', '').toLowerCase();
      actors[`doctor${region}`] = await addStaff(ops, `anl.doctor.${r}`, {
        role: 'doctor',
        region,
        organisation: `${region}/ANL-POLY`,
      });
      actors[`auditor${region}`] = await addStaff(ops, `anl.auditor.${r}`, {
        role: 'auditor',
        region,
        organisation: null,
      });
      actors[`pharmacist${region}`] = await addStaff(ops, `anl.pharmacist.${r}`, {
        role: 'pharmacist',
        region,
        organisation: `${region}/ANL-PH`,
      });
    }
    // Loses the excluded item on 2027-02-01, with a prescription still active then.
    known.loses = await patient('KZ-35', '1970-03-10', 11);
    await register('KZ-35', known.loses, 'M35.2', '2026-12-01');
    known.lostRx = (await prescribe(known.loses, 'M35.2', 'azathioprine', '2027-01-20')).id;
    // Entitled, with a prescription deferred (out of stock) and never served.
    known.deferred = await patient('KZ-35', '1965-07-01', 12);
    await register('KZ-35', known.deferred, 'M35.2', '2026-12-01');
    const rx = await prescribe(known.deferred, 'M35.2', 'azathioprine', '2027-01-04');
    must(
      await ops.dispensing.defer(
        actors['pharmacistKZ-35'] as Actor,
        {
          prescriptionId: rx.id,
          pharmacy: 'KZ-35/ANL-PH',
          recordedOn: '2027-01-04',
          idempotencyKey: 'analytics-defer-1',
        },
        ctx,
      ),
    );
    // Turns 18 on TURNS_18: leaves a children's item (M08), reaches an adults' one (G40).
    at('2026-02-01');
    known.turns18 = await patient('KZ-27', '2008-06-15', 13);
    await register('KZ-27', known.turns18, 'M08.0', '2026-02-01');
    await register('KZ-27', known.turns18, 'G40.9', '2026-02-01');
    const over = (slices: number, reading: Partial<AnalyticsDeps> = {}) =>
      new AnalyticsUseCases(
        {
          storage,
          hasher: argon2Hasher,
          policy: DEFAULT_LOGIN_POLICY,
          now: () => clock,
          law: () => law,
        },
        {
          storage: new SqlAnalyticsStorage(storage.db, slices),
          diff: (code, from, to) => {
            const region = registry.region(code);
            return region ? diffFor(registry, region, from, to) : null;
          },
          ...reading,
        },
      );
    // Read in three slices at once (PostgreSQL's default is two): compared below with the whole
    // read and with the per-patient reading (several batches even at the demo's scale).
    analytics = over(3, { batchSize: 7 });
    whole = over(1);
    perPatient = over(1, { batchSize: 7, impactReading: 'per-patient' });
  });
  after(() => storage.close());

  const impactFor = async (actor: Actor, input: Record<string, unknown>) =>
    must(await analytics.impact(actor, input, ctx));

  it('answers the same grouped (one evaluation per group of equal facts), whole or in slices, as patient by patient', async () => {
    // The exclusion, an 18th birthday, the demo's first day and a day of nothing in particular;
    // the lists and the counts, in both regions.
    for (const region of ['KZ-27', 'KZ-35']) {
      for (const date of [EXCLUDED_ON, TURNS_18, '2026-01-01', '2026-09-30']) {
        for (const view of ['patients', 'aggregate'] as const) {
          const actor = (view === 'patients' ? actors[`auditor${region}`] : OPERATOR) as Actor;
          const input = { region, date, view };
          const grouped = must(await analytics.impact(actor, input, ctx));
          const straight = must(await perPatient.impact(actor, input, ctx));
          assert.deepEqual(grouped, straight, `${region} ${date} ${view}`);
          if (view === 'patients') {
            // The lists hold everything the counts are made of: one comparison is enough.
            const inOne = must(await whole.impact(actor, input, ctx));
            assert.deepEqual(inOne, straight, `${region} ${date} ${view}, read whole`);
          }
          if (grouped.view === 'patients' && date === TURNS_18 && region === 'KZ-27') {
            assert.ok(grouped.impact.changes.length > 0, 'the comparison covers some changes');
          }
        }
      }
    }
  });

  it('finds the exclusion in the diff and names who loses it, why, and the prescription resting on it', async () => {
    const answer = await impactFor(actors['auditorKZ-35'] as Actor, {
      region: 'KZ-35',
      date: EXCLUDED_ON,
      view: 'patients',
    });
    assert.equal(answer.view, 'patients');
    if (answer.view !== 'patients') return;
    const { impact } = answer;
    assert.deepEqual(impact.listChanges, [{ kind: 'excluded', item: '1.5', fields: [] }]);
    assert.deepEqual(
      impact.acts.map((a) => [a.act, a.between]),
      [['KZ-35.maslikhat.2027-01-15.999', 'yes']],
    );
    const mine = impact.changes.filter((c) => c.patientId === known.loses);
    assert.deepEqual(
      mine.map((c) => [c.item, c.diagnosis, c.before, c.after, c.direction, c.causes]),
      [['1.5', 'M35.2', 'entitled', 'not_entitled', 'lost', ['list']]],
    );
    const rx = impact.prescriptions.find((p) => p.prescriptionId === known.lostRx);
    assert.deepEqual(rx && [rx.item, rx.listChange, rx.before, rx.after], [
      '1.5',
      'excluded',
      'entitled',
      'not_entitled',
    ]);
    // The count, checked against the register by an independent query: every patient of the
    // region on the register for M35.2 on both days loses the item.
    const [expected] = await storage.db.query<{ n: number }>(
      `SELECT count(DISTINCT r.patient_id)::int AS n FROM ops_registrations r
         JOIN ops_attachments a ON a.patient_id = r.patient_id AND a.to_date IS NULL
        WHERE r.icd10 = 'M35.2' AND a.organisation LIKE 'KZ-35/%'
          AND r.from_date <= '2027-01-31' AND (r.to_date IS NULL OR r.to_date >= '2027-02-01')`,
    );
    const row = impact.byItem.find((r) => r.item === '1.5' && r.diagnosis === 'M35.2');
    assert.ok(
      expected && expected.n >= 2,
      'the demo and the test put M35.2 patients on the register',
    );
    assert.equal(row?.lost, expected.n);
    assert.equal(row?.causes.list, expected.n);
    assert.equal(impact.totals.lost, impact.changes.filter((c) => c.direction === 'lost').length);
  });

  it("tells an age boundary from a list change: a patient turning 18 leaves the children's items and reaches the adults'", async () => {
    const answer = await impactFor(actors['auditorKZ-27'] as Actor, {
      region: 'KZ-27',
      date: TURNS_18,
      view: 'patients',
    });
    assert.ok(answer.view === 'patients');
    assert.deepEqual(answer.impact.listChanges, [], 'the list did not change that day');
    const mine = answer.impact.changes
      .filter((c) => c.patientId === known.turns18)
      .map((c) => [c.item, c.diagnosis, c.after === 'not_entitled' ? 'out' : 'in', c.causes]);
    assert.deepEqual(
      mine.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      [
        ['1.2', 'M08.0', 'out', ['age']],
        ['1.33', 'G40.9', 'in', ['age']],
        // The children's epilepsy item of the same list.
        ['1.53', 'G40.9', 'out', ['age']],
      ],
    );
    // The day before, nothing changes for them.
    const dayBefore = await impactFor(actors['auditorKZ-27'] as Actor, {
      region: 'KZ-27',
      date: '2026-06-14',
      view: 'patients',
    });
    assert.ok(dayBefore.view === 'patients');
    assert.deepEqual(
      dayBefore.impact.changes.filter((c) => c.patientId === known.turns18),
      [],
    );
  });

  it('shows the operator counts only, with small cells suppressed, and no patient', async () => {
    const staff = await impactFor(actors['auditorKZ-35'] as Actor, {
      region: 'KZ-35',
      date: EXCLUDED_ON,
      view: 'patients',
    });
    const published = await impactFor(OPERATOR, {
      region: 'KZ-35',
      date: EXCLUDED_ON,
      threshold: 3,
    });
    assert.ok(staff.view === 'patients' && published.view === 'aggregate');
    assert.equal('changes' in published.impact, false);
    assert.deepEqual(published.impact.suppression.threshold, 3);
    const small = (n: number | null) => n === null;
    assert.ok(
      published.impact.byItem.some(
        (r) => small(r.lost) || small(r.gained) || small(r.prescriptions),
      ),
      'some cell is small enough to be suppressed',
    );
    const rows: PublishedImpact['byItem'] = published.impact.byItem;
    for (const row of staff.impact.byItem) {
      const shown = rows.find((r) => r.key === row.key && r.diagnosis === row.diagnosis);
      for (const k of ['gained', 'lost', 'changed', 'prescriptions'] as const) {
        const n = row[k];
        assert.equal(shown?.[k], n > 0 && n < 3 ? null : n, `${row.item} ${k}`);
      }
    }
    const text = JSON.stringify(published);
    const people = await storage.db.query<{ id: string; iin: string; family_name: string }>(
      'SELECT id, iin, family_name FROM ops_patients',
    );
    for (const p of people) {
      assert.ok(!text.includes(p.iin) && !text.includes(p.family_name) && !text.includes(p.id));
    }
    const staffText = JSON.stringify(staff);
    for (const p of people)
      assert.ok(!staffText.includes(p.iin) && !staffText.includes(p.family_name));
  });

  it('finds a gap that closes when a dispense is added, and a deferral left unserved', async () => {
    const gapsOf = async (on: string) => {
      const answer = must(
        await analytics.gaps(
          actors['auditorKZ-35'] as Actor,
          { region: 'KZ-35', on, view: 'patients' },
          ctx,
        ),
      );
      assert.ok(answer.view === 'patients');
      return answer.gaps;
    };
    const before = await gapsOf('2027-01-25');
    const mine = (g: typeof before) =>
      g.gaps
        .filter((x) => x.patientId === known.loses)
        .map((x) => [x.item, x.diagnosis, x.organisation]);
    assert.deepEqual(mine(before), [['1.5', 'M35.2', 'KZ-35/ANL-POLY']]);
    const overdue = before.deferrals.filter((d) => d.patientId === known.deferred);
    assert.deepEqual(
      overdue.map((d) => [d.item, d.pharmacy, d.recordedOn]),
      [['1.5', 'KZ-35/ANL-PH', '2027-01-04']],
    );
    assert.ok(overdue[0] && overdue[0].dueOn < '2027-01-25');
    at('2027-01-22');
    must(
      await ops.dispensing.dispense(
        actors['pharmacistKZ-35'] as Actor,
        {
          prescriptionId: known.lostRx,
          pharmacy: 'KZ-35/ANL-PH',
          quantity: 2,
          lot: 'L1-test',
          expiry: '2028-12-31',
          dispensedOn: '2027-01-22',
          idempotencyKey: 'analytics-dispense-1',
        },
        ctx,
      ),
    );
    const afterwards = await gapsOf('2027-01-25');
    assert.deepEqual(mine(afterwards), [], 'the dispense closed the gap');
    assert.equal(afterwards.totals.gaps, before.totals.gaps - 1);
    assert.equal(afterwards.totals.entitled, before.totals.entitled);
    // Before the deferral fell due it was not overdue; three months on, the dispense is out of the window.
    assert.deepEqual(
      (await gapsOf('2027-01-05')).deferrals.filter((d) => d.patientId === known.deferred),
      [],
    );
    assert.deepEqual(
      mine(await gapsOf('2027-04-25')).length,
      0,
      'not entitled any more after the exclusion',
    );
  });

  it('refuses patient lists to the operator and to staff of another region or role, each refusal audited', async () => {
    const tries: [Actor, string][] = [
      [OPERATOR, 'role_not_permitted'],
      [actors['auditorKZ-27'] as Actor, 'other_region'],
      [actors['doctorKZ-35'] as Actor, 'role_not_permitted'],
    ];
    for (const [actor, code] of tries) {
      const refused = await analytics.impact(
        actor,
        { region: 'KZ-35', date: EXCLUDED_ON, view: 'patients' },
        ctx,
      );
      assert.deepEqual(refused.ok ? null : refused.issues.map((i) => i.code), ['AUTH_REFUSED']);
      const [last] = (await storage.auditPage(0, 1_000_000)).slice(-1);
      assert.deepEqual(
        [last?.action, last?.outcome, last?.detail],
        ['analytics.patients', 'refused', code],
      );
    }
    const gaps = await analytics.gaps(
      actors['doctorKZ-35'] as Actor,
      { region: 'KZ-35', on: '2027-01-25' },
      ctx,
    );
    assert.equal(gaps.ok, false, 'a doctor may not run even the counts');
  });

  it('audits each patient a list names, and the run, with no IIN or name', async () => {
    const head = (await storage.auditHead()).sequence;
    const answer = await impactFor(actors['auditorKZ-35'] as Actor, {
      region: 'KZ-35',
      date: EXCLUDED_ON,
      view: 'patients',
    });
    assert.ok(answer.view === 'patients');
    const records = await storage.auditPage(head, 1_000_000);
    const listed = new Set(
      [...answer.impact.changes, ...answer.impact.prescriptions].map((c) => c.patientId),
    );
    const named = records.filter((r) => r.patientRef !== null);
    assert.deepEqual(new Set(named.map((r) => r.patientRef)), listed);
    assert.equal(named.length, listed.size);
    assert.ok(named.every((r) => r.action === 'analytics.patients' && r.outcome === 'allowed'));
    const run = records.filter((r) => r.patientRef === null);
    assert.deepEqual(
      run.map((r) => r.detail),
      [`impact KZ-35 2027-02-01 listed ${listed.size}`],
    );
    assert.equal((await storage.verifyAuditChain()).ok, true);
    // The counts alone: one record, no patient.
    const head2 = (await storage.auditHead()).sequence;
    await impactFor(OPERATOR, { region: 'KZ-35', date: EXCLUDED_ON });
    const counts = await storage.auditPage(head2, 10);
    assert.deepEqual(
      counts.map((r) => [r.action, r.actorId, r.patientRef, r.detail]),
      [['analytics.aggregate', 'operator:cli', null, 'impact KZ-35 2027-02-01 threshold 5']],
    );
  });
}
