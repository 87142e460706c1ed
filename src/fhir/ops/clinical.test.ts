/**
 * Condition, MedicationRequest and MedicationDispense from the clinical records: valid R4 for
 * every status and deregistration reason, each mapped by the R4 value sets.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateFhir } from '../../../test/support/fhir-validator.ts';
import {
  deferral,
  dispense,
  ids,
  prescription,
  registration,
} from '../../../test/support/ops-fixtures.ts';
import { isoDate } from '../../domain/date.ts';
import {
  DEREGISTRATION_REASONS,
  PRESCRIPTION_STATUSES,
  type Prescription,
} from '../../ops/clinical.ts';
import { EXT, SYSTEM } from '../extensions.ts';
import { conditionOf } from './condition.ts';
import { deferralDispenseOf, medicationDispenseOf } from './medication-dispense.ts';
import { medicationRequestOf } from './medication-request.ts';
import { OPS_EXT, OPS_IDENTIFIER_SYSTEM } from './systems.ts';
import type { Extension, Medication } from './types.ts';

const sub = (extension: Extension | undefined, url: string) =>
  extension?.extension?.find((e) => e.url === url);

describe('Condition from a dispensary registration', () => {
  it('is an active, confirmed problem-list item while registered, recorded on the day registered', () => {
    const condition = conditionOf(registration);
    assert.deepEqual(validateFhir(condition), []);
    assert.equal(condition.clinicalStatus?.coding?.[0]?.code, 'active');
    assert.equal(condition.verificationStatus?.coding?.[0]?.code, 'confirmed');
    assert.deepEqual(
      condition.category?.map((c) => c.coding?.[0]?.code),
      ['dispensary-registration', 'problem-list-item'],
    );
    assert.deepEqual(condition.code?.coding, [{ system: SYSTEM.icd10, code: 'E11.9' }]);
    assert.equal(condition.subject.reference, `Patient/${ids.patient}`);
    assert.equal(condition.recorder?.reference, `Practitioner/${ids.doctor}`);
    assert.equal(condition.recordedDate, '2025-02-05');
    assert.equal(condition.abatementDateTime, undefined);
    const entry = condition.extension?.find((e) => e.url === OPS_EXT.registerEntry);
    assert.equal(sub(entry, 'basis')?.valueString, registration.basis);
    assert.deepEqual(sub(entry, 'period')?.valuePeriod, { start: '2025-02-05' });
  });

  it('is provisional when the conclusion does not confirm the diagnosis', () => {
    const condition = conditionOf({ ...registration, confirmed: false });
    assert.equal(condition.verificationStatus?.coding?.[0]?.code, 'provisional');
  });

  const expected = {
    recovered: { clinical: 'resolved', verification: 'confirmed', abated: true },
    remission: { clinical: 'remission', verification: 'confirmed', abated: true },
    died: { clinical: 'active', verification: 'confirmed', abated: false },
    moved: { clinical: 'active', verification: 'confirmed', abated: false },
    transferred: { clinical: 'active', verification: 'confirmed', abated: false },
    other: { clinical: 'active', verification: 'confirmed', abated: false },
    entered_in_error: { clinical: undefined, verification: 'entered-in-error', abated: false },
  } as const;

  for (const reason of DEREGISTRATION_REASONS) {
    it(`after deregistration as ${reason}: ${expected[reason].clinical ?? 'no clinical status'}, ${expected[reason].verification}`, () => {
      const condition = conditionOf({
        ...registration,
        to: isoDate('2026-01-31'),
        deregistration: { reason, note: 'closed by the district doctor', by: ids.doctor },
      });
      assert.deepEqual(validateFhir(condition), []);
      assert.equal(condition.clinicalStatus?.coding?.[0]?.code, expected[reason].clinical);
      assert.equal(condition.verificationStatus?.coding?.[0]?.code, expected[reason].verification);
      assert.equal(condition.abatementDateTime, expected[reason].abated ? '2026-01-31' : undefined);
      const entry = condition.extension?.find((e) => e.url === OPS_EXT.registerEntry);
      assert.equal(sub(entry, 'deregistrationReason')?.valueCode, reason);
      assert.deepEqual(sub(entry, 'period')?.valuePeriod, {
        start: '2025-02-05',
        end: '2026-01-31',
      });
      assert.equal(
        sub(entry, 'deregisteredBy')?.valueReference?.reference,
        `Practitioner/${ids.doctor}`,
      );
    });
  }
});

describe('MedicationRequest from a prescription', () => {
  const request = medicationRequestOf(prescription);

  it('is a valid order with its number, medicine, reason, dosing and dispense request', () => {
    assert.deepEqual(validateFhir(request), []);
    assert.equal(request.intent, 'order');
    assert.deepEqual(request.identifier, [
      { system: OPS_IDENTIFIER_SYSTEM.prescription, value: 'KZ-35-2026-000042' },
    ]);
    assert.deepEqual(request.medicationCodeableConcept, {
      coding: [{ system: SYSTEM.atc, code: 'A10BA02' }],
      text: 'metformin',
      extension: [{ url: OPS_EXT.doseForm, valueString: 'tablets 500 mg' }],
    });
    assert.equal(request.subject.reference, `Patient/${ids.patient}`);
    assert.equal(request.requester?.reference, `Practitioner/${ids.doctor}`);
    assert.equal(request.authoredOn, '2026-03-02');
    assert.deepEqual(request.reasonCode, [{ coding: [{ system: SYSTEM.icd10, code: 'E11.9' }] }]);
    assert.deepEqual(request.dosageInstruction, [{ text: '500 mg twice a day with meals' }]);
    assert.deepEqual(request.dispenseRequest, {
      validityPeriod: { start: '2026-03-02', end: '2026-03-31' },
      quantity: { value: 3, unit: 'pack' },
      expectedSupplyDuration: {
        value: 90,
        unit: 'days',
        system: 'http://unitsofmeasure.org',
        code: 'd',
      },
    });
    assert.equal(request.courseOfTherapyType?.coding?.[0]?.code, 'continuous');
  });

  it('has no course of therapy when the prescription is not continuous, and a medicine without ATC by its name', () => {
    const device = medicationRequestOf({
      ...prescription,
      continuous: false,
      product: { inn: null, name: 'test strips', form: null, atc: null },
    });
    assert.deepEqual(validateFhir(device), []);
    assert.equal(device.courseOfTherapyType, undefined);
    assert.deepEqual(device.medicationCodeableConcept, { text: 'test strips' });
  });

  it('carries the frozen legal basis: region, verdict, item, citation in three languages, registry version, facts and parameters', () => {
    const basis = request.extension?.find((e) => e.url === OPS_EXT.legalBasis);
    assert.equal(sub(basis, 'status')?.valueCode, 'entitled');
    assert.equal(sub(basis, 'item')?.valueString, prescription.basis.item);
    assert.equal(sub(basis, 'registryVersion')?.valueString, 'reg-2026-03-01-abc123');
    assert.equal(
      sub(basis, 'registration')?.valueReference?.reference,
      `Condition/${ids.registration}`,
    );
    assert.equal(sub(basis, 'commissionDecision')?.valueIdentifier?.value, ids.decision);
    const citation = sub(basis, EXT.citation);
    const text = sub(citation, 'text');
    assert.equal(text?.valueString, prescription.basis.citation.text.kk);
    const translations = (text as { _valueString?: Extension })._valueString?.extension?.map((t) =>
      t.extension?.map((e) => e.valueCode ?? e.valueString),
    );
    assert.deepEqual(translations, [
      ['ru', prescription.basis.citation.text.ru],
      ['en', prescription.basis.citation.text.en],
    ]);
    const parameters = basis?.extension?.filter((e) => e.url === 'parameter');
    assert.deepEqual(
      parameters?.map((p) => [
        sub(p, 'name')?.valueString,
        sub(p, 'value')?.valueInteger ?? sub(p, 'value')?.valueString,
      ]),
      [
        ['validityDays', 30],
        ['excludedItemPolicy', 'honour_until_expiry'],
      ],
    );
  });

  it('carries the signature key id and value, and the quantity dispensed', () => {
    const signature = request.extension?.find((e) => e.url === OPS_EXT.signature);
    assert.equal(sub(signature, 'algorithm')?.valueCode, 'Ed25519');
    assert.equal(sub(signature, 'keyId')?.valueString, 'kz35-2026-01');
    assert.equal(sub(signature, 'value')?.valueString, prescription.signature.value);
    assert.deepEqual(request.extension?.find((e) => e.url === OPS_EXT.dispensed)?.valueQuantity, {
      value: 1,
      unit: 'pack',
    });
  });

  const cancellation = {
    at: '2026-03-05T11:00:00.000Z',
    by: ids.doctor,
    reason: 'allergy reported',
  };
  const expected = {
    active: { status: 'active', reason: undefined },
    completed: { status: 'completed', reason: undefined },
    cancelled: { status: 'cancelled', reason: 'allergy reported' },
    expired: { status: 'stopped', reason: 'expired' },
  } as const;
  for (const status of PRESCRIPTION_STATUSES) {
    it(`maps a ${status} prescription to ${expected[status].status}`, () => {
      const p: Prescription = {
        ...prescription,
        status,
        cancellation: status === 'cancelled' ? cancellation : null,
      };
      const resource = medicationRequestOf(p);
      assert.deepEqual(validateFhir(resource), []);
      assert.equal(resource.status, expected[status].status);
      const reason = resource.statusReason;
      assert.equal(reason?.coding?.[0]?.code ?? reason?.text, expected[status].reason);
      const cancelled = resource.extension?.find((e) => e.url === OPS_EXT.cancellation);
      assert.equal(
        sub(cancelled, 'by')?.valueReference?.reference,
        status === 'cancelled' ? `Practitioner/${ids.doctor}` : undefined,
      );
    });
  }
});

describe('MedicationDispense from the ledger', () => {
  it('is a completed dispense of the prescription, with the lot and expiry on a contained Medication', () => {
    const resource = medicationDispenseOf(dispense, prescription);
    assert.deepEqual(validateFhir(resource), []);
    assert.equal(resource.status, 'completed');
    assert.deepEqual(resource.authorizingPrescription, [
      { reference: `MedicationRequest/${ids.prescription}` },
    ]);
    assert.equal(resource.subject?.reference, `Patient/${ids.patient}`);
    assert.deepEqual(
      resource.performer?.map((p) => p.actor.reference),
      [`Practitioner/${ids.pharmacist}`, 'Organization/KZ-35-PH-12'],
    );
    assert.deepEqual(resource.quantity, { value: 1, unit: 'pack' });
    assert.equal(resource.whenHandedOver, '2026-03-04');
    assert.equal(resource.medicationReference?.reference, '#medication');
    const medication = resource.contained?.[0] as Medication;
    assert.deepEqual(medication.batch, { lotNumber: 'MF2409-17', expirationDate: '2027-09-30' });
    assert.deepEqual(medication.form, { text: 'tablets 500 mg' });
    assert.equal(medication.code?.coding?.[0]?.code, 'A10BA02');
    const basis = resource.extension?.find((e) => e.url === OPS_EXT.dispenseBasis);
    assert.deepEqual(basis?.extension, [
      { url: 'kind', valueCode: 'in_force' },
      { url: 'status', valueCode: 'entitled' },
    ]);
  });

  it('records the policy when the item was excluded after the prescription was issued', () => {
    const resource = medicationDispenseOf(
      {
        ...dispense,
        basis: {
          kind: 'excluded_after_issue',
          policy: 'honour_until_expiry',
          status: 'not_entitled',
        },
      },
      prescription,
    );
    assert.deepEqual(validateFhir(resource), []);
    const basis = resource.extension?.find((e) => e.url === OPS_EXT.dispenseBasis);
    assert.equal(sub(basis, 'kind')?.valueCode, 'excluded_after_issue');
    assert.equal(sub(basis, 'policy')?.valueCode, 'honour_until_expiry');
    assert.equal(sub(basis, 'status')?.valueCode, 'not_entitled');
  });

  it('refuses to map a dispense with another prescription (a bug in the caller)', () => {
    assert.throws(() =>
      medicationDispenseOf({ ...dispense, prescriptionId: ids.deferral }, prescription),
    );
  });

  const expected = { open: 'on-hold', served: 'completed', cancelled: 'cancelled' } as const;
  for (const status of ['open', 'served', 'cancelled'] as const) {
    it(`maps a ${status} deferral to ${expected[status]}, out of stock, with no quantity`, () => {
      const resource = deferralDispenseOf({ ...deferral, status }, prescription);
      assert.deepEqual(validateFhir(resource), []);
      assert.equal(resource.status, expected[status]);
      assert.equal(resource.statusReasonCodeableConcept?.coding?.[0]?.code, 'outofstock');
      assert.equal(resource.quantity, undefined);
      const ext = resource.extension?.find((e) => e.url === OPS_EXT.deferral);
      assert.equal(sub(ext, 'dueOn')?.valueDate, '2026-03-18');
      assert.equal(sub(ext, 'status')?.valueCode, status);
      assert.equal((resource.contained?.[0] as Medication).batch, undefined);
    });
  }
});
