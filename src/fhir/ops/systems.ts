/**
 * The URLs the operations resources use (docs/adr/0014-fhir-operations.md): tegin's own
 * extensions, code systems and identifier systems, built on the bases of
 * `src/fhir/extensions.ts`, and the HL7, DICOM and ISO systems they borrow. One comment each
 * says where it sits and what it carries. References by internal id live here too, so every
 * resource points at another the same way.
 */
import { TEGIN_CODE_SYSTEM_BASE, TEGIN_EXTENSION_BASE } from '../extensions.ts';
import { safeId } from '../ids.ts';
import type { Organization, Patient, Practitioner, Reference } from './types.ts';

const ext = <N extends string>(name: N) => `${TEGIN_EXTENSION_BASE}${name}` as const;
const cs = <N extends string>(name: N) => `${TEGIN_CODE_SYSTEM_BASE}${name}` as const;

export const OPS_EXT = {
  /**
   * Patient, 0..*: one period of attachment to a primary-care organisation. Complex:
   * `organization` (Reference), `period` (Period; `end` is the last day attached, inclusive as
   * FHIR reads it — the model's exclusive `to` minus one day; absent while open).
   */
  attachment: ext('attachment'),
  /** Patient.name.given[1] (on `_given`): this given name is the patronymic (valueBoolean true). */
  patronymic: ext('patronymic'),
  /** PractitionerRole: the region the grant holds (valueCoding, urn:iso:std:iso:3166:-2). */
  region: ext('region'),
  /**
   * Condition: the entry on the dispensary register. Complex: `organization` (Reference, the
   * organisation that keeps it), `period` (Period: first and last day on the register),
   * `basis` (string: the specialist's conclusion), `deregistrationReason` (code, the model's
   * reason), `deregistrationNote` (string), `deregisteredBy` (Reference Practitioner).
   */
  registerEntry: ext('dispensary-register-entry'),
  /** MedicationRequest: the prescriber's organisation (valueReference Organization). */
  prescriberOrganization: ext('prescriber-organization'),
  /** MedicationRequest.medicationCodeableConcept: the dose form as prescribed (valueString). */
  doseForm: ext('dose-form'),
  /**
   * MedicationRequest: the legal basis frozen at issue. Complex: `region` (Coding),
   * `status` (code: the engine's verdict), `item` (string), the `citation` extension of
   * src/fhir/extensions.ts (absolute URL), `explanation` (string with translations),
   * `registryVersion` (string), `registration` (Reference Condition), `commissionDecision`
   * (Identifier, urn:tegin:commission-decision), `parameter` 0..* (complex: `name`, `value`
   * (string or integer), `from` (date), `status` (code law|reported|default), `source`).
   */
  legalBasis: ext('legal-basis'),
  /**
   * MedicationRequest: tegin's signature over its canonical payload (which includes the
   * patient's IIN, so it is checked offline against the identity document). Complex:
   * `algorithm` (code Ed25519), `keyId` (string), `value` (string, base64url).
   */
  signature: ext('prescription-signature'),
  /** MedicationRequest: cancellation. Complex: `at` (dateTime), `by` (Reference Practitioner). */
  cancellation: ext('cancellation'),
  /** MedicationRequest: quantity dispensed so far (valueQuantity). */
  dispensed: ext('dispensed'),
  /**
   * MedicationDispense: why the dispense was free on its day. Complex: `kind` (code
   * in_force|excluded_after_issue), `status` (code: the engine's verdict on the day),
   * `policy` (code honour_until_expiry, when excluded after issue).
   */
  dispenseBasis: ext('dispense-basis'),
  /** MedicationDispense: what is left to dispense after this one (valueQuantity). */
  remaining: ext('remaining'),
  /**
   * MedicationDispense of a deferral (deferred service): complex `recordedOn` (date),
   * `dueOn` (date), `urgent` (boolean), `status` (code open|served|cancelled).
   */
  deferral: ext('deferral'),
  /**
   * AuditEvent: the record in tegin's hash chain. Complex: `sequence` (string of decimal
   * digits: R4 integers are 32-bit), `prevHash`, `hash` (string, SHA-256 hex), `outcome`
   * (code allowed|refused|failed), `detail` (string), `requestId` (string).
   */
  auditChain: ext('audit-chain'),
} as const;

export const OPS_CODE_SYSTEM = {
  /** Organization.type: polyclinic|hospital_with_commission|pharmacy (the model's kinds). */
  organisationKind: cs('organisation-kind'),
  /** PractitionerRole.code, AuditEvent.agent.role: region_admin|doctor|commission_member|pharmacist|auditor|operator. */
  role: cs('role'),
  /** Condition.category: `dispensary-registration`. */
  conditionCategory: cs('condition-category'),
  /** MedicationRequest.statusReason: `expired` (the validity window passed). */
  prescriptionStatusReason: cs('prescription-status-reason'),
  /** AuditEvent.subtype: tegin's action string (`patient.read`, `auth.login`). */
  auditAction: cs('audit-action'),
} as const;

/** Identifier systems (URNs, as `src/fhir/extensions.ts` names tegin's own). */
export const OPS_IDENTIFIER_SYSTEM = {
  /** An organisation: `KZ-27/POLY-1` (region/code, docs/adr/0011). */
  organisation: 'urn:tegin:organisation',
  /** A prescription's number: `KZ-35-2026-000042`. */
  prescription: 'urn:tegin:prescription',
  /** A commission (ДКК/ВКК) decision, by its internal id (no FHIR resource carries it yet). */
  commissionDecision: 'urn:tegin:commission-decision',
  /** The local operator (CLI) in the audit: `cli`. */
  operator: 'urn:tegin:operator',
} as const;

/** HL7, DICOM and ISO systems the operations resources borrow. */
export const OPS_SYSTEM = {
  v2IdentifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  patientCitizenship: 'http://hl7.org/fhir/StructureDefinition/patient-citizenship',
  iso3166: 'urn:iso:std:iso:3166',
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  courseOfTherapy: 'http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy',
  ucum: 'http://unitsofmeasure.org',
  dispenseStatusReason:
    'http://terminology.hl7.org/fhir/CodeSystem/medicationdispense-status-reason',
  dicom: 'http://dicom.nema.org/resources/ontology/DCM',
  auditEventType: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  restfulInteraction: 'http://hl7.org/fhir/restful-interaction',
  auditEntityType: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
  objectRole: 'http://terminology.hl7.org/CodeSystem/object-role',
  actReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  securitySourceType: 'http://terminology.hl7.org/CodeSystem/security-source-type',
  extraSecurityRoleType: 'http://terminology.hl7.org/CodeSystem/extra-security-role-type',
} as const;

/** The Organization id of `KZ-27/POLY-1`: `KZ-27-POLY-1` (one-to-one: a region is always `KZ-NN`). */
export function organizationIdOf(organisation: string): string {
  return safeId(organisation);
}

export function patientReference(patientId: string): Reference<Patient> {
  return { reference: `Patient/${patientId}` };
}

export function practitionerReference(accountId: string): Reference<Practitioner> {
  return { reference: `Practitioner/${accountId}` };
}

/** A reference to an organisation that also carries its `KZ-NN/CODE` identifier. */
export function organizationReference(organisation: string): Reference<Organization> {
  return {
    reference: `Organization/${organizationIdOf(organisation)}`,
    identifier: { system: OPS_IDENTIFIER_SYSTEM.organisation, value: organisation },
  };
}
