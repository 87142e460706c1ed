/**
 * FHIR R4 types (from @medplum/fhirtypes, types only: nothing of it runs) and
 * the few types the mapping layer adds: options every mapping takes, and
 * issues located by a FHIR path.
 */
import type { IssueCode } from '../domain/issues.ts';
import type { Lang } from '../domain/text.ts';

export type {
  Basic,
  Bundle,
  BundleEntry,
  CapabilityStatement,
  CodeableConcept,
  Coding,
  CoverageEligibilityRequest,
  CoverageEligibilityResponse,
  CoverageEligibilityResponseInsurance,
  CoverageEligibilityResponseInsuranceItem,
  Element,
  Extension,
  Identifier,
  InsurancePlan,
  MedicationKnowledge,
  OperationOutcome,
  OperationOutcomeIssue,
  Patient,
  Period,
  Reference,
  Resource,
} from '@medplum/fhirtypes';

/** What every mapping needs besides the domain values. */
export interface FhirOptions {
  /** The server's FHIR base, e.g. `https://tegin.kz/fhir/R4` (no trailing slash). */
  baseUrl: string;
  /**
   * The language of the resources' plain strings (`Resource.language`); the
   * other two come as `translation` extensions. Default `kk`, the language of
   * the source texts.
   */
  lang?: Lang;
}

/** A problem located by a FHIRPath expression such as `CoverageEligibilityRequest.servicedDate`. */
export interface FhirIssue {
  code: IssueCode;
  path: string;
  message: string;
}
