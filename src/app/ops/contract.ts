/**
 * The behaviour every OpsStorage must have, with the use cases on top: one
 * suite, run on PGlite always and on PostgreSQL when DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { argon2Hasher } from './password.ts';
import { OpsService, type RequestContext } from './service.ts';
import { isoDate } from '../../domain/date.ts';
import type { RegionCode } from '../../domain/region.ts';
import { DEFAULT_LOGIN_POLICY } from '../../ops/login.ts';
import type { Actor } from '../../ops/permissions.ts';
import { auditChainContract } from '../../storage/ops/audit-contract.ts';
import { sha256 } from '../../storage/ops/audit-sql.ts';
import type { SqlOpsStorage } from '../../storage/ops/sql-ops-storage.ts';
import { runParts, SqlParams } from '../../storage/sql-params.ts';

const IIN = '750302300017';
const ctx: RequestContext = { requestId: 'req-1', purpose: 'treatment' };
const operator: Actor = { kind: 'operator', name: 'test' };
const org = (code: string, kind = 'polyclinic', region = 'KZ-27') => ({
  region,
  code,
  kind,
  name: { kk: `${code} kk`, ru: `${code} ru`, en: `${code} en` },
});
const staff = (
  accountId: string,
  role: string,
  region: string,
  organisation: string | null,
): Actor => ({
  kind: 'staff',
  accountId,
  grants: [{ role: role as 'doctor', region: region as RegionCode, organisation }],
});

export function opsStorageContract(open: () => Promise<SqlOpsStorage>): void {
  let storage: SqlOpsStorage;
  let clock = new Date('2026-11-29T05:00:00.000Z');
  let ops: OpsService;
  const auditText = async () => JSON.stringify(await storage.auditPage(0, 100_000));

  before(async () => {
    storage = await open();
    ops = new OpsService({
      storage,
      hasher: argon2Hasher,
      policy: DEFAULT_LOGIN_POLICY,
      now: () => clock,
    });
  });
  after(() => storage.close());

  it('migrates once, and starts with an empty, valid audit chain', async () => {
    assert.deepEqual(await storage.migrate(), [100, 101, 102, 110, 120, 140, 150, 160, 170, 180]);
    assert.deepEqual(await storage.migrate(), []);
    const empty = await storage.verifyAuditChain();
    assert.deepEqual(empty.ok && empty.head.sequence, 0);
    assert.deepEqual(empty.ok && empty.head.anchor, { number: 0, hash: '0'.repeat(64) });
    assert.ok(empty.ok && empty.head.shards.every((h) => h.position === 0));
    assert.equal(empty.ok && empty.head.shards.length, 16);
  });

  it('creates organisations with an audit record each; a duplicate or a bad field changes nothing', async () => {
    for (const o of [
      org('P1'),
      org('P2'),
      org('PH1', 'pharmacy'),
      org('K1', 'polyclinic', 'KZ-35'),
    ]) {
      assert.equal((await ops.createOrganisation(operator, o, ctx)).ok, true);
    }
    const head = await storage.auditHead();
    assert.equal(head.sequence, 4);
    const again = await ops.createOrganisation(operator, org('P1'), ctx);
    assert.deepEqual(again.ok ? null : again.issues[0]?.code, 'OPS_CONFLICT');
    const bad = await ops.createOrganisation(operator, { ...org('x y'), kind: 'shop' }, ctx);
    assert.deepEqual(bad.ok ? null : bad.issues.map((i) => i.path.join('.')), ['code', 'kind']);
    const listed = await ops.listOrganisations(operator, 'KZ-27', ctx);
    assert.deepEqual(listed.ok && listed.value.map((o) => o.code), ['P1', 'P2', 'PH1']);
    const last = (await storage.auditPage(4, 10)).map((r) => [r.action, r.outcome, r.detail]);
    assert.deepEqual(last, [['organisation.create', 'failed', 'exists']]);
  });

  it('refuses and audits an operation the permission table does not allow', async () => {
    const pharmacist = staff('acc-ph', 'pharmacist', 'KZ-27', 'KZ-27/PH1');
    const result = await ops.createOrganisation(pharmacist, org('P9'), ctx);
    assert.deepEqual(result.ok ? null : result.issues[0]?.code, 'AUTH_REFUSED');
    const [record] = (await storage.auditPage(0, 1000)).slice(-1);
    assert.deepEqual(
      [record?.actorId, record?.role, record?.action, record?.outcome, record?.detail],
      ['acc-ph', 'pharmacist', 'organisation.create', 'refused', 'role_not_permitted'],
    );
    assert.equal((await storage.listOrganisations('KZ-27')).length, 3);
  });

  let doctorPassword = '';
  it('creates an account with a generated password kept only as an argon2id hash', async () => {
    const created = await ops.accounts.createAccount(
      operator,
      {
        username: 'doctor.one',
        displayName: 'Doctor One',
        grants: [{ role: 'doctor', region: 'KZ-27', organisation: 'KZ-27/P1' }],
      },
      ctx,
    );
    assert.ok(created.ok);
    doctorPassword = created.value.password;
    assert.ok(doctorPassword.length >= 24);
    const stored = await storage.accountForLogin('doctor.one');
    assert.match(stored?.passwordHash ?? '', /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal((await auditText()).includes(doctorPassword), false);
    const unknownOrg = await ops.accounts.createAccount(
      operator,
      {
        username: 'x.y',
        displayName: 'X',
        grants: [{ role: 'doctor', region: 'KZ-27', organisation: 'KZ-27/NOPE' }],
      },
      ctx,
    );
    assert.deepEqual(unknownOrg.ok ? null : unknownOrg.issues[0]?.path, [
      'grants',
      0,
      'organisation',
    ]);
    assert.equal(await storage.accountForLogin('x.y'), null);
  });

  it('signs in with a 32-byte token whose SHA-256 alone is stored, and signs out', async () => {
    const login = await ops.accounts.login('doctor.one', doctorPassword, ctx);
    assert.ok(login.ok);
    assert.equal(Buffer.from(login.value.token, 'base64url').length, 32);
    assert.equal(await storage.session(login.value.token), null);
    assert.ok(await storage.session(sha256(login.value.token)));
    const actor = await ops.accounts.authenticate(login.value.token);
    assert.ok(actor.ok && actor.value.kind === 'staff');
    assert.deepEqual(
      actor.value.kind === 'staff' && actor.value.grants.map((g) => g.organisation),
      ['KZ-27/P1'],
    );
    assert.equal(await ops.accounts.logout(login.value.token, ctx), true);
    const after = await ops.accounts.authenticate(login.value.token);
    assert.deepEqual(after.ok ? null : after.issues[0]?.code, 'AUTH_SESSION_INVALID');
    assert.equal((await auditText()).includes(login.value.token), false);
  });

  it('locks an account for 15 minutes after 5 failures, auditing every attempt without the password', async () => {
    const before = (await storage.auditHead()).sequence;
    for (let i = 0; i < 5; i++) {
      const r = await ops.accounts.login('doctor.one', `wrong-${i}`, ctx);
      assert.deepEqual(r.ok ? null : r.issues[0]?.code, 'AUTH_LOGIN_FAILED');
    }
    const locked = await ops.accounts.login('doctor.one', doctorPassword, ctx);
    assert.deepEqual(locked.ok ? null : locked.issues[0]?.code, 'AUTH_LOCKED');
    const unknown = await ops.accounts.login('nobody', 'secret-typed', ctx);
    assert.deepEqual(unknown.ok ? null : unknown.issues[0]?.code, 'AUTH_LOGIN_FAILED');
    const records = await storage.auditPage(before, 100);
    assert.deepEqual(
      records.map((r) => `${r.outcome}:${r.detail}`),
      [
        ...Array(4).fill('failed:wrong_password'),
        'failed:wrong_password_locked',
        'refused:locked',
        'failed:unknown_user',
      ],
    );
    const text = await auditText();
    for (const secret of ['wrong-0', doctorPassword, 'secret-typed', 'nobody']) {
      assert.equal(text.includes(secret), false, secret);
    }
    clock = new Date(clock.getTime() + 15 * 60_000);
    assert.equal((await ops.accounts.login('doctor.one', doctorPassword, ctx)).ok, true);
  });

  it('ends a session after its 12 hours, not before', async () => {
    const login = await ops.accounts.login('doctor.one', doctorPassword, ctx);
    assert.ok(login.ok);
    const start = clock;
    clock = new Date(start.getTime() + 12 * 3_600_000 - 1);
    assert.equal((await ops.accounts.authenticate(login.value.token)).ok, true);
    clock = new Date(start.getTime() + 12 * 3_600_000);
    assert.equal((await ops.accounts.authenticate(login.value.token)).ok, false);
  });

  let patientId = '';
  const doctor = staff('acc-doc', 'doctor', 'KZ-27', 'KZ-27/P1');
  it('registers a patient with an audit record naming the internal id, never the IIN or name', async () => {
    const input = {
      iin: IIN,
      familyName: 'Сапарова',
      givenName: 'Айгүл',
      birthDate: '1975-03-02',
      sex: 'female',
      citizenship: 'KZ',
    };
    const bad = await ops.patients.createPatient(
      doctor,
      { ...input, iin: '750302300018' },
      { organisation: 'KZ-27/P1', from: isoDate('2024-01-10') },
      ctx,
    );
    assert.deepEqual(bad.ok ? null : [bad.issues[0]?.code, bad.issues[0]?.path], [
      'OPS_INPUT',
      ['iin'],
    ]);
    const refused = await ops.patients.createPatient(
      doctor,
      input,
      { organisation: 'KZ-27/P2', from: isoDate('2024-01-10') },
      ctx,
    );
    assert.deepEqual(refused.ok ? null : refused.issues[0]?.code, 'AUTH_REFUSED');
    const created = await ops.patients.createPatient(
      doctor,
      input,
      { organisation: 'KZ-27/P1', from: isoDate('2024-01-10') },
      ctx,
    );
    assert.ok(created.ok);
    patientId = created.value.id;
    const [record] = (await storage.auditPage(0, 1000)).slice(-1);
    assert.deepEqual(
      [record?.action, record?.patientRef, record?.outcome],
      ['patient.create', patientId, 'allowed'],
    );
    const text = await auditText();
    for (const personal of [IIN, 'Сапарова', 'Айгүл', '1975-03-02'])
      assert.equal(text.includes(personal), false);
    const twice = await ops.patients.createPatient(
      doctor,
      input,
      { organisation: 'KZ-27/P1', from: isoDate('2024-01-10') },
      ctx,
    );
    assert.deepEqual(twice.ok ? null : twice.issues[0]?.path, ['iin']);
  });

  it('lets a pharmacist of the region read the patient, not a doctor of another organisation; each read audited', async () => {
    const pharmacist = staff('acc-ph', 'pharmacist', 'KZ-27', 'KZ-27/PH1');
    const read = await ops.patients.readPatient(pharmacist, patientId, ctx);
    assert.ok(read.ok);
    assert.deepEqual([read.value.iin, read.value.birthDate], [IIN, '1975-03-02']);
    const other = staff('acc-doc2', 'doctor', 'KZ-27', 'KZ-27/P2');
    const refused = await ops.patients.readPatient(other, patientId, ctx);
    assert.deepEqual(refused.ok ? null : refused.issues[0]?.code, 'AUTH_REFUSED');
    const away = staff('acc-ph35', 'pharmacist', 'KZ-35', null);
    assert.equal((await ops.patients.readPatient(away, patientId, ctx)).ok, false);
    const reads = (await storage.auditPage(0, 1000)).filter((r) => r.action === 'patient.read');
    assert.deepEqual(
      reads.map((r) => [r.actorId, r.outcome, r.detail, r.patientRef]),
      [
        ['acc-ph', 'allowed', null, patientId],
        ['acc-doc2', 'refused', 'other_organisation', patientId],
        ['acc-ph35', 'refused', 'other_region', patientId],
      ],
    );
  });

  it("gives a region's auditor that region's records only, and audits the reading", async () => {
    const auditor = staff('acc-aud', 'auditor', 'KZ-27', null);
    const read = await ops.readAudit(auditor, 'KZ-27', { after: 0, limit: 1000 }, ctx);
    assert.ok(read.ok);
    assert.ok(read.value.length > 0);
    assert.ok(read.value.every((r) => r.organisation?.startsWith('KZ-27/')));
    const [last] = (await storage.auditPage(0, 100_000)).slice(-1);
    assert.deepEqual(
      [last?.action, last?.actorId, last?.outcome],
      ['audit.read', 'acc-aud', 'allowed'],
    );
    const other = await ops.readAudit(auditor, 'KZ-35', { after: 0, limit: 10 }, ctx);
    assert.deepEqual(other.ok ? null : other.issues[0]?.code, 'AUTH_REFUSED');
    const doctorRead = await ops.readAudit(doctor, 'KZ-27', { after: 0, limit: 10 }, ctx);
    assert.deepEqual(doctorRead.ok ? null : doctorRead.issues[0]?.code, 'AUTH_REFUSED');
    const bad = await ops.readAudit(auditor, 'KZ-27', { after: 0, limit: 5000 }, ctx);
    assert.deepEqual(bad.ok ? null : bad.issues[0]?.path, ['limit']);
  });

  it('moves the attachment by closing the previous period, never deleting it', async () => {
    const receiving = staff('acc-doc2', 'doctor', 'KZ-27', 'KZ-27/P2');
    const moved = await ops.patients.attachPatient(
      receiving,
      patientId,
      { organisation: 'KZ-27/P2', from: isoDate('2025-03-01') },
      ctx,
    );
    assert.ok(moved.ok);
    assert.deepEqual((await storage.patient(patientId))?.attachments, [
      { organisation: 'KZ-27/P1', from: '2024-01-10', to: '2025-03-01' },
      { organisation: 'KZ-27/P2', from: '2025-03-01', to: null },
    ]);
    await assert.rejects(
      storage.db.query('DELETE FROM ops_attachments WHERE patient_id = $1', [patientId]),
      /never deleted/,
    );
    await assert.rejects(
      storage.db.query(
        "UPDATE ops_attachments SET organisation = 'KZ-27/P2' WHERE patient_id = $1 AND to_date IS NOT NULL",
        [patientId],
      ),
      /never deleted or rewritten/,
    );
    // The first doctor's organisation no longer holds the patient.
    assert.equal((await ops.patients.readPatient(doctor, patientId, ctx)).ok, false);
  });

  it('finds a patient by IIN for whoever may read them; tells "not found" only to who may read patients', async () => {
    const pharmacist = staff('acc-ph', 'pharmacist', 'KZ-27', 'KZ-27/PH1');
    const found = await ops.patients.findPatientByIin(pharmacist, { iin: IIN }, ctx);
    assert.equal(found.ok && found.value.id, patientId);
    const none = await ops.patients.findPatientByIin(pharmacist, { iin: '020202500014' }, ctx);
    assert.deepEqual(none.ok ? null : none.issues[0]?.code, 'OPS_NOT_FOUND');
    const admin = staff('acc-adm', 'region_admin', 'KZ-27', null);
    for (const iin of [IIN, '020202500014']) {
      const refused = await ops.patients.findPatientByIin(admin, { iin }, ctx);
      assert.deepEqual(refused.ok ? null : refused.issues[0]?.code, 'AUTH_REFUSED');
    }
    const bad = await ops.patients.findPatientByIin(pharmacist, { iin: '1' }, ctx);
    assert.deepEqual(bad.ok ? null : bad.issues[0]?.path, ['iin']);
    assert.equal((await auditText()).includes(IIN), false);
  });

  it('mints a bearer token for an account, authorised and audited without it; whoami names the account', async () => {
    const minted = await ops.accounts.issueToken(
      operator,
      { username: 'doctor.one', hours: 2 },
      ctx,
    );
    assert.ok(minted.ok);
    const who = await ops.accounts.whoami(minted.value.token);
    assert.deepEqual(who.ok && [who.value.account.username, who.value.expiresAt], [
      'doctor.one',
      minted.value.expiresAt,
    ]);
    const doctorMints = await ops.accounts.issueToken(
      doctor,
      { username: 'doctor.one', hours: 2 },
      ctx,
    );
    assert.deepEqual(doctorMints.ok ? null : doctorMints.issues[0]?.code, 'AUTH_REFUSED');
    const tooLong = await ops.accounts.issueToken(
      operator,
      { username: 'doctor.one', hours: 9999 },
      ctx,
    );
    assert.deepEqual(tooLong.ok ? null : tooLong.issues[0]?.path, ['hours']);
    assert.equal((await auditText()).includes(minted.value.token), false);
  });

  it('rolls back a write that fails half way: the attachment and the audit chain stay as they were', async () => {
    const before = await storage.patient(patientId);
    const head = await storage.auditHead();
    const open = before?.attachments.at(-1);
    assert.ok(open);
    await assert.rejects(
      storage.changeAttachment(
        patientId,
        { ...open, to: isoDate('2026-01-01') },
        { organisation: 'KZ-27/NO-SUCH-ORG', from: isoDate('2026-01-01'), to: null },
        {
          at: clock.toISOString(),
          actorId: 'acc-doc2',
          role: 'doctor',
          organisation: 'KZ-27/P2',
          action: 'patient.attach',
          patientRef: patientId,
          purpose: null,
          requestId: null,
          outcome: 'allowed',
          detail: null,
        },
      ),
    );
    assert.deepEqual(await storage.patient(patientId), before);
    assert.deepEqual(await storage.auditHead(), head);
  });

  it('rolls back a write whose part touched another number of rows, though its COMMIT was sent with it', async () => {
    const head = await storage.auditHead();
    const count = async () =>
      (await storage.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ops_organisations'))[0]
        ?.n;
    const organisations = await count();
    await assert.rejects(
      storage.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO ops_organisations (id, region, code, kind, name_kk, name_ru, name_en)
           VALUES ('KZ-27/GONE', 'KZ-27', 'GONE', 'polyclinic', 'g', 'g', 'g')`,
        );
        const p = new SqlParams();
        const parts = [
          {
            name: 'renamed',
            sql: `UPDATE ops_organisations SET name_en = ${p.add('x')} WHERE id = ${p.add('KZ-27/NONE')} RETURNING id`,
            rows: 1,
          },
        ];
        await runParts(tx, parts, p, { statement: 'contract_renamed', last: true });
      }),
      /renamed: 0 rows, expected 1/,
    );
    assert.equal(await count(), organisations);
    assert.deepEqual(await storage.auditHead(), head);
  });

  it("refuses a statement after a transaction's last one; a last statement answers as any other", async () => {
    const head = await storage.auditHead();
    await assert.rejects(
      storage.db.transaction(async (tx) => {
        await tx.query('SELECT 1 AS one', [], { last: true });
        await tx.query('SELECT 2 AS two');
      }),
      /a statement after the transaction's last statement/,
    );
    const done = await storage.db.transaction(async (tx) => {
      const [row] = await tx.query<{ n: number }>('SELECT $1::int AS n', [7], {
        prepared: 'contract_seven',
        last: true,
      });
      return row?.n;
    });
    assert.equal(done, 7);
    assert.deepEqual(await storage.auditHead(), head);
  });

  auditChainContract(
    () => storage,
    () => clock,
  );
}
