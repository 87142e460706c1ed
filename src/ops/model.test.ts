import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PatientInput, RoleGrant } from './model.ts';

describe('operations model', () => {
  it('ties organisation roles to an organisation of their region, and region roles to none', () => {
    const ok = (g: object) => RoleGrant.safeParse(g).success;
    assert.equal(ok({ role: 'doctor', region: 'KZ-27', organisation: 'KZ-27/P1' }), true);
    assert.equal(ok({ role: 'doctor', region: 'KZ-27', organisation: null }), false);
    assert.equal(ok({ role: 'pharmacist', region: 'KZ-27', organisation: 'KZ-35/PH1' }), false);
    assert.equal(ok({ role: 'auditor', region: 'KZ-27', organisation: null }), true);
    assert.equal(ok({ role: 'region_admin', region: 'KZ-27', organisation: 'KZ-27/P1' }), false);
  });

  it('validates the IIN check digit and names the field', () => {
    const patient = {
      iin: '750302300017',
      familyName: 'A',
      givenName: 'B',
      birthDate: '1975-03-02',
      sex: 'female',
      citizenship: 'KZ',
    };
    assert.equal(PatientInput.safeParse(patient).success, true);
    const bad = PatientInput.safeParse({ ...patient, iin: '750302300018' });
    assert.deepEqual(
      bad.error?.issues.map((i) => [i.path.join('.'), i.message]),
      [['iin', 'check digit is 8, expected 7']],
    );
  });
});
