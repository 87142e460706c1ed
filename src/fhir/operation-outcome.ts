/**
 * tegin's issues as an OperationOutcome: severity error, the FHIR issue type
 * nearest to each code, the code itself in `details.coding` (system
 * https://tegin.kz/fhir/CodeSystem/issue, docs/errors.md) and the location in
 * `expression`. The HTTP status is chosen at the edge, not here.
 */
import { ISSUE_CODES, type IssueCode, type PathSegment } from '../domain/issues.ts';
import { CODE_SYSTEM } from './extensions.ts';
import { formatPath } from './patient-input.ts';
import type { OperationOutcome, OperationOutcomeIssue } from './types.ts';

type IssueType = OperationOutcomeIssue['code'];

/** The FHIR issue type of every tegin problem code. */
export const ISSUE_TYPES: Record<IssueCode, IssueType> = {
  DATA_YAML_SYNTAX: 'structure',
  DATA_SCHEMA: 'structure',
  DATA_FILE_PLACE: 'invalid',
  DATA_DUPLICATE: 'duplicate',
  DATA_ID_MISMATCH: 'invalid',
  DATA_ITEM_GAP: 'invalid',
  DATA_EXCLUSION_UNRECORDED: 'invalid',
  DATA_INN_MISSING: 'required',
  DATA_INN_UNEXPECTED: 'invalid',
  DATA_INN_UNKNOWN: 'code-invalid',
  DATA_ATC_MISMATCH: 'code-invalid',
  DATA_ICD10_DUPLICATE: 'duplicate',
  DATA_SCOPE: 'invariant',
  DATA_BENEFICIARIES_MISSING: 'required',
  DATA_DATES: 'business-rule',
  DATA_SOURCE_MISSING: 'not-found',
  CITE_UNKNOWN_ACT: 'not-found',
  CITE_UNKNOWN_NOTE: 'not-found',
  CITE_UNKNOWN_REGION: 'code-invalid',
  CITE_LINE_MISMATCH: 'invalid',
  EVAL_INPUT: 'structure',
  EVAL_REGION_UNKNOWN: 'code-invalid',
  EVAL_DATE_INVALID: 'value',
  EVAL_ICD10_INVALID: 'code-invalid',
  EVAL_IIN_INVALID: 'value',
  EVAL_AGE_MISSING: 'required',
  EVAL_BIRTH_AFTER_DATE: 'business-rule',
  EVAL_AGE_IMPLAUSIBLE: 'business-rule',
  FHIR_RESOURCE_INVALID: 'structure',
  FHIR_PATIENT_UNRESOLVED: 'not-found',
  FHIR_REGION_MISSING: 'required',
  FHIR_DATE_MISSING: 'required',
  FHIR_DIAGNOSIS_MISSING: 'required',
  FHIR_EXTENSION_INVALID: 'value',
  HTTP_INVALID: 'invalid',
  HTTP_NOT_FOUND: 'not-found',
  HTTP_BODY_TOO_LARGE: 'too-costly',
  HTTP_INTERNAL: 'exception',
  STORE_LOCKED: 'lock-error',
  STORE_UNAVAILABLE: 'transient',
  BACKUP_FILE: 'invalid',
  BACKUP_SCHEMA: 'not-supported',
  BACKUP_TARGET_NOT_EMPTY: 'conflict',
  BACKUP_MISMATCH: 'exception',
  PARSE_INPUT_EMPTY: 'required',
  PARSE_INPUT_BINARY: 'structure',
  PARSE_INPUT_TOO_LARGE: 'too-costly',
  PARSE_NOT_A_DECISION: 'not-supported',
  PARSE_NOT_A_LIST: 'not-supported',
  PARSE_METADATA: 'incomplete',
  PARSE_REGION_UNKNOWN: 'code-invalid',
  PARSE_LINE_UNREAD: 'incomplete',
  PARSE_ITEM_GAP: 'invalid',
  PARSE_ITEM_INCOMPLETE: 'incomplete',
  PARSE_DIAGNOSIS_UNKNOWN: 'code-invalid',
  PARSE_PRODUCT_UNKNOWN: 'code-invalid',
  PARSE_TRUNCATED: 'incomplete',
  PARSE_ACT_UNREAD: 'not-found',
  PARSE_RUSSIAN_WORDING: 'informational',
  PARSE_INTERNAL: 'exception',
  PARSE_DRAFT_INVALID: 'invalid',
  OPS_INPUT: 'invalid',
  OPS_NOT_FOUND: 'not-found',
  OPS_CONFLICT: 'conflict',
  OPS_NOT_ENTITLED: 'business-rule',
  OPS_IDEMPOTENCY_MISMATCH: 'conflict',
  AUTH_REFUSED: 'forbidden',
  AUTH_LOGIN_FAILED: 'login',
  AUTH_LOCKED: 'throttled',
  AUTH_SESSION_INVALID: 'login',
  AUTH_REQUIRED: 'login',
  AUTH_CSRF: 'security',
};

/** An issue with its location as a FHIRPath string, or as path segments (joined as `a.b[0].c`). */
export interface OutcomeIssue {
  code: IssueCode;
  path: string | readonly PathSegment[];
  message: string;
}

export function operationOutcomeOf(issues: readonly OutcomeIssue[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((issue) => {
      const path =
        typeof issue.path === 'string' ? issue.path : formatPath('', issue.path).replace(/^\./, '');
      return {
        severity: 'error',
        code: ISSUE_TYPES[issue.code],
        details: {
          coding: [
            { system: CODE_SYSTEM.issue, code: issue.code, display: ISSUE_CODES[issue.code] },
          ],
          text: issue.message,
        },
        ...(path ? { expression: [path] } : {}),
      };
    }),
  };
}
