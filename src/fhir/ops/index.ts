/**
 * FHIR R4 for the operations layer: pure mappings from the operations records (patients,
 * organisations, staff, registrations, prescriptions, dispenses, deferrals, audit records)
 * and the search helpers the HTTP routes call. docs/adr/0014-fhir-operations.md has the
 * mapping and its reasons.
 */
export {
  AUDIT_EVENT_KINDS,
  AUDIT_EVENT_OUTCOME,
  auditEventOf,
  type AuditedAction,
} from './audit-event.ts';
export { operationsCapabilityResources } from './capability.ts';
export { CLINICAL_STATUS_AFTER, conditionOf } from './condition.ts';
export {
  DEFERRAL_STATUS,
  deferralDispenseOf,
  medicationDispenseOf,
} from './medication-dispense.ts';
export { MEDICATION_REQUEST_STATUS, medicationRequestOf } from './medication-request.ts';
export {
  organizationOf,
  practitionerOf,
  practitionerRoleIdOf,
  practitionerRoleOf,
  type StaffFacts,
} from './organization.ts';
export { patientOf } from './patient.ts';
export {
  COUNT_DEFAULT,
  COUNT_MAX,
  SEARCH_PARAMS,
  SEARCH_TYPES,
  type SearchType,
} from './search-params.ts';
export {
  matchesDateBounds,
  modelValuesOf,
  parseSearch,
  searchOutcomeOf,
  type DateBound,
  type SearchInput,
  type SearchParams,
  type SearchParse,
  type SearchQuery,
} from './search.ts';
export { searchsetOf, searchUrlOf } from './searchset.ts';
export {
  OPS_CODE_SYSTEM,
  OPS_EXT,
  OPS_IDENTIFIER_SYSTEM,
  OPS_SYSTEM,
  organizationIdOf,
  organizationReference,
  patientReference,
  practitionerReference,
} from './systems.ts';
