/**
 * MedicationRequest from a prescription (docs/adr/0014-fhir-operations.md). The patient is a
 * reference by internal id: the IIN the signature covers is never inlined. The frozen legal
 * basis and the signature are extensions (no Provenance: the signature is over tegin's
 * canonical payload, not over this FHIR representation, so R4's `Signature` would claim what
 * it is not).
 */
import type { Lang } from '../../domain/text.ts';
import type { FrozenBasis, Prescription, PrescriptionStatus } from '../../ops/clinical.ts';
import { citationExtension, icd10Coding } from '../elements.ts';
import { IDENTIFIER_SYSTEM } from '../extensions.ts';
import { DEFAULT_LANG, textExtension } from '../text.ts';
import { medicationConceptOf } from './medication.ts';
import {
  OPS_CODE_SYSTEM,
  OPS_EXT,
  OPS_IDENTIFIER_SYSTEM,
  OPS_SYSTEM,
  organizationReference,
  patientReference,
  practitionerReference,
} from './systems.ts';
import type { Extension, MedicationRequest } from './types.ts';

type RequestStatus = NonNullable<MedicationRequest['status']>;

/**
 * R4 medicationrequest-status. An expired prescription is `stopped` ("permanently halted,
 * before all of the administrations occurred") with statusReason `expired`: R4 has no
 * expired, and `completed` would say everything was dispensed.
 */
export const MEDICATION_REQUEST_STATUS: Record<PrescriptionStatus, RequestStatus> = {
  active: 'active',
  completed: 'completed',
  cancelled: 'cancelled',
  expired: 'stopped',
};

export function medicationRequestOf(
  prescription: Prescription,
  lang: Lang = DEFAULT_LANG,
): MedicationRequest {
  const p = prescription;
  const units = (value: number) => ({ value, unit: p.unit });
  return {
    resourceType: 'MedicationRequest',
    id: p.id,
    language: lang,
    extension: [
      {
        url: OPS_EXT.prescriberOrganization,
        valueReference: organizationReference(p.organisation),
      },
      legalBasisExtension(p.basis, lang),
      {
        url: OPS_EXT.signature,
        extension: [
          { url: 'algorithm', valueCode: p.signature.algorithm },
          { url: 'keyId', valueString: p.signature.keyId },
          { url: 'value', valueString: p.signature.value },
        ],
      },
      ...(p.cancellation === null
        ? []
        : [
            {
              url: OPS_EXT.cancellation,
              extension: [
                { url: 'at', valueDateTime: p.cancellation.at },
                { url: 'by', valueReference: practitionerReference(p.cancellation.by) },
              ],
            },
          ]),
      { url: OPS_EXT.dispensed, valueQuantity: units(p.dispensed) },
    ],
    identifier: [{ system: OPS_IDENTIFIER_SYSTEM.prescription, value: p.number }],
    status: MEDICATION_REQUEST_STATUS[p.status],
    ...statusReasonOf(p),
    intent: 'order',
    medicationCodeableConcept: {
      ...medicationConceptOf(p.product),
      ...(p.product.form === null
        ? {}
        : { extension: [{ url: OPS_EXT.doseForm, valueString: p.product.form }] }),
    },
    subject: patientReference(p.patientId),
    authoredOn: p.issuedOn,
    requester: practitionerReference(p.prescriber),
    reasonCode: [{ coding: [icd10Coding(p.icd10)] }],
    ...(p.continuous
      ? {
          courseOfTherapyType: {
            coding: [{ system: OPS_SYSTEM.courseOfTherapy, code: 'continuous' }],
          },
        }
      : {}),
    dosageInstruction: [{ text: p.dosing }],
    dispenseRequest: {
      validityPeriod: { start: p.validFrom, end: p.validTo },
      quantity: units(p.quantity),
      expectedSupplyDuration: {
        value: p.daysOfSupply,
        unit: 'days',
        system: OPS_SYSTEM.ucum,
        code: 'd',
      },
    },
  };
}

function statusReasonOf(p: Prescription): Pick<MedicationRequest, 'statusReason'> {
  if (p.status === 'cancelled' && p.cancellation !== null) {
    return { statusReason: { text: p.cancellation.reason } };
  }
  if (p.status === 'expired') {
    return {
      statusReason: {
        coding: [{ system: OPS_CODE_SYSTEM.prescriptionStatusReason, code: 'expired' }],
        text: `expired after ${p.validTo}`,
      },
    };
  }
  return {};
}

function legalBasisExtension(basis: FrozenBasis, lang: Lang): Extension {
  return {
    url: OPS_EXT.legalBasis,
    extension: [
      {
        url: 'region',
        valueCoding: { system: IDENTIFIER_SYSTEM.iso3166part2, code: basis.region },
      },
      { url: 'status', valueCode: basis.status },
      { url: 'item', valueString: basis.item },
      citationExtension(basis.citation, lang),
      textExtension('explanation', basis.explanation, lang),
      { url: 'registryVersion', valueString: basis.registryVersion },
      ...(basis.facts.registration === null
        ? []
        : [
            {
              url: 'registration',
              valueReference: { reference: `Condition/${basis.facts.registration}` },
            },
          ]),
      ...(basis.facts.commissionDecision === null
        ? []
        : [
            {
              url: 'commissionDecision',
              valueIdentifier: {
                system: OPS_IDENTIFIER_SYSTEM.commissionDecision,
                value: basis.facts.commissionDecision,
              },
            },
          ]),
      ...basis.parameters.map((parameter) => ({
        url: 'parameter',
        extension: [
          { url: 'name', valueString: parameter.name },
          parameterValue(parameter.value),
          { url: 'from', valueDate: parameter.from },
          { url: 'status', valueCode: parameter.status },
          { url: 'source', valueString: parameter.source },
        ],
      })),
    ],
  };
}

/** R4 integers are whole numbers; a fractional parameter would need a decimal. */
function parameterValue(value: number | string): Extension {
  if (typeof value === 'string') return { url: 'value', valueString: value };
  return Number.isInteger(value)
    ? { url: 'value', valueInteger: value }
    : { url: 'value', valueDecimal: value };
}
