/** Patient, Organization, Practitioner and PractitionerRole: valid R4, the IIN only as the identifier. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateFhir } from '../../../test/support/fhir-validator.ts';
import { IIN, ids, patient, pharmacy, polyclinic } from '../../../test/support/ops-fixtures.ts';
import { RegionCode } from '../../domain/region.ts';
import { IDENTIFIER_SYSTEM } from '../extensions.ts';
import {
  organizationOf,
  practitionerOf,
  practitionerRoleIdOf,
  practitionerRoleOf,
} from './organization.ts';
import { patientOf } from './patient.ts';
import { OPS_CODE_SYSTEM, OPS_EXT, OPS_IDENTIFIER_SYSTEM, OPS_SYSTEM } from './systems.ts';

describe('Patient', () => {
  const resource = patientOf(patient);

  it('is valid FHIR R4, with the internal id as id and the IIN as its official identifier', () => {
    assert.deepEqual(validateFhir(resource), []);
    assert.equal(resource.id, ids.patient);
    assert.deepEqual(
      resource.identifier?.map((i) => [i.system, i.value]),
      [[IDENTIFIER_SYSTEM.iin, IIN]],
    );
  });

  it('gives the patronymic as the second given name, marked as such', () => {
    const [name] = resource.name ?? [];
    assert.equal(name?.family, 'Серікова');
    assert.deepEqual(name?.given, ['Айгүл', 'Болатқызы']);
    const marks = (name as { _given?: unknown[] })._given;
    assert.deepEqual(marks, [
      null,
      { extension: [{ url: OPS_EXT.patronymic, valueBoolean: true }] },
    ]);
  });

  it('has no patronymic marker when the patient has none', () => {
    const without = patientOf({ ...patient, patronymic: null });
    assert.deepEqual(validateFhir(without), []);
    assert.deepEqual(without.name?.[0]?.given, ['Айгүл']);
    assert.equal('_given' in (without.name?.[0] ?? {}), false);
  });

  it('names the current attachment as generalPractitioner and keeps the history with inclusive ends', () => {
    assert.deepEqual(resource.generalPractitioner, [
      {
        reference: 'Organization/KZ-35-POLY-3',
        identifier: { system: OPS_IDENTIFIER_SYSTEM.organisation, value: 'KZ-35/POLY-3' },
      },
    ]);
    const periods = resource.extension
      ?.filter((e) => e.url === OPS_EXT.attachment)
      .map((e) => [e.extension?.[0]?.valueReference?.reference, e.extension?.[1]?.valuePeriod]);
    assert.deepEqual(periods, [
      ['Organization/KZ-35-POLY-1', { start: '2019-01-10', end: '2024-05-31' }],
      ['Organization/KZ-35-POLY-3', { start: '2024-06-01' }],
    ]);
  });

  it('leaves out an attachment that ended on the day it began, and has no GP when none is open', () => {
    const resourceOf = patientOf({
      ...patient,
      attachments: [
        { organisation: 'KZ-35/POLY-1', from: patient.birthDate, to: patient.birthDate },
      ],
    });
    assert.deepEqual(validateFhir(resourceOf), []);
    assert.equal(resourceOf.generalPractitioner, undefined);
    assert.equal(resourceOf.extension?.filter((e) => e.url === OPS_EXT.attachment).length, 0);
  });

  it('gives citizenship in the HL7 extension as ISO 3166-1, and a stateless patient as text only', () => {
    const citizenship = (p: typeof resource) =>
      p.extension?.find((e) => e.url === OPS_SYSTEM.patientCitizenship)?.extension?.[0]
        ?.valueCodeableConcept;
    assert.deepEqual(citizenship(resource), {
      coding: [{ system: 'urn:iso:std:iso:3166', code: 'KZ' }],
    });
    const stateless = patientOf({ ...patient, citizenship: 'XX' });
    assert.deepEqual(validateFhir(stateless), []);
    assert.deepEqual(citizenship(stateless), { text: 'stateless' });
  });
});

describe('Organization, Practitioner and PractitionerRole', () => {
  it('gives an organisation its KZ-NN/CODE identifier, its kind and its names in three languages', () => {
    const org = organizationOf(pharmacy, 'ru');
    assert.deepEqual(validateFhir(org), []);
    assert.equal(org.id, 'KZ-35-PH-12');
    assert.deepEqual(org.identifier, [
      { system: OPS_IDENTIFIER_SYSTEM.organisation, value: 'KZ-35/PH-12' },
    ]);
    assert.equal(org.type?.[0]?.coding?.[0]?.code, 'pharmacy');
    assert.equal(org.type?.[0]?.coding?.[0]?.system, OPS_CODE_SYSTEM.organisationKind);
    assert.equal(org.name, 'Аптека № 12');
    assert.equal(org.language, 'ru');
    assert.deepEqual(validateFhir(organizationOf(polyclinic)), []);
  });

  it('shows a staff account as its id and display name only', () => {
    const practitioner = practitionerOf({ id: ids.doctor, displayName: 'Dr A. Nurlanova' });
    assert.deepEqual(validateFhir(practitioner), []);
    assert.deepEqual(practitioner, {
      resourceType: 'Practitioner',
      id: ids.doctor,
      name: [{ text: 'Dr A. Nurlanova' }],
    });
  });

  it('gives each grant a PractitionerRole with its role, organisation and region, under a stable id', () => {
    const region = RegionCode.parse('KZ-35');
    const doctor = practitionerRoleOf(ids.doctor, {
      role: 'doctor',
      region,
      organisation: 'KZ-35/POLY-3',
    });
    const auditor = practitionerRoleOf(ids.doctor, { role: 'auditor', region, organisation: null });
    for (const role of [doctor, auditor]) assert.deepEqual(validateFhir(role), []);
    assert.equal(doctor.organization?.reference, 'Organization/KZ-35-POLY-3');
    assert.equal(auditor.organization, undefined);
    assert.deepEqual(doctor.code?.[0]?.coding, [{ system: OPS_CODE_SYSTEM.role, code: 'doctor' }]);
    assert.deepEqual(auditor.extension?.[0]?.valueCoding, {
      system: IDENTIFIER_SYSTEM.iso3166part2,
      code: 'KZ-35',
    });
    assert.notEqual(doctor.id, auditor.id);
    assert.equal(
      doctor.id,
      practitionerRoleIdOf(ids.doctor, { role: 'doctor', region, organisation: 'KZ-35/POLY-3' }),
    );
    assert.match(doctor.id ?? '', /^[A-Za-z0-9.-]{1,64}$/);
  });
});
