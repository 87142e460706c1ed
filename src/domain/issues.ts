/**
 * The catalogue of problem codes. Every problem tegin reports carries one of
 * these stable codes, documented in docs/errors.md (test/issue-catalogue.test.ts
 * checks both ways). The operations and account codes (`OPS_*`, `AUTH_*`) are
 * kept beside their use cases in src/ops/issues.ts and spread in here: one
 * catalogue, one place to add each code.
 */
import { OPS_ISSUE_CODES } from '../ops/issues.ts';

export const ISSUE_CODES = {
  DATA_YAML_SYNTAX: 'The file is not valid YAML.',
  DATA_SCHEMA: 'A value does not match the schema of its file kind.',
  DATA_FILE_PLACE: 'The file is not where its content says it belongs.',
  DATA_DUPLICATE: 'Two records share an identity that must be unique.',
  DATA_ID_MISMATCH: 'A stored id differs from the id derived from its parts.',
  DATA_ITEM_GAP: 'Item numbers skip a number that no exclusion explains.',
  DATA_EXCLUSION_UNRECORDED: 'An excluded item has no matching amendment in its act.',
  DATA_INN_MISSING: 'A product has no INN and no reason why.',
  DATA_INN_UNEXPECTED: 'A product has both an INN and a reason for having none.',
  DATA_INN_UNKNOWN: 'An INN is not in the medicines vocabulary.',
  DATA_ATC_MISMATCH: 'An ATC code is not one the vocabulary gives for the INN.',
  DATA_ICD10_DUPLICATE: 'A diagnosis lists the same ICD-10 code twice.',
  DATA_SCOPE:
    'A diagnosis does not relate each of its ICD-10 codes and alternatives, once, to the words.',
  DATA_BENEFICIARIES_MISSING: 'A list does not say whom it serves.',
  DATA_DATES: 'Dates contradict each other.',
  DATA_SOURCE_MISSING: 'A cited source file is not in the data directory.',
  CITE_UNKNOWN_ACT: 'A citation names an act that no data file defines.',
  CITE_UNKNOWN_NOTE: 'A citation names a note that its act does not record.',
  CITE_UNKNOWN_REGION: 'A region code is not among the 20 regions.',
  CITE_LINE_MISMATCH: 'Cited source lines do not hold what the record says.',
  EVAL_INPUT: 'Patient facts do not have the expected shape.',
  EVAL_REGION_UNKNOWN: 'The region is not one of the 20 regions.',
  EVAL_DATE_INVALID: 'A date is not a calendar date as YYYY-MM-DD, or is before 1900-01-01.',
  EVAL_ICD10_INVALID: 'A diagnosis is not a well-formed ICD-10 code.',
  EVAL_IIN_INVALID: 'The IIN fails its structure or check digit.',
  EVAL_AGE_MISSING: 'Neither age, birth date nor IIN was given.',
  EVAL_BIRTH_AFTER_DATE: 'The birth date is after the query date.',
  EVAL_AGE_IMPLAUSIBLE: 'The birth date gives an age over 130 years on the query date.',
  HTTP_INVALID: 'A request parameter, query or body fails validation.',
  HTTP_NOT_FOUND: 'No such resource (region, item, act or path).',
  HTTP_BODY_TOO_LARGE: 'The request body is larger than the limit.',
  HTTP_INTERNAL: 'An unexpected server error; the request id identifies it in the logs.',
  STORE_LOCKED:
    'The embedded database directory is in use by another process (one user at a time).',
  STORE_UNAVAILABLE: 'The database does not answer; retry after the seconds in Retry-After.',
  BACKUP_FILE: 'The backup file is damaged, truncated, changed or not a tegin backup.',
  BACKUP_SCHEMA: 'The backup was taken at migrations this tegin does not know.',
  BACKUP_TARGET_NOT_EMPTY: 'A restore goes into an empty database only; this one holds data.',
  BACKUP_MISMATCH: 'The restored rows read back differ from the backup; nothing was restored.',
  FHIR_RESOURCE_INVALID: 'The body is not the FHIR resource the operation takes.',
  FHIR_PATIENT_UNRESOLVED: 'The patient reference resolves to no Patient.',
  FHIR_REGION_MISSING: 'The insurer carries no ISO 3166-2 region code.',
  FHIR_DATE_MISSING: 'The request has no servicedDate.',
  FHIR_DIAGNOSIS_MISSING: 'A diagnosis has no ICD-10 coding, or the request has no diagnosis.',
  FHIR_EXTENSION_INVALID: 'A tegin extension has a value of the wrong type.',
  PARSE_INPUT_EMPTY: 'The input holds no text.',
  PARSE_INPUT_BINARY: 'The input is not UTF-8 text (NUL bytes, invalid byte sequences).',
  PARSE_INPUT_TOO_LARGE: 'The input is larger than the import size limit.',
  PARSE_NOT_A_DECISION: 'The text is not a maslikhat decision the importer recognises.',
  PARSE_NOT_A_LIST: 'The decision holds no list of medicines, devices or foods.',
  PARSE_METADATA:
    'Act metadata (issuer, adoption date, number, registration) is missing or unreadable.',
  PARSE_REGION_UNKNOWN: 'The issuing region could not be determined.',
  PARSE_LINE_UNREAD: 'A line of a list could not be read as part of any item.',
  PARSE_ITEM_GAP: 'Item numbers skip or repeat a number.',
  PARSE_ITEM_INCOMPLETE: 'An item lacks a diagnosis, population, indication or product.',
  PARSE_DIAGNOSIS_UNKNOWN: 'A diagnosis wording is not in the diseases vocabulary.',
  PARSE_PRODUCT_UNKNOWN: 'A product name is not in the medicines vocabulary.',
  PARSE_TRUNCATED: 'The text ends in the middle of a list or an item.',
  PARSE_ACT_UNREAD: 'An act cited by a note or an exclusion could not be identified.',
  PARSE_RUSSIAN_WORDING: 'The text is in Russian: fields meant for Kazakh wording hold Russian.',
  PARSE_INTERNAL: 'The importer failed on this input (a bug): the message says where.',
  PARSE_DRAFT_INVALID: 'The draft does not validate against the schema of its file kind.',
  ...OPS_ISSUE_CODES,
} as const;

export type IssueCode = keyof typeof ISSUE_CODES;

export type PathSegment = string | number;

/** One problem in the data, located as precisely as the loader can. */
export interface DataIssue {
  code: IssueCode;
  file: string;
  path: PathSegment[];
  line?: number;
  message: string;
}
