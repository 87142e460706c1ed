/**
 * The IIN appears in one place only: Patient.identifier. Every other resource refers to the
 * patient by internal id; this searches the JSON of each resource the mappings produce, in
 * every status, for the IIN.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  IIN,
  auditRead,
  deferral,
  dispense,
  ids,
  patient,
  pharmacy,
  polyclinic,
  prescription,
  registration,
} from '../../../test/support/ops-fixtures.ts';
import { isoDate } from '../../domain/date.ts';
import { RegionCode } from '../../domain/region.ts';
import { AUDIT_OUTCOMES } from '../../ops/audit.ts';
import { DEREGISTRATION_REASONS, PRESCRIPTION_STATUSES } from '../../ops/clinical.ts';
import { auditEventOf } from './audit-event.ts';
import { conditionOf } from './condition.ts';
import { deferralDispenseOf, medicationDispenseOf } from './medication-dispense.ts';
import { medicationRequestOf } from './medication-request.ts';
import { organizationOf, practitionerOf, practitionerRoleOf } from './organization.ts';
import { patientOf } from './patient.ts';
import type { Resource } from './types.ts';

function everyOtherResource(): Resource[] {
  const region = RegionCode.parse('KZ-35');
  return [
    organizationOf(polyclinic),
    organizationOf(pharmacy, 'en'),
    practitionerOf({ id: ids.doctor, displayName: 'Dr A. Nurlanova' }),
    practitionerRoleOf(ids.doctor, { role: 'doctor', region, organisation: 'KZ-35/POLY-3' }),
    conditionOf(registration),
    ...DEREGISTRATION_REASONS.map((reason) =>
      conditionOf({
        ...registration,
        to: isoDate('2026-01-31'),
        deregistration: { reason, note: 'closed', by: ids.doctor },
      }),
    ),
    ...PRESCRIPTION_STATUSES.map((status) =>
      medicationRequestOf({
        ...prescription,
        status,
        cancellation:
          status === 'cancelled'
            ? { at: '2026-03-05T11:00:00Z', by: ids.doctor, reason: 'error' }
            : null,
      }),
    ),
    medicationDispenseOf(dispense, prescription),
    ...(['open', 'served', 'cancelled'] as const).map((status) =>
      deferralDispenseOf({ ...deferral, status }, prescription),
    ),
    ...AUDIT_OUTCOMES.map((outcome) => auditEventOf({ ...auditRead, outcome })),
  ];
}

describe('the IIN', () => {
  it('is in Patient.identifier, where the search below finds it in the JSON', () => {
    const resource = patientOf(patient);
    assert.equal(resource.identifier?.[0]?.value, IIN);
    assert.equal(JSON.stringify(resource).includes(IIN), true);
  });

  it('is nowhere else in the Patient', () => {
    const { identifier, ...rest } = patientOf(patient);
    assert.equal(identifier?.length, 1);
    assert.equal(JSON.stringify(rest).includes(IIN), false);
  });

  it('is in no other resource, whatever its status', () => {
    const resources = everyOtherResource();
    assert.ok(resources.length >= 20);
    for (const resource of resources) {
      assert.equal(
        JSON.stringify(resource).includes(IIN),
        false,
        `${resource.resourceType}/${resource.id ?? ''} contains the IIN`,
      );
    }
  });
});
