import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RegionCode } from '../domain/region.ts';
import type { Role, RoleGrant } from './model.ts';
import { authorize, OPERATIONS, PERMISSIONS, type Operation } from './permissions.ts';

const grant = (role: Role, region: string, organisation: string | null = null): RoleGrant => ({
  role,
  region: region as RegionCode,
  organisation,
});
const actor = (...grants: RoleGrant[]) => ({ kind: 'staff' as const, accountId: 'a1', grants });

describe('authorize, over the one permission table', () => {
  it('lets a doctor read a patient of their own organisation only', () => {
    const doctor = actor(grant('doctor', 'KZ-27', 'KZ-27/P1'));
    const own = authorize(doctor, 'patient.read', { region: 'KZ-27', organisation: 'KZ-27/P1' });
    assert.equal(own.allowed, true);
    const other = authorize(doctor, 'patient.read', { region: 'KZ-27', organisation: 'KZ-27/P2' });
    assert.deepEqual(other.allowed ? null : other.code, 'other_organisation');
  });

  it('lets a pharmacist read patients of the whole region, not another region', () => {
    const pharmacist = actor(grant('pharmacist', 'KZ-27', 'KZ-27/PH1'));
    assert.equal(
      authorize(pharmacist, 'patient.read', { region: 'KZ-27', organisation: 'KZ-27/P9' }).allowed,
      true,
    );
    const away = authorize(pharmacist, 'patient.read', { region: 'KZ-35', organisation: null });
    assert.deepEqual(away.allowed ? null : away.code, 'other_region');
  });

  it('refuses a role the table does not list, with a reason naming the roles that may', () => {
    const pharmacist = actor(grant('pharmacist', 'KZ-27', 'KZ-27/PH1'));
    const decision = authorize(pharmacist, 'patient.create', {
      region: 'KZ-27',
      organisation: 'KZ-27/PH1',
    });
    assert.equal(decision.allowed, false);
    if (!decision.allowed) {
      assert.equal(decision.code, 'role_not_permitted');
      assert.match(decision.reason, /doctor/);
    }
  });

  it('uses whichever grant allows it, and says which', () => {
    const both = actor(grant('auditor', 'KZ-35'), grant('region_admin', 'KZ-27'));
    const decision = authorize(both, 'organisation.create', {
      region: 'KZ-27',
      organisation: null,
    });
    assert.ok(decision.allowed);
    assert.equal(decision.grant?.role, 'region_admin');
  });

  it('never lets an organisation-scoped role act through a region-wide grant', () => {
    const regionDoctor = actor(grant('doctor', 'KZ-27', null));
    const decision = authorize(regionDoctor, 'patient.create', {
      region: 'KZ-27',
      organisation: 'KZ-27/P1',
    });
    assert.equal(decision.allowed, false);
  });

  it('refuses an actor with no role at all', () => {
    const decision = authorize(actor(), 'organisation.list', {
      region: 'KZ-27',
      organisation: null,
    });
    assert.deepEqual(decision.allowed ? null : [decision.code, decision.grant], [
      'role_not_permitted',
      null,
    ]);
  });

  it('lets the local operator set up organisations but never touch patients', () => {
    const operator = { kind: 'operator' as const, name: 'cli' };
    const target = { region: 'KZ-27', organisation: null };
    assert.equal(authorize(operator, 'organisation.create', target).allowed, true);
    assert.equal(authorize(operator, 'patient.read', target).allowed, false);
    for (const op of OPERATIONS) {
      if (PERMISSIONS[op].patientData) assert.equal(PERMISSIONS[op].operator, false, op);
    }
  });

  it('lets a pharmacist dispense, defer and find prescriptions for their own pharmacy only', () => {
    const pharmacist = actor(grant('pharmacist', 'KZ-27', 'KZ-27/PH1'));
    const own = { region: 'KZ-27', organisation: 'KZ-27/PH1' };
    const other = { region: 'KZ-27', organisation: 'KZ-27/PH2' };
    for (const op of ['prescription.find', 'dispense.record', 'dispense.defer'] as const) {
      assert.equal(authorize(pharmacist, op, own).allowed, true, op);
      const refused = authorize(pharmacist, op, other);
      assert.deepEqual(refused.allowed ? null : refused.code, 'other_organisation', op);
      const doctor = authorize(actor(grant('doctor', 'KZ-27', 'KZ-27/PH1')), op, own);
      assert.deepEqual(doctor.allowed ? null : doctor.code, 'role_not_permitted', op);
      const auditor = authorize(actor(grant('auditor', 'KZ-27')), op, own);
      assert.equal(auditor.allowed, false, op);
      assert.equal(authorize({ kind: 'operator', name: 'cli' }, op, own).allowed, false, op);
    }
  });

  it("lets the region's pharmacists and auditor read a ledger, and a doctor of the prescribing organisation", () => {
    const target = { region: 'KZ-27', organisation: 'KZ-27/P1' };
    const read = (...grants: RoleGrant[]) =>
      authorize(actor(...grants), 'dispense.read', target).allowed;
    assert.equal(read(grant('pharmacist', 'KZ-27', 'KZ-27/PH9')), true);
    assert.equal(read(grant('auditor', 'KZ-27')), true);
    assert.equal(read(grant('doctor', 'KZ-27', 'KZ-27/P1')), true);
    assert.equal(read(grant('doctor', 'KZ-27', 'KZ-27/P2')), false);
    assert.equal(read(grant('commission_member', 'KZ-27', 'KZ-27/P1')), false);
    assert.equal(read(grant('pharmacist', 'KZ-35', 'KZ-35/PH1')), false);
    assert.equal(read(grant('auditor', 'KZ-35')), false);
  });

  it('has a row naming at least one role, or the patient themself, for every operation', () => {
    for (const op of OPERATIONS) {
      const row = PERMISSIONS[op];
      assert.ok(Object.keys(row.roles).length > 0 || row.patient === 'self', op);
    }
  });

  describe('the clinical records', () => {
    const own = { region: 'KZ-27', organisation: 'KZ-27/P1' };
    const other = { region: 'KZ-27', organisation: 'KZ-27/P2' };
    const away = { region: 'KZ-35', organisation: 'KZ-35/K1' };
    const doctor = actor(grant('doctor', 'KZ-27', 'KZ-27/P1'));
    const member = actor(grant('commission_member', 'KZ-27', 'KZ-27/P1'));
    const pharmacist = actor(grant('pharmacist', 'KZ-27', 'KZ-27/PH1'));
    const auditor = actor(grant('auditor', 'KZ-27'));
    const outcome = (a: ReturnType<typeof actor>, op: Operation, target: typeof own) => {
      const d = authorize(a, op, target);
      return d.allowed ? 'allowed' : d.code;
    };

    it('lets a doctor register, close and prescribe in their own organisation only', () => {
      for (const op of [
        'registration.create',
        'registration.close',
        'prescription.issue',
        'prescription.cancel',
      ] as const) {
        assert.equal(outcome(doctor, op, own), 'allowed', op);
        assert.equal(outcome(doctor, op, other), 'other_organisation', op);
        assert.equal(outcome(doctor, op, away), 'other_region', op);
      }
    });

    it('lets only a commission member record a decision, in their own organisation', () => {
      assert.equal(outcome(member, 'commission.record', own), 'allowed');
      assert.equal(outcome(member, 'commission.record', other), 'other_organisation');
      assert.equal(outcome(doctor, 'commission.record', own), 'role_not_permitted');
      assert.equal(outcome(member, 'prescription.issue', own), 'role_not_permitted');
    });

    it('lets a pharmacist read prescriptions region-wide but not the register, nor write', () => {
      assert.equal(outcome(pharmacist, 'prescription.read', other), 'allowed');
      assert.equal(outcome(pharmacist, 'prescription.read', away), 'other_region');
      for (const op of ['registration.read', 'commission.read', 'prescription.issue'] as const) {
        assert.equal(outcome(pharmacist, op, own), 'role_not_permitted', op);
      }
    });

    it('lets an auditor read everything of the region and write nothing', () => {
      for (const op of ['registration.read', 'commission.read', 'prescription.read'] as const) {
        assert.equal(outcome(auditor, op, other), 'allowed', op);
        assert.equal(outcome(auditor, op, away), 'other_region', op);
      }
      for (const op of [
        'registration.create',
        'commission.record',
        'prescription.issue',
        'prescription.cancel',
      ] as const) {
        assert.equal(outcome(auditor, op, own), 'role_not_permitted', op);
      }
    });

    it('never opens a clinical record to the local operator', () => {
      const operator = { kind: 'operator' as const, name: 'cli' };
      for (const op of OPERATIONS.filter((o) =>
        /^(registration|commission|prescription)\./.test(o),
      )) {
        assert.equal(authorize(operator, op, own).allowed, false, op);
      }
    });
  });
});
