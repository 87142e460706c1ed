/**
 * The FHIR R4 types the operations mappings use, types only (@medplum/fhirtypes), beside
 * those `src/fhir/types.ts` already names.
 */
export type {
  AuditEvent,
  AuditEventAgent,
  AuditEventEntity,
  Condition,
  Medication,
  MedicationDispense,
  MedicationRequest,
  Organization,
  Practitioner,
  PractitionerRole,
  Quantity,
} from '@medplum/fhirtypes';
export type {
  Bundle,
  CapabilityStatement,
  CodeableConcept,
  Coding,
  Extension,
  Identifier,
  OperationOutcome,
  Patient,
  Period,
  Reference,
  Resource,
} from '../types.ts';
