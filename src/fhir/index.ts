/**
 * The FHIR R4 mapping layer: pure functions from tegin's domain to FHIR JSON
 * and back (the `$evaluate` request), for the HTTP layer to serve. No I/O;
 * docs/adr/0006-fhir-mapping.md has the mapping and its reasons.
 */
export { searchsetBundleOf, type SearchEntry } from './bundle.ts';
export { capabilityStatementOf } from './capability-statement.ts';
export {
  coverageEligibilityResponseOf,
  STATUS_LABELS,
  type ResponseOptions,
} from './coverage-eligibility.ts';
export { CODE_SYSTEM, DAVINCI, EXT, IDENTIFIER_SYSTEM, SYSTEM } from './extensions.ts';
export { formularyItemOf, type FormularyItemInput } from './formulary-item.ts';
export { formularyOf, type Formulary } from './formulary.ts';
export { formularyItemId, listKey, listTextId, type ListTextKey } from './ids.ts';
export { insurancePlanOf } from './insurance-plan.ts';
export { hasMedicationKnowledge, medicationKnowledgeOf } from './medication-knowledge.ts';
export { operationOutcomeOf, ISSUE_TYPES, type OutcomeIssue } from './operation-outcome.ts';
export {
  fhirIssuesOf,
  patientInputFromCoverageEligibilityRequest,
  resolveCoverageEligibilityRequest,
  type PatientInputResult,
  type RequestOptions,
  type ResolvedRequest,
} from './patient-input.ts';
export type { FhirIssue, FhirOptions } from './types.ts';
