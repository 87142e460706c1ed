/** AuditEvent from audit records: valid R4, with the hash chain, for every outcome and kind of actor. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateFhir } from '../../../test/support/fhir-validator.ts';
import { auditRead, ids } from '../../../test/support/ops-fixtures.ts';
import { AUDIT_OUTCOMES } from '../../ops/audit.ts';
import { OPERATIONS } from '../../ops/permissions.ts';
import { AUDIT_EVENT_KINDS, auditEventOf } from './audit-event.ts';
import { OPS_CODE_SYSTEM, OPS_EXT, OPS_IDENTIFIER_SYSTEM } from './systems.ts';

const chain = (event: ReturnType<typeof auditEventOf>) =>
  Object.fromEntries(
    event.extension
      ?.find((e) => e.url === OPS_EXT.auditChain)
      ?.extension?.map((e) => [e.url, e.valueString ?? e.valueCode]) ?? [],
  );

describe('AuditEvent', () => {
  const event = auditEventOf(auditRead);

  it('is a valid patient-record read by a pharmacist, for treatment, of one patient', () => {
    assert.deepEqual(validateFhir(event), []);
    assert.equal(event.id, '41');
    assert.equal(event.type.code, '110110');
    assert.deepEqual(event.subtype, [
      { system: OPS_CODE_SYSTEM.auditAction, code: 'patient.read' },
    ]);
    assert.equal(event.action, 'R');
    assert.equal(event.recorded, auditRead.at);
    assert.equal(event.outcome, '0');
    assert.equal(event.purposeOfEvent?.[0]?.coding?.[0]?.code, 'TREAT');
    assert.equal(event.purposeOfEvent?.[0]?.text, 'treatment');
    const [who, organisation] = event.agent;
    assert.equal(who?.who?.reference, `Practitioner/${ids.pharmacist}`);
    assert.equal(who?.requestor, true);
    assert.equal(who?.role?.[0]?.coding?.[0]?.code, 'pharmacist');
    assert.equal(organisation?.who?.reference, 'Organization/KZ-35-PH-12');
    assert.equal(organisation?.requestor, false);
    assert.deepEqual(
      event.entity?.map((e) => e.what?.reference),
      [`Patient/${ids.patient}`],
    );
    assert.equal(event.source.site, 'tegin');
  });

  it('carries the hash chain (global id, shard, position) and tegin’s own outcome, so the chain can be recomputed from it', () => {
    assert.deepEqual(chain(event), {
      sequence: '41',
      shard: '3',
      position: '17',
      prevHash: auditRead.prevHash,
      hash: auditRead.hash,
      outcome: 'allowed',
      requestId: 'req-7f3a',
    });
  });

  const outcomes = { allowed: '0', refused: '4', failed: '4' } as const;
  for (const outcome of AUDIT_OUTCOMES) {
    it(`maps the outcome ${outcome} to ${outcomes[outcome]} and keeps it in the extension`, () => {
      const detail = outcome === 'allowed' ? null : 'other_region';
      const e = auditEventOf({ ...auditRead, outcome, detail });
      assert.deepEqual(validateFhir(e), []);
      assert.equal(e.outcome, outcomes[outcome]);
      assert.equal(chain(e)['outcome'], outcome);
      assert.equal(e.outcomeDesc, detail ?? undefined);
    });
  }

  it('has an event kind for every operation and for logging in and out', () => {
    for (const action of [...OPERATIONS, 'auth.login', 'auth.logout'] as const) {
      const e = auditEventOf({ ...auditRead, action, patientRef: null });
      assert.deepEqual(validateFhir(e), [], action);
      assert.equal(e.type, AUDIT_EVENT_KINDS[action].type);
      assert.equal(e.subtype?.at(-1)?.code, action);
    }
  });

  it('maps an action it does not know to a RESTful execution named by its subtype', () => {
    const e = auditEventOf({ ...auditRead, action: 'report.export' });
    assert.deepEqual(validateFhir(e), []);
    assert.equal(e.type.code, 'rest');
    assert.equal(e.action, 'E');
    assert.deepEqual(e.subtype, [{ system: OPS_CODE_SYSTEM.auditAction, code: 'report.export' }]);
  });

  it('names the local operator by identifier, and nobody for a login under an unknown name', () => {
    const operator = auditEventOf({
      ...auditRead,
      actorId: 'operator:cli',
      role: 'operator',
      organisation: null,
      action: 'audit.verify',
      patientRef: null,
      purpose: 'administration',
    });
    assert.deepEqual(validateFhir(operator), []);
    assert.deepEqual(
      operator.agent.map((a) => a.who?.identifier),
      [{ system: OPS_IDENTIFIER_SYSTEM.operator, value: 'cli' }],
    );
    assert.equal(operator.purposeOfEvent?.[0]?.coding?.[0]?.code, 'HOPERAT');
    assert.equal(operator.entity, undefined);

    const unknown = auditEventOf({
      ...auditRead,
      actorId: null,
      role: null,
      organisation: null,
      action: 'auth.login',
      patientRef: null,
      purpose: null,
      outcome: 'failed',
      detail: 'unknown_user',
    });
    assert.deepEqual(validateFhir(unknown), []);
    assert.equal(unknown.agent.length, 1);
    assert.equal(unknown.agent[0]?.who, undefined);
    assert.equal(unknown.agent[0]?.requestor, true);
    assert.equal(unknown.purposeOfEvent, undefined);
  });

  it('gives a purpose it has no code for as text only', () => {
    const e = auditEventOf({ ...auditRead, purpose: 'quality review' });
    assert.deepEqual(validateFhir(e), []);
    assert.deepEqual(e.purposeOfEvent, [{ text: 'quality review' }]);
  });
});
