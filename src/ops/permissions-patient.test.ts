/**
 * The patient's rows of the permission table: a patient signed in to "my medicines" may do the
 * `self` operations about themself and nothing else — no staff operation, no other patient —
 * and no staff role or the operator may do the `self` operations.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROLES, type RoleGrant } from './model.ts';
import { authorize, mayEverDo, OPERATIONS, PERMISSIONS, type Actor } from './permissions.ts';

const me: Actor = { kind: 'patient', patientId: 'p-1' };
const SELF = OPERATIONS.filter((op) => PERMISSIONS[op].patient === 'self');
const STAFF = OPERATIONS.filter((op) => PERMISSIONS[op].patient === 'never');

describe('a patient, over the one permission table', () => {
  it('has own-record operations, each reading patient data and held by no role', () => {
    assert.ok(SELF.length >= 4);
    for (const op of SELF) {
      assert.equal(PERMISSIONS[op].patientData, true, op);
      assert.deepEqual(PERMISSIONS[op].roles, {}, op);
      assert.equal(PERMISSIONS[op].operator, false, op);
    }
  });

  it('reads their own records, and only with their own id as the target', () => {
    for (const op of SELF) {
      const own = authorize(me, op, { region: 'KZ-27', organisation: null, patient: 'p-1' });
      assert.deepEqual(own.allowed && own.scope, 'self', op);
      const other = authorize(me, op, { region: 'KZ-27', organisation: null, patient: 'p-2' });
      assert.deepEqual(other.allowed ? null : other.code, 'other_patient', op);
      const unnamed = authorize(me, op, { region: 'KZ-27', organisation: 'KZ-27/P1' });
      assert.equal(unnamed.allowed, false, `${op} without a patient in the target`);
    }
  });

  it('is refused every staff operation, even when the target names the patient', () => {
    for (const op of STAFF) {
      const d = authorize(me, op, { region: 'KZ-27', organisation: 'KZ-27/P1', patient: 'p-1' });
      assert.deepEqual(d.allowed ? null : d.code, 'role_not_permitted', op);
      assert.equal(mayEverDo(me, op), false, op);
    }
  });

  it('keeps the own-record operations from every staff role and the operator', () => {
    const operator: Actor = { kind: 'operator', name: 'cli' };
    for (const op of SELF) {
      assert.equal(mayEverDo(operator, op), false, op);
      for (const role of ROLES) {
        const grant = {
          role,
          region: 'KZ-27',
          organisation: role === 'auditor' || role === 'region_admin' ? null : 'KZ-27/P1',
        } as RoleGrant;
        const staff: Actor = { kind: 'staff', accountId: 'a', grants: [grant] };
        const d = authorize(staff, op, { region: 'KZ-27', organisation: 'KZ-27/P1', patient: 'a' });
        assert.equal(d.allowed, false, `${role} ${op}`);
      }
    }
  });
});
