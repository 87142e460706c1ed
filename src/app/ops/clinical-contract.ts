/**
 * The clinical records over a real database and the real law: the dispensary register,
 * commission decisions and prescriptions, with the engine built from the repository's data.
 * One suite, run on PGlite always and on PostgreSQL when DATABASE_URL is set. Tests name codes
 * and medicines of West Kazakhstan's list (KZ-27, decision No 38-3, edition in force from
 * 01.01.2026); the code under test names none.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, it } from 'node:test';
import { DEFAULT_LOGIN_POLICY } from '../../ops/login.ts';
import type { Actor } from '../../ops/permissions.ts';
import type { RoleGrant } from '../../ops/model.ts';
import { snapshotKey } from '../../registry/cache.ts';
import { readDataDir } from '../../registry/load-files.ts';
import type { SqlOpsStorage } from '../../storage/ops/sql-ops-storage.ts';
import type { Law } from './law.ts';
import { addOrganisations, addStaff, lawFromFiles } from './ops-setup.ts';
import { argon2Hasher } from './password.ts';
import { ed25519Signer } from './signer.ts';
import { OpsService, type RequestContext } from './service.ts';

const ctx: RequestContext = { requestId: 'req-rx', purpose: 'treatment' };
const CHILD = {
  iin: '120311500018',
  familyName: 'Нұрланов',
  givenName: 'Әлихан',
  birthDate: '2012-03-11',
  sex: 'male',
  citizenship: 'KZ',
};
const ADULT = {
  iin: '750302300017',
  familyName: 'Сапарова',
  givenName: 'Айгүл',
  birthDate: '1975-03-02',
  sex: 'female',
  citizenship: 'KZ',
};

export function clinicalRecordsContract(open: () => Promise<SqlOpsStorage>): void {
  let storage: SqlOpsStorage;
  let ops: OpsService;
  let law: Law;
  const signer = ed25519Signer(generateKeyPairSync('ed25519').privateKey);
  const clock = new Date('2026-11-29T05:00:00.000Z');
  const actors: Record<string, Actor> = {};
  const patients = { child: '', adult: '' };
  const ids: Record<string, string> = {};

  const staff = async (
    name: string,
    given: { role: RoleGrant['role']; region: string; organisation: string | null },
  ) => {
    actors[name] = await addStaff(ops, name, given);
  };
  const actor = (name: string): Actor => actors[name] as Actor;
  const codes = (r: { ok: boolean; issues?: { code: string }[] }) =>
    r.ok ? 'ok' : (r.issues ?? []).map((i) => i.code).join(',');
  const lastAudit = async () => (await storage.auditPage(0, 100_000)).at(-1);
  const rx = (over: Record<string, unknown> = {}) => ({
    patientId: patients.child,
    organisation: 'KZ-27/P1',
    icd10: 'g80.1',
    product: { inn: 'Botulinum toxin type A' },
    quantity: 2,
    unit: 'vial',
    dosing: 'as the neurologist injects',
    daysOfSupply: 30,
    issuedOn: '2026-11-02',
    ...over,
  });

  before(async () => {
    const files = readDataDir();
    law = lawFromFiles(files, snapshotKey(files));
    storage = await open();
    await storage.migrate();
    ops = new OpsService({
      storage,
      hasher: argon2Hasher,
      policy: DEFAULT_LOGIN_POLICY,
      now: () => clock,
      law: () => law,
      signer,
    });
    await addOrganisations(ops, [
      ['KZ-27', 'P1', 'polyclinic'],
      ['KZ-27', 'P2', 'polyclinic'],
      ['KZ-27', 'H1', 'hospital_with_commission'],
      ['KZ-27', 'PH1', 'pharmacy'],
      ['KZ-35', 'K1', 'polyclinic'],
    ]);
    await staff('doctor.p1', { role: 'doctor', region: 'KZ-27', organisation: 'KZ-27/P1' });
    await staff('doctor.p2', { role: 'doctor', region: 'KZ-27', organisation: 'KZ-27/P2' });
    await staff('doctor.k1', { role: 'doctor', region: 'KZ-35', organisation: 'KZ-35/K1' });
    await staff('member.h1', {
      role: 'commission_member',
      region: 'KZ-27',
      organisation: 'KZ-27/H1',
    });
    await staff('pharm.ph1', { role: 'pharmacist', region: 'KZ-27', organisation: 'KZ-27/PH1' });
    await staff('pharm.k1', { role: 'pharmacist', region: 'KZ-35', organisation: 'KZ-35/K1' });
    await staff('auditor.27', { role: 'auditor', region: 'KZ-27', organisation: null });
    for (const [key, input] of [
      ['child', CHILD],
      ['adult', ADULT],
    ] as const) {
      const created = await ops.patients.createPatient(
        actor('doctor.p1'),
        input,
        { organisation: 'KZ-27/P1', from: '2024-01-10' as never },
        ctx,
      );
      assert.ok(created.ok);
      patients[key] = created.value.id;
    }
  });
  after(() => storage.close());

  it('refuses a prescription until the patient is registered for the code, naming both missing records', async () => {
    const refused = await ops.prescriptions.issue(actor('doctor.p1'), rx(), ctx);
    assert.ok(!refused.ok);
    assert.deepEqual(
      refused.issues.map((i) => [i.code, i.path.join('.')]),
      [
        ['OPS_NOT_ENTITLED', 'register.commission_decision'],
        ['OPS_NOT_ENTITLED', 'register.dispensary_registration'],
      ],
    );
    assert.match(
      refused.issues[1]?.message ?? '',
      /^register the patient for G80\.1 first \(the engine says conditional under item 1\.7/,
    );
    const record = await lastAudit();
    assert.deepEqual(
      [record?.action, record?.outcome, record?.detail, record?.patientRef],
      ['prescription.issue', 'failed', 'not_entitled', patients.child],
    );
  });

  it('registers the patient (one open registration per code), then refuses until the commission decides', async () => {
    const registration = {
      patientId: patients.child,
      icd10: 'G80.1',
      organisation: 'KZ-27/P1',
      from: '2026-10-01',
      basis: 'neurologist conclusion No 512 of 01.10.2026',
      confirmed: true,
    };
    const created = await ops.register.register(actor('doctor.p1'), registration, ctx);
    assert.ok(created.ok);
    ids.registration = created.value.id;
    const twice = await ops.register.register(actor('doctor.p1'), registration, ctx);
    assert.deepEqual(twice.ok ? null : twice.issues[0]?.path, ['icd10']);
    const elsewhere = await ops.register.register(actor('doctor.p2'), registration, ctx);
    assert.equal(codes(elsewhere), 'AUTH_REFUSED');

    const refused = await ops.prescriptions.issue(actor('doctor.p1'), rx(), ctx);
    assert.ok(!refused.ok);
    assert.deepEqual(
      refused.issues.map((i) => i.path.join('.')),
      ['register.commission_decision'],
    );
    assert.match(
      refused.issues[0]?.message ?? '',
      /^record a commission decision naming botulinum toxin type a for G80\.1 first/,
    );
  });

  it('issues once the commission decided: numbered, signed over the IIN, with the frozen basis citing the item', async () => {
    const decision = await ops.register.decide(
      actor('member.h1'),
      {
        patientId: patients.child,
        organisation: 'KZ-27/H1',
        protocolNumber: '44',
        protocolDate: '2026-10-15',
        icd10: 'G80.1',
        inns: ['Botulinum toxin type A'],
        validFrom: '2026-10-15',
        validTo: null,
      },
      ctx,
    );
    assert.ok(decision.ok);
    ids.decision = decision.value.id;
    assert.deepEqual(decision.value.inns, ['botulinum toxin type a']);
    assert.equal(
      codes(await ops.register.decide(actor('doctor.p1'), { ...decision.value }, ctx)),
      'OPS_INPUT',
    );

    const issued = await ops.prescriptions.issue(actor('doctor.p1'), rx(), ctx);
    assert.ok(issued.ok, JSON.stringify(issued));
    const p = issued.value;
    ids.first = p.id;
    assert.equal(p.number, 'KZ-27-2026-000001');
    assert.deepEqual([p.status, p.validFrom, p.validTo], ['active', '2026-11-02', '2026-12-01']);
    assert.deepEqual(p.product, {
      inn: 'botulinum toxin type a',
      name: 'botulinum toxin type A–haemagglutinin complex',
      form: null,
      atc: 'M03AX01',
    });
    assert.equal(p.basis.status, 'entitled');
    assert.equal(p.basis.item, '1.7');
    assert.equal(p.basis.citation.item, '7');
    assert.match(p.basis.citation.act, /38-3/);
    assert.equal(p.basis.registryVersion, law.version);
    assert.deepEqual(p.basis.facts, {
      registration: ids.registration,
      commissionDecision: ids.decision,
    });
    assert.deepEqual(
      p.basis.parameters.map((a) => [a.name, a.value, a.status]),
      [
        ['validityDays', 30, 'default'],
        ['maxSupplyDays', 30, 'default'],
        ['renewalWindowDays', 7, 'default'],
        ['renewalWindowShortDays', 3, 'default'],
        ['renewalShortSupplyBelowDays', 21, 'default'],
      ],
    );
    const unsigned: Partial<typeof p> = { ...p };
    delete unsigned.status;
    delete unsigned.cancellation;
    delete unsigned.dispensed;
    assert.equal(signer.verify(unsigned as typeof p, { iin: CHILD.iin }), true);
    assert.equal(signer.verify(unsigned as typeof p, { iin: ADULT.iin }), false);
    const stored = await ops.prescriptions.read(actor('pharm.ph1'), { number: p.number }, ctx);
    assert.ok(stored.ok);
    assert.deepEqual(stored.value, p);
  });

  it('refuses more days of supply than the parameter allows, naming the field, the limit and that it is no law', async () => {
    const long = await ops.prescriptions.issue(actor('doctor.p1'), rx({ daysOfSupply: 31 }), ctx);
    assert.ok(!long.ok);
    assert.deepEqual([long.issues[0]?.code, long.issues[0]?.path], ['OPS_INPUT', ['daysOfSupply']]);
    assert.match(
      long.issues[0]?.message ?? '',
      /31 days is more than 30.*maxSupplyDays in KZ-27 from 2021-08-20, a default tegin chose, not law/,
    );
    const continuous = await ops.prescriptions.issue(
      actor('doctor.p1'),
      rx({ daysOfSupply: 91, continuous: true }),
      ctx,
    );
    assert.ok(!continuous.ok);
    assert.match(
      continuous.issues[0]?.message ?? '',
      /91 days is more than 90, .*continuous therapy.*maxSupplyDaysContinuous in KZ-27 from 2023-07-11, reported, not read in the act/,
    );
  });

  it('refuses an overlapping supply of the same medicine, and allows the renewal within 7 days of its end', async () => {
    const early = await ops.prescriptions.issue(
      actor('doctor.p1'),
      rx({ issuedOn: '2026-11-24' }),
      ctx,
    );
    assert.ok(!early.ok);
    assert.deepEqual(
      [early.issues[0]?.code, early.issues[0]?.path],
      ['OPS_CONFLICT', ['issuedOn']],
    );
    assert.match(
      early.issues[0]?.message ?? '',
      /KZ-27-2026-000001 supplies botulinum toxin type a from 2026-11-02 to 2026-12-01; a renewal may be issued from 2026-11-25 \(renewalWindowDays/,
    );
    const renewal = await ops.prescriptions.issue(
      actor('doctor.p1'),
      rx({ issuedOn: '2026-11-25' }),
      ctx,
    );
    assert.ok(renewal.ok);
    assert.equal(renewal.value.number, 'KZ-27-2026-000002');
    ids.renewal = renewal.value.id;
  });

  it('lets exactly one of 20 concurrent issues of one medicine for one patient through', async () => {
    const registered = await ops.register.register(
      actor('doctor.p1'),
      {
        patientId: patients.adult,
        icd10: 'K90.0',
        organisation: 'KZ-27/P1',
        from: '2026-02-01',
        basis: 'gastroenterologist conclusion No 7',
        confirmed: true,
      },
      ctx,
    );
    assert.ok(registered.ok);
    ids.coeliac = registered.value.id;
    const before = (await storage.auditHead()).sequence;
    const drawn = async () =>
      Number(
        (
          await storage.db.query<{ n: string }>(
            'SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END AS n FROM ops_prescription_serial_seq',
          )
        )[0]?.n,
      );
    const serialsBefore = await drawn();
    const attempts = await Promise.all(
      Array.from({ length: 20 }, () =>
        ops.prescriptions.issue(
          actor('doctor.p1'),
          rx({
            patientId: patients.adult,
            icd10: 'K90.0',
            product: { inn: 'PANCREATIN' },
            issuedOn: '2026-11-10',
          }),
          ctx,
        ),
      ),
    );
    assert.deepEqual(
      attempts.map(codes).sort(),
      ['ok', ...Array<string>(19).fill('OPS_CONFLICT')].sort(),
    );
    const issued = attempts.find((a) => a.ok);
    assert.ok(issued?.ok);
    assert.equal(issued.value.basis.facts.commissionDecision, null);
    assert.equal(issued.value.basis.facts.registration, ids.coeliac);
    const rows = await storage.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM ops_prescriptions WHERE product_key = 'pancreatin'",
    );
    assert.equal(rows[0]?.n, 1);
    const records = await storage.auditPage(before, 1000);
    assert.deepEqual(
      records.map((r) => `${r.outcome}:${r.detail === issued.value.id ? 'id' : r.detail}`).sort(),
      ['allowed:id', ...Array<string>(19).fill('failed:supply_overlap')].sort(),
    );
    // The 19 refusals drew no serial: the one issued took the next.
    assert.equal(await drawn(), serialsBefore + 1);
    assert.ok(issued.value.number.endsWith(String(serialsBefore + 1).padStart(6, '0')));
  });

  it('refuses a child an adults-only item whatever the register says', async () => {
    assert.ok(
      (
        await ops.register.register(
          actor('doctor.p1'),
          {
            patientId: patients.child,
            icd10: 'G40.3',
            organisation: 'KZ-27/P1',
            from: '2026-01-05',
            basis: 'conclusion No 3',
            confirmed: true,
          },
          ctx,
        )
      ).ok,
    );
    const child = await ops.prescriptions.issue(
      actor('doctor.p1'),
      rx({ icd10: 'G40.3', product: { inn: 'zonisamide' } }),
      ctx,
    );
    assert.ok(!child.ok);
    assert.deepEqual(
      [child.issues[0]?.code, child.issues[0]?.path],
      ['OPS_NOT_ENTITLED', ['icd10']],
    );
    assert.match(child.issues[0]?.message ?? '', /not_entitled under item 1\.33/);
    assert.ok(
      (
        await ops.register.register(
          actor('doctor.p1'),
          {
            patientId: patients.adult,
            icd10: 'G40.3',
            organisation: 'KZ-27/P1',
            from: '2026-01-05',
            basis: 'conclusion No 4',
            confirmed: true,
          },
          ctx,
        )
      ).ok,
    );
    const adult = await ops.prescriptions.issue(
      actor('doctor.p1'),
      rx({
        patientId: patients.adult,
        icd10: 'G40.3',
        product: { inn: 'zonisamide' },
        issuedOn: '2026-03-02',
      }),
      ctx,
    );
    assert.ok(adult.ok);
    assert.equal(adult.value.basis.item, '1.33');
    // Issued in March with 30 days' validity: expired on the clock's day, computed, not stored.
    assert.equal(adult.value.status, 'expired');
    const row = await storage.db.query<{ status: string }>(
      'SELECT status FROM ops_prescriptions WHERE id = $1',
      [adult.value.id],
    );
    assert.equal(row[0]?.status, 'active');
  });

  it('stops issuing from the day a revocation takes effect, and after the registration is closed', async () => {
    const revocation = await ops.register.decide(
      actor('member.h1'),
      {
        patientId: patients.child,
        organisation: 'KZ-27/H1',
        protocolNumber: '45',
        protocolDate: '2026-12-10',
        icd10: 'G80.1',
        inns: ['botulinum toxin type a'],
        validFrom: '2026-12-10',
        validTo: null,
        revokes: ids.decision,
      },
      ctx,
    );
    assert.ok(revocation.ok);
    const again = await ops.register.decide(
      actor('member.h1'),
      {
        ...revocation.value,
        id: undefined,
        recordedBy: undefined,
        revokedBy: undefined,
        protocolNumber: '46',
      },
      ctx,
    );
    assert.equal(codes(again), 'OPS_INPUT'); // unknown fields are refused before anything else
    const twice = await ops.register.decide(
      actor('member.h1'),
      {
        patientId: patients.child,
        organisation: 'KZ-27/H1',
        protocolNumber: '46',
        protocolDate: '2026-12-11',
        icd10: 'G80.1',
        inns: ['botulinum toxin type a'],
        validFrom: '2026-12-11',
        validTo: null,
        revokes: ids.decision,
      },
      ctx,
    );
    assert.deepEqual(twice.ok ? null : [twice.issues[0]?.code, twice.issues[0]?.path], [
      'OPS_CONFLICT',
      ['revokes'],
    ]);
    const revoked = await ops.prescriptions.issue(
      actor('doctor.p1'),
      rx({ issuedOn: '2026-12-30' }),
      ctx,
    );
    assert.deepEqual(revoked.ok ? null : revoked.issues.map((i) => i.path.join('.')), [
      'register.commission_decision',
    ]);

    const closed = await ops.register.close(
      actor('doctor.p1'),
      ids.coeliac as string,
      { to: '2026-11-30', reason: 'moved' },
      ctx,
    );
    assert.ok(closed.ok);
    assert.equal(
      (
        await ops.register.close(
          actor('doctor.p1'),
          ids.coeliac as string,
          { to: '2026-11-30', reason: 'moved' },
          ctx,
        )
      ).ok,
      false,
    );
    const after = await ops.prescriptions.issue(
      actor('doctor.p1'),
      rx({
        patientId: patients.adult,
        icd10: 'K90.0',
        product: { inn: 'pancreatin' },
        issuedOn: '2026-12-15',
      }),
      ctx,
    );
    assert.deepEqual(after.ok ? null : after.issues.map((i) => i.path.join('.')), [
      'register.dispensary_registration',
    ]);
  });

  it('cancels with a reason code, once, by the prescribing organisation only; nothing is deleted', async () => {
    const byPharmacist = await ops.prescriptions.cancel(
      actor('pharm.ph1'),
      ids.renewal as string,
      { reason: 'therapy_changed' },
      ctx,
    );
    assert.equal(codes(byPharmacist), 'AUTH_REFUSED');
    const bad = await ops.prescriptions.cancel(
      actor('doctor.p1'),
      ids.renewal as string,
      { reason: 'because' },
      ctx,
    );
    assert.deepEqual(bad.ok ? null : bad.issues[0]?.path, ['reason']);
    const cancelled = await ops.prescriptions.cancel(
      actor('doctor.p1'),
      ids.renewal as string,
      { reason: 'therapy_changed' },
      ctx,
    );
    assert.ok(cancelled.ok);
    assert.equal(cancelled.value.status, 'cancelled');
    assert.equal(cancelled.value.cancellation?.reason, 'therapy_changed');
    const twice = await ops.prescriptions.cancel(
      actor('doctor.p1'),
      ids.renewal as string,
      { reason: 'therapy_changed' },
      ctx,
    );
    assert.equal(codes(twice), 'OPS_CONFLICT');
    const listed = await ops.prescriptions.list(
      actor('pharm.ph1'),
      patients.child,
      { status: 'cancelled' },
      ctx,
    );
    assert.deepEqual(listed.ok && listed.value.map((p) => p.id), [ids.renewal]);
    const inNovember = await ops.prescriptions.list(
      actor('auditor.27'),
      patients.child,
      { issuedFrom: '2026-11-01', issuedTo: '2026-11-24' },
      ctx,
    );
    assert.deepEqual(inNovember.ok && inNovember.value.map((p) => p.id), [ids.first]);
    const badRange = await ops.prescriptions.list(
      actor('auditor.27'),
      patients.child,
      { issuedFrom: '2026-12-01', issuedTo: '2026-11-01' },
      ctx,
    );
    assert.deepEqual(badRange.ok ? null : badRange.issues[0]?.path, ['issuedTo']);
    await assert.rejects(
      storage.db.query('DELETE FROM ops_prescriptions WHERE id = $1', [ids.renewal]),
      /never deleted/,
    );
  });

  it('refuses another organisation, another region and a role the table does not list, auditing each refusal', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['doctor.p2', rx(), 'other_organisation'],
      ['doctor.k1', rx(), 'other_region'],
      ['member.h1', rx({ organisation: 'KZ-27/H1' }), 'role_not_permitted'],
    ];
    for (const [who, input, code] of cases) {
      const result = await ops.prescriptions.issue(actor(who), input, ctx);
      assert.equal(codes(result), 'AUTH_REFUSED', who);
      const record = await lastAudit();
      assert.deepEqual(
        [record?.action, record?.outcome, record?.detail, record?.patientRef],
        ['prescription.issue', 'refused', code, patients.child],
        who,
      );
    }
    const away = await ops.prescriptions.read(actor('pharm.k1'), { id: ids.first as string }, ctx);
    assert.equal(codes(away), 'AUTH_REFUSED');
    const otherDoctor = await ops.prescriptions.read(
      actor('doctor.p2'),
      { id: ids.first as string },
      ctx,
    );
    assert.equal(codes(otherDoctor), 'AUTH_REFUSED');
    const register = await ops.register.registrations(actor('pharm.ph1'), patients.child, ctx);
    assert.equal(codes(register), 'AUTH_REFUSED');
    const audited = await ops.register.decisions(actor('auditor.27'), patients.child, ctx);
    assert.deepEqual(
      audited.ok && audited.value.map((d) => [d.protocolNumber, d.revokedBy !== null]),
      [
        ['44', true],
        ['45', false],
      ],
    );
  });

  it('keeps a verifiable audit chain holding no IIN or name', async () => {
    assert.equal((await storage.verifyAuditChain()).ok, true);
    const text = JSON.stringify(await storage.auditPage(0, 100_000));
    for (const personal of [
      CHILD.iin,
      CHILD.familyName,
      CHILD.givenName,
      ADULT.iin,
      ADULT.familyName,
      ADULT.givenName,
    ]) {
      assert.equal(text.includes(personal), false, personal);
    }
    const actions = new Set((await storage.auditPage(0, 100_000)).map((r) => r.action));
    for (const action of [
      'registration.create',
      'registration.close',
      'commission.record',
      'prescription.issue',
      'prescription.cancel',
      'prescription.read',
      'registration.read',
      'commission.read',
    ]) {
      assert.ok(actions.has(action), action);
    }
  });
}
