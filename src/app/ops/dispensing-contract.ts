/**
 * The dispensing ledger's behaviour over the use cases, on every OpsStorage: run on PGlite
 * always and on PostgreSQL (pglite.int.test.ts, postgres.int.test.ts). Its prescriptions are
 * registered, decided and issued through the use cases and signed by the real signer
 * (dispensing-world.ts); the law is the real engine over the repository's data.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { isoDate } from '../../domain/date.ts';
import { readDataDir } from '../../registry/load-files.ts';
import type { OpsResult } from '../../ops/issues.ts';
import type { Actor } from '../../ops/permissions.ts';
import type { SqlOpsStorage } from '../../storage/ops/sql-ops-storage.ts';
import { dispensingConcurrencyContract } from './dispensing-concurrency-contract.ts';
import {
  GIVEN_NAME,
  openDispensingWorld,
  type DispensingWorld,
  type PrescriptionSpec,
} from './dispensing-world.ts';
import { iinFor, lawFromFiles } from './ops-setup.ts';
import type { RequestContext } from './service.ts';

const ctx: RequestContext = { requestId: 'req-d', purpose: 'dispensing' };
/** An IIN no patient has. */
const STRANGER = iinFor(isoDate('1990-01-01'), 'male');

const codeOf = <T>(r: OpsResult<T>) => (r.ok ? 'ok' : r.issues[0]?.code);
const pathOf = <T>(r: OpsResult<T>) => (r.ok ? null : r.issues[0]?.path);

export function dispensingContract(open: () => Promise<SqlOpsStorage>): void {
  const w = {} as DispensingWorld;
  const lastAudit = async () => (await w.storage.auditPage(0, 1_000_000)).at(-1);

  before(async () => {
    await openDispensingWorld(w, open, '2026-11-30T06:00:00.000Z');
  });
  after(() => w.storage.close());

  it('sets up organisations and staff through the use cases', async () => {
    await w.setUp();
    assert.equal(Object.keys(w.actors).length, 7);
  });

  it('honours an item that stopped being free for the patient (18th birthday) under honour_until_expiry, recording the policy', async () => {
    const p = await w.prescribe({ born: 'child', icd10: 'M08.0', inn: 'tocilizumab', quantity: 2 });
    const before = await w.ops.dispensing.dispense(w.actors.pharmacist, w.dispenseInput(p), ctx);
    assert.ok(before.ok);
    assert.deepEqual(
      [before.value.basis, before.value.policy],
      [{ kind: 'in_force', status: 'entitled' }, null],
    );
    w.setClock('2026-12-02T06:00:00.000Z');
    const afterBirthday = await w.ops.dispensing.dispense(
      w.actors.pharmacist,
      w.dispenseInput(p),
      ctx,
    );
    assert.ok(afterBirthday.ok);
    assert.deepEqual(afterBirthday.value.basis, {
      kind: 'excluded_after_issue',
      policy: 'honour_until_expiry',
      status: 'not_entitled',
    });
    assert.deepEqual(
      [
        afterBirthday.value.policy?.name,
        afterBirthday.value.policy?.value,
        afterBirthday.value.policy?.status,
      ],
      ['excludedItemPolicy', 'honour_until_expiry', 'default'],
    );
    const [, stored] = await w.storage.dispensing.dispenses(p.id);
    assert.deepEqual(stored, afterBirthday.value);
  });

  it("refuses it, writing nothing, where the region's policy (as data) is refuse from that day", async () => {
    const files = readDataDir().map((f) =>
      f.path === 'KZ-27/provision.yaml'
        ? {
            ...f,
            text: f.text.replace(
              /(excludedItemPolicy:\n(?:.*\n)*?)(\s*$|(?=\n\S))/,
              (m) =>
                `${m}    - from: 2026-12-01\n      value: refuse\n      status: default\n      source: a variation for the test\n`,
            ),
          }
        : f,
    );
    assert.ok(files.find((f) => f.path === 'KZ-27/provision.yaml')?.text.includes('value: refuse'));
    const strict = lawFromFiles(files, 'refusing');
    const ops = w.opsWith({ law: strict });
    const child = await w.prescribe({ born: 'child', icd10: 'M08.0', inn: 'tocilizumab' });
    const before = await w.snapshot(child);
    const refused = await ops.dispensing.dispense(w.actors.pharmacist, w.dispenseInput(child), ctx);
    assert.deepEqual([codeOf(refused), pathOf(refused)], ['OPS_CONFLICT', ['prescriptionId']]);
    assert.match(refused.ok ? '' : (refused.issues[0]?.message ?? ''), /policy is to refuse/);
    assert.deepEqual(await w.snapshot(child), before);
    assert.deepEqual(
      [(await lastAudit())?.outcome, (await lastAudit())?.detail],
      ['failed', 'no_longer_free'],
    );
    // The policy matters only when the item is no longer free.
    const adult = await w.prescribe();
    assert.equal(
      codeOf(await ops.dispensing.dispense(w.actors.pharmacist, w.dispenseInput(adult), ctx)),
      'ok',
    );
  });

  it("finds a patient's dispensable prescriptions by number or by IIN, with what is left", async () => {
    const p = await w.prescribe();
    const patient = w.patientOf(p);
    const old = await w.prescribe({ patient, issuedOn: isoDate('2026-10-01') });
    const find = (input: Record<string, unknown>, actor = w.actors.pharmacist) =>
      w.ops.dispensing.findPrescriptions(
        actor,
        { pharmacy: 'KZ-27/PH1', on: '2026-12-02', ...input },
        ctx,
      );
    const byIin = await find({ iin: patient.iin });
    assert.ok(byIin.ok);
    const ids = byIin.value.map((f) => f.prescription.id);
    assert.ok(ids.includes(p.id));
    assert.equal(ids.includes(old.id), false, 'an expired prescription is not dispensable');
    assert.ok(byIin.value.every((f) => f.remaining > 0 && f.prescription.status === 'active'));
    const byNumber = await find({ number: p.number });
    assert.deepEqual(
      byNumber.ok && byNumber.value.map((f) => [f.prescription.id, f.remaining, f.openDeferral]),
      [[p.id, 3, null]],
    );
    const [record] = (await w.storage.auditPage(0, 1_000_000)).slice(-1);
    assert.deepEqual(
      [record?.action, record?.patientRef, record?.outcome, record?.detail],
      ['prescription.find', p.patientId, 'allowed', 'found 1'],
    );
    const nobody = await find({ iin: STRANGER });
    assert.deepEqual(nobody.ok && nobody.value, []);
    assert.deepEqual(
      [(await lastAudit())?.patientRef, (await lastAudit())?.detail],
      [null, 'found 0'],
    );
    const both = await find({ iin: patient.iin, number: p.number });
    assert.deepEqual([codeOf(both), pathOf(both)], ['OPS_INPUT', ['number']]);
    const away = await find({ iin: patient.iin }, w.actors.farPharmacist);
    assert.equal(codeOf(away), 'AUTH_REFUSED');
    assert.deepEqual(
      [(await lastAudit())?.outcome, (await lastAudit())?.patientRef],
      ['refused', p.patientId],
    );
  });

  it('dispenses part of a prescription, keeps the remainder, and completes it at 0', async () => {
    const p = await w.prescribe();
    const first = await w.ops.dispensing.dispense(w.actors.pharmacist, w.dispenseInput(p), ctx);
    assert.ok(first.ok);
    assert.deepEqual(
      [
        first.value.remaining,
        first.value.basis.kind,
        first.value.registryVersion,
        first.value.pharmacist,
      ],
      [2, 'in_force', 'repository', (w.actors.pharmacist as { accountId: string }).accountId],
    );
    assert.deepEqual(
      [(await lastAudit())?.action, (await lastAudit())?.detail, (await lastAudit())?.patientRef],
      ['dispense.record', first.value.id, p.patientId],
    );
    const middle = await w.storage.prescription({ id: p.id });
    assert.deepEqual([middle?.status, middle?.dispensed], ['active', 1]);
    const rest = await w.ops.dispensing.dispense(
      w.actors.pharmacist2,
      w.dispenseInput(p, { quantity: 2, pharmacy: 'KZ-27/PH2' }),
      ctx,
    );
    assert.deepEqual(rest.ok && rest.value.remaining, 0);
    const done = await w.storage.prescription({ id: p.id });
    assert.deepEqual([done?.status, done?.dispensed], ['completed', 3]);
    const ledger = await w.ops.dispensing.ledger(w.actors.auditor, p.id, ctx);
    assert.deepEqual(
      ledger.ok && [
        ledger.value.dispensed,
        ledger.value.dispenses.map((d) => [d.quantity, d.pharmacy]),
      ],
      [
        3,
        [
          [1, 'KZ-27/PH1'],
          [2, 'KZ-27/PH2'],
        ],
      ],
    );
    const again = await w.ops.dispensing.dispense(w.actors.pharmacist, w.dispenseInput(p), ctx);
    assert.equal(codeOf(again), 'OPS_CONFLICT');
    assert.match(again.ok ? '' : (again.issues[0]?.message ?? ''), /nothing is left/);
  });

  it('refuses each dispense the rules do not allow, leaving the ledger and the prescription as they were', async () => {
    const cases: [
      string,
      Partial<PrescriptionSpec>,
      Record<string, unknown>,
      string,
      string,
      string,
    ][] = [
      [
        'not yet valid',
        { issuedOn: isoDate('2026-12-03') },
        {},
        'OPS_CONFLICT',
        'prescriptionId',
        'not_yet_valid',
      ],
      [
        'expired',
        { issuedOn: isoDate('2026-10-01') },
        {},
        'OPS_CONFLICT',
        'prescriptionId',
        'expired',
      ],
      ['cancelled', { cancelled: true }, {}, 'OPS_CONFLICT', 'prescriptionId', 'cancelled'],
      ['more than left', {}, { quantity: 4 }, 'OPS_CONFLICT', 'quantity', 'exceeds_remaining'],
      ['lot expired', {}, { expiry: '2026-12-01' }, 'OPS_INPUT', 'expiry', 'lot_expired'],
      // One pack of three for 30 days covers 2–11 December.
      [
        'lot gone before its supply ends',
        {},
        { expiry: '2026-12-10' },
        'OPS_INPUT',
        'expiry',
        'lot_expires_during_supply',
      ],
      [
        'signed for another IIN',
        { signFor: STRANGER },
        {},
        'OPS_CONFLICT',
        'prescriptionId',
        'signature_invalid',
      ],
      [
        'signed with a key this server does not know',
        { foreignKey: true },
        {},
        'OPS_CONFLICT',
        'prescriptionId',
        'signature_invalid',
      ],
    ];
    for (const [name, fixture, request, code, path, detail] of cases) {
      const p = await w.prescribe(fixture);
      const before = await w.snapshot(p);
      const result = await w.ops.dispensing.dispense(
        w.actors.pharmacist,
        w.dispenseInput(p, request),
        ctx,
      );
      assert.deepEqual([codeOf(result), pathOf(result)], [code, [path]], name);
      assert.deepEqual(await w.snapshot(p), before, name);
      const record = await lastAudit();
      assert.deepEqual(
        [record?.outcome, record?.detail, record?.patientRef],
        ['failed', detail, p.patientId],
        name,
      );
    }
    const p = await w.prescribe();
    const before = await w.snapshot(p);
    const head = await w.storage.auditHead();
    const notToday = await w.ops.dispensing.dispense(
      w.actors.pharmacist,
      w.dispenseInput(p, { dispensedOn: '2026-11-20' }),
      ctx,
    );
    assert.deepEqual(pathOf(notToday), ['dispensedOn']);
    const bad = await w.ops.dispensing.dispense(
      w.actors.pharmacist,
      w.dispenseInput(p, { quantity: 0, idempotencyKey: 'short', lot: '' }),
      ctx,
    );
    assert.deepEqual(bad.ok ? null : bad.issues.map((i) => [i.code, i.path.join('.')]), [
      ['OPS_INPUT', 'quantity'],
      ['OPS_INPUT', 'lot'],
      ['OPS_INPUT', 'idempotencyKey'],
    ]);
    assert.deepEqual(await w.snapshot(p), before);
    assert.deepEqual(await w.storage.auditHead(), head);
  });

  it('refuses and audits a pharmacist of another pharmacy or region, a doctor, and a pharmacy that is not one', async () => {
    const p = await w.prescribe();
    const before = await w.snapshot(p);
    const attempts: [Actor, Record<string, unknown>, string, string][] = [
      [w.actors.pharmacist2, {}, 'AUTH_REFUSED', 'other_organisation'],
      [w.actors.doctor, {}, 'AUTH_REFUSED', 'role_not_permitted'],
      [w.actors.farPharmacist, { pharmacy: 'KZ-35/PH35' }, 'AUTH_REFUSED', 'other_region'],
    ];
    for (const [actor, over, code, detail] of attempts) {
      const result = await w.ops.dispensing.dispense(actor, w.dispenseInput(p, over), ctx);
      assert.equal(codeOf(result), code, detail);
      const record = await lastAudit();
      assert.deepEqual(
        [record?.action, record?.outcome, record?.detail, record?.patientRef],
        ['dispense.record', 'refused', detail, p.patientId],
      );
    }
    const notPharmacy = await w.ops.dispensing.dispense(
      w.actors.doctor,
      w.dispenseInput(p, { pharmacy: 'KZ-27/P1' }),
      ctx,
    );
    assert.deepEqual([codeOf(notPharmacy), pathOf(notPharmacy)], ['OPS_INPUT', ['pharmacy']]);
    const deferred = await w.ops.dispensing.defer(
      w.actors.pharmacist2,
      {
        prescriptionId: p.id,
        pharmacy: 'KZ-27/PH1',
        recordedOn: '2026-12-02',
        idempotencyKey: w.key(),
      },
      ctx,
    );
    assert.equal(codeOf(deferred), 'AUTH_REFUSED');
    assert.deepEqual(await w.snapshot(p), before);
    const read = async (actor: Actor) => codeOf(await w.ops.dispensing.ledger(actor, p.id, ctx));
    assert.deepEqual(
      [
        await read(w.actors.doctor),
        await read(w.actors.doctor2),
        await read(w.actors.pharmacist2),
        await read(w.actors.farPharmacist),
        await read(w.actors.auditor),
      ],
      ['ok', 'AUTH_REFUSED', 'ok', 'AUTH_REFUSED', 'ok'],
    );
  });

  it('defers when out of stock, due in working days from the data, one open at a time; the next dispense serves it', async () => {
    const p = await w.prescribe();
    const defer = (over: Record<string, unknown> = {}, target = p) =>
      w.ops.dispensing.defer(
        w.actors.pharmacist,
        {
          prescriptionId: target.id,
          pharmacy: 'KZ-27/PH1',
          recordedOn: '2026-12-02',
          idempotencyKey: w.key(),
          ...over,
        },
        ctx,
      );
    // Wednesday 2 December + 10 working days (Monday to Friday) = Wednesday 16 December: a
    // public holiday (Independence Day), which tegin does not know — the record says so.
    const deferral = await defer();
    assert.ok(deferral.ok);
    assert.deepEqual(
      [deferral.value.dueOn, deferral.value.status, deferral.value.dueRule],
      [
        '2026-12-16',
        'open',
        {
          parameter: {
            name: 'deferredDueWorkingDays',
            value: 10,
            from: '2021-08-20',
            status: 'default',
            source: deferral.value.dueRule.parameter.source,
          },
          calendar: 'monday_to_friday_without_public_holidays',
        },
      ],
    );
    const twice = await defer({ urgent: true });
    assert.deepEqual(
      [codeOf(twice), (await lastAudit())?.detail],
      ['OPS_CONFLICT', 'deferral_open'],
    );
    // Another prescription, of an item the commission must approve (decided before issuing).
    const decided = await w.prescribe({
      born: 'child',
      icd10: 'G80.1',
      inn: 'botulinum toxin type a',
      commission: true,
    });
    assert.ok(decided.basis.facts.commissionDecision);
    const urgent = await defer({ urgent: true }, decided);
    assert.deepEqual(urgent.ok && urgent.value.dueOn, '2026-12-07');
    const found = await w.ops.dispensing.findPrescriptions(
      w.actors.pharmacist,
      { pharmacy: 'KZ-27/PH1', on: '2026-12-02', number: p.number },
      ctx,
    );
    assert.deepEqual(found.ok && found.value[0]?.openDeferral?.id, deferral.value.id);
    const served = await w.ops.dispensing.dispense(w.actors.pharmacist, w.dispenseInput(p), ctx);
    assert.ok(served.ok);
    assert.equal(served.value.servedDeferral, deferral.value.id);
    const [stored] = await w.storage.dispensing.deferrals(p.id);
    assert.deepEqual([stored?.status, stored?.servedBy], ['served', served.value.id]);
    const again = await defer();
    assert.deepEqual(again.ok && again.value.status, 'open', 'what is left can be deferred again');
  });

  it('answers a retry with the same key with the first dispense and writes nothing; another request under it is a mismatch', async () => {
    const p = await w.prescribe();
    const input = w.dispenseInput(p);
    const first = await w.ops.dispensing.dispense(w.actors.pharmacist, input, ctx);
    assert.ok(first.ok);
    assert.equal(first.replayed, false);
    const retry = await w.ops.dispensing.dispense(w.actors.pharmacist, { ...input }, ctx);
    // The same record, marked as a replay (HTTP answers it with Idempotent-Replayed: true).
    assert.deepEqual(retry, { ...first, replayed: true });
    assert.equal((await lastAudit())?.detail, `replayed:${first.value.id}`);
    const before = await w.snapshot(p);
    const other = await w.ops.dispensing.dispense(
      w.actors.pharmacist,
      { ...input, quantity: 2 },
      ctx,
    );
    assert.deepEqual(
      [codeOf(other), pathOf(other)],
      ['OPS_IDEMPOTENCY_MISMATCH', ['idempotencyKey']],
    );
    assert.deepEqual(
      [(await lastAudit())?.outcome, (await lastAudit())?.detail],
      ['failed', 'idempotency_mismatch'],
    );
    assert.deepEqual(await w.snapshot(p), before);
    // A refused attempt does not spend its key: corrected, the same key goes through.
    const key = w.key();
    const refused = await w.ops.dispensing.dispense(
      w.actors.pharmacist,
      w.dispenseInput(p, { idempotencyKey: key, expiry: '2026-12-01' }),
      ctx,
    );
    assert.equal(codeOf(refused), 'OPS_INPUT');
    const corrected = await w.ops.dispensing.dispense(
      w.actors.pharmacist,
      w.dispenseInput(p, { idempotencyKey: key }),
      ctx,
    );
    assert.equal(codeOf(corrected), 'ok');
    // Keys are the actor's own: another pharmacist's same key is another request.
    const elsewhere = await w.ops.dispensing.dispense(
      w.actors.pharmacist2,
      { ...input, pharmacy: 'KZ-27/PH2' },
      ctx,
    );
    assert.ok(elsewhere.ok);
    assert.notEqual(elsewhere.value.id, first.value.id);
    assert.equal((await w.storage.prescription({ id: p.id }))?.status, 'completed');
  });

  dispensingConcurrencyContract(w);

  it('keeps IINs and names out of the audit, refuses to rewrite the ledger, and the chain verifies', async () => {
    const text = JSON.stringify(await w.storage.auditPage(0, 1_000_000));
    assert.ok(w.patients.length > 10);
    for (const patient of w.patients) {
      assert.equal(text.includes(patient.iin), false, patient.iin);
      assert.equal(text.includes(patient.familyName), false, patient.familyName);
    }
    assert.equal(text.includes(GIVEN_NAME), false);
    await assert.rejects(
      w.storage.db.query('UPDATE ops_dispenses SET quantity = 1'),
      /append-only/,
    );
    await assert.rejects(w.storage.db.query('DELETE FROM ops_deferrals'), /never deleted/);
    const check = await w.storage.verifyAuditChain();
    assert.equal(check.ok, true);
  });
}
