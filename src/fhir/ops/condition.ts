/**
 * Condition from a dispensary registration: the disease (ICD-10) the patient is on the
 * register for, as a problem-list item with tegin's category `dispensary-registration`.
 *
 * The Condition speaks of the disease; the registration's own life (organisation, first and
 * last day, conclusion, why it closed) rides in the `dispensary-register-entry` extension.
 * So only a reason that says something about the disease changes the clinical status
 * (recovered → resolved, remission → remission, with `abatementDateTime` the last day on the
 * register); a patient who moved, was transferred, died or left for another reason still had
 * the disease when the entry closed, so it stays `active` (R4 con-4 allows an abatement only
 * beside inactive|resolved|remission). An entry made in error is `entered-in-error` and has
 * no clinical status (con-5).
 */
import type { DeregistrationReason, DispensaryRegistration } from '../../ops/clinical.ts';
import { icd10Coding } from '../elements.ts';
import {
  OPS_CODE_SYSTEM,
  OPS_EXT,
  OPS_SYSTEM,
  organizationReference,
  patientReference,
  practitionerReference,
} from './systems.ts';
import type { CodeableConcept, Condition, Extension } from './types.ts';

export type ClinicalStatus = 'active' | 'resolved' | 'remission';

/** The clinical status after each deregistration reason; null: none (entered in error). */
export const CLINICAL_STATUS_AFTER: Record<DeregistrationReason, ClinicalStatus | null> = {
  recovered: 'resolved',
  remission: 'remission',
  died: 'active',
  moved: 'active',
  transferred: 'active',
  other: 'active',
  entered_in_error: null,
};

const concept = (system: string, code: string): CodeableConcept => ({
  coding: [{ system, code }],
});

export function conditionOf(registration: DispensaryRegistration): Condition {
  const reason = registration.deregistration?.reason ?? null;
  const clinical = reason === null ? 'active' : CLINICAL_STATUS_AFTER[reason];
  const verification =
    reason === 'entered_in_error'
      ? 'entered-in-error'
      : registration.confirmed
        ? 'confirmed'
        : 'provisional';
  const abated = clinical === 'resolved' || clinical === 'remission';
  return {
    resourceType: 'Condition',
    id: registration.id,
    extension: [registerEntryExtension(registration)],
    ...(clinical === null
      ? {}
      : { clinicalStatus: concept(OPS_SYSTEM.conditionClinical, clinical) }),
    verificationStatus: concept(OPS_SYSTEM.conditionVerification, verification),
    category: [
      concept(OPS_CODE_SYSTEM.conditionCategory, 'dispensary-registration'),
      concept(OPS_SYSTEM.conditionCategory, 'problem-list-item'),
    ],
    code: { coding: [icd10Coding(registration.icd10)] },
    subject: patientReference(registration.patientId),
    ...(abated && registration.to !== null ? { abatementDateTime: registration.to } : {}),
    // The day the patient went on the register, not the onset of the disease (unknown here).
    recordedDate: registration.from,
    recorder: practitionerReference(registration.specialist),
  };
}

function registerEntryExtension(registration: DispensaryRegistration): Extension {
  const closed = registration.deregistration;
  return {
    url: OPS_EXT.registerEntry,
    extension: [
      { url: 'organization', valueReference: organizationReference(registration.organisation) },
      {
        url: 'period',
        valuePeriod: {
          start: registration.from,
          ...(registration.to === null ? {} : { end: registration.to }),
        },
      },
      { url: 'basis', valueString: registration.basis },
      ...(closed === null
        ? []
        : [
            { url: 'deregistrationReason', valueCode: closed.reason },
            ...(closed.note === null
              ? []
              : [{ url: 'deregistrationNote', valueString: closed.note }]),
            { url: 'deregisteredBy', valueReference: practitionerReference(closed.by) },
          ]),
    ],
  };
}
