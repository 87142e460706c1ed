/**
 * MedicationDispense from the dispensing ledger: a dispense (status `completed`) and a
 * deferral — deferred service while the pharmacy has no stock (docs/adr/0014).
 *
 * R4's MedicationDispense has no batch and no `performer.onBehalfOf` (STU3 had one): the lot
 * and expiry sit on a contained Medication, and the pharmacy is a second performer beside
 * the pharmacist.
 */
import type { Deferral, Dispense, Prescription } from '../../ops/clinical.ts';
import { medicationConceptOf } from './medication.ts';
import {
  OPS_EXT,
  OPS_SYSTEM,
  organizationReference,
  patientReference,
  practitionerReference,
} from './systems.ts';
import type { Extension, Medication, MedicationDispense } from './types.ts';

type DispenseStatus = MedicationDispense['status'];

/**
 * A deferral by R4's medicationdispense-status: open is `on-hold` ("paused while waiting for
 * an external event … new stock has arrived"), served is `completed` ("picked up" — by the
 * dispense that served it, which is its own MedicationDispense with the quantity; the
 * deferral carries none), cancelled is `cancelled` ("not and will never be picked up").
 */
export const DEFERRAL_STATUS: Record<Deferral['status'], DispenseStatus> = {
  open: 'on-hold',
  served: 'completed',
  cancelled: 'cancelled',
};

const MEDICATION_ID = 'medication';

function containedMedication(
  prescription: Prescription,
  batch: { lotNumber: string; expirationDate: string } | null,
): Medication {
  const { product } = prescription;
  return {
    resourceType: 'Medication',
    id: MEDICATION_ID,
    code: medicationConceptOf(product),
    ...(product.form === null ? {} : { form: { text: product.form } }),
    ...(batch === null ? {} : { batch }),
  };
}

/** What every MedicationDispense of a prescription shares. */
function common(
  id: string,
  prescription: Prescription,
  pharmacist: string,
  pharmacy: string,
  batch: { lotNumber: string; expirationDate: string } | null,
) {
  return {
    resourceType: 'MedicationDispense' as const,
    id,
    contained: [containedMedication(prescription, batch)],
    medicationReference: { reference: `#${MEDICATION_ID}` },
    subject: patientReference(prescription.patientId),
    performer: [
      { actor: practitionerReference(pharmacist) },
      { actor: organizationReference(pharmacy) },
    ],
    authorizingPrescription: [{ reference: `MedicationRequest/${prescription.id}` }],
  };
}

function assertSamePrescription(prescriptionId: string, prescription: Prescription): void {
  if (prescriptionId !== prescription.id) {
    throw new Error(`a record of prescription ${prescriptionId} mapped with ${prescription.id}`);
  }
}

export function medicationDispenseOf(
  dispense: Dispense,
  prescription: Prescription,
): MedicationDispense {
  assertSamePrescription(dispense.prescriptionId, prescription);
  const units = (value: number) => ({ value, unit: prescription.unit });
  return {
    ...common(dispense.id, prescription, dispense.pharmacist, dispense.pharmacy, {
      lotNumber: dispense.lot,
      expirationDate: dispense.expiry,
    }),
    extension: [
      basisExtension(dispense.basis),
      { url: OPS_EXT.remaining, valueQuantity: units(dispense.remaining) },
    ],
    status: 'completed',
    quantity: units(dispense.quantity),
    whenHandedOver: dispense.dispensedOn,
  };
}

function basisExtension(basis: Dispense['basis']): Extension {
  return {
    url: OPS_EXT.dispenseBasis,
    extension: [
      { url: 'kind', valueCode: basis.kind },
      { url: 'status', valueCode: basis.status },
      ...(basis.kind === 'excluded_after_issue'
        ? [{ url: 'policy', valueCode: basis.policy }]
        : []),
    ],
  };
}

export function deferralDispenseOf(
  deferral: Deferral,
  prescription: Prescription,
): MedicationDispense {
  assertSamePrescription(deferral.prescriptionId, prescription);
  const status = DEFERRAL_STATUS[deferral.status];
  return {
    ...common(deferral.id, prescription, deferral.pharmacist, deferral.pharmacy, null),
    extension: [
      {
        url: OPS_EXT.deferral,
        extension: [
          { url: 'recordedOn', valueDate: deferral.recordedOn },
          { url: 'dueOn', valueDate: deferral.dueOn },
          { url: 'urgent', valueBoolean: deferral.urgent },
          { url: 'status', valueCode: deferral.status },
        ],
      },
    ],
    status,
    // Deferred service is what a pharmacy records when it has the medicine out of stock.
    statusReasonCodeableConcept: {
      coding: [{ system: OPS_SYSTEM.dispenseStatusReason, code: 'outofstock' }],
    },
  };
}
