/**
 * Every URL tegin's FHIR resources use: its own extensions and code systems
 * (one base each), the Da Vinci US Drug Formulary elements it borrows, and the
 * HL7 and external systems. One comment each says where the extension sits and
 * what it carries. docs/adr/0006-fhir-mapping.md has the mapping table. The
 * operations resources' URLs are in `ops/systems.ts` (docs/adr/0014).
 */

/** Base of tegin's extension definitions. */
export const TEGIN_EXTENSION_BASE = 'https://tegin.kz/fhir/StructureDefinition/';
/** Base of tegin's code systems. */
export const TEGIN_CODE_SYSTEM_BASE = 'https://tegin.kz/fhir/CodeSystem/';

const ext = <N extends string>(name: N) => `${TEGIN_EXTENSION_BASE}${name}` as const;
const cs = <N extends string>(name: N) => `${TEGIN_CODE_SYSTEM_BASE}${name}` as const;

export const EXT = {
  /**
   * InsurancePlan: the act the list belongs to. Complex: `act` (Identifier,
   * system urn:tegin:act), `annex` (string), `edition` (Identifier), `amendedBy`
   * (Identifier, 0..*), `currentAsOf` (date: the consolidated text was current
   * on that day), `sourceFile` (string), `label` (string with translations).
   */
  listCitation: ext('list-citation'),
  /**
   * Period (InsurancePlan.period, the availability period of a FormularyItem):
   * an entry into force known only as a window. Complex: `earliest` (date),
   * `latest` (date, absent when open), `reason` (string). The period then has
   * no `start`.
   */
  effectiveWindow: ext('effective-window'),
  /**
   * InsurancePlan.coverage and CoverageEligibilityResponse.insurance.item: the
   * list section. Complex: `kind` (code medicine|device|food; response items,
   * which cannot have both `category` and `productOrService`), `number`
   * (string, as the source numbers it), `unit` (code point|section: what the
   * annex calls it, ADR 0009; InsurancePlan only), `items` (integer, how many
   * items the section holds; InsurancePlan only).
   */
  section: ext('section'),
  /**
   * FormularyItem and CoverageEligibilityResponse.insurance.item: where the
   * law says it. Complex: `act`, `annex`, `section`, `item` (absent where the
   * source does not number it), `edition`, `amendedBy` (0..*), `sourceFile`,
   * `sourceLines` (Range of line numbers), `text` (the citation as a sentence,
   * with translations).
   */
  citation: ext('citation'),
  /** FormularyItem: the item's status in the text, `in_force` or `excluded` (tegin's own codes). */
  itemStatus: ext('item-status'),
  /** FormularyItem of an excluded item: the excluding act (Identifier, system urn:tegin:act). */
  excludedBy: ext('excluded-by'),
  /**
   * FormularyItem: the diagnosis the item covers. Complex: `code`
   * (CodeableConcept: ICD-10 codings, the list's wording as text with
   * translations), `confidence` (code high|medium|low of the ICD-10 mapping),
   * `alternative` (Coding, 0..*: codes the wording may also mean; they do not
   * match), `note` (string with translations: the editors' note on the mapping).
   */
  coveredDiagnosis: ext('covered-diagnosis'),
  /**
   * FormularyItem and CoverageEligibilityResponse.insurance.item: who the item
   * is for. Complex: `ageGroup` (code all|children|adults; children are under
   * 18), `dispensaryRegistration` (code required|not_stated), `text` (string
   * with translations, absent where the source states none).
   */
  population: ext('population'),
  /**
   * FormularyItem: the indication. Complex: `condition` (code, 0..*:
   * any_severity|commission_decision|verified_diagnosis|other), `text` (string
   * with translations, absent where the source states none).
   */
  indication: ext('indication'),
  /**
   * FormularyItem: a decision of the medical consultative commission (ДКК/ВКК)
   * is required (boolean). Beside Da Vinci's PriorAuthorization, which says the
   * same in US terms.
   */
  commissionDecisionRequired: ext('commission-decision-required'),
  /**
   * FormularyItem and CoverageEligibilityResponse.insurance.item: the product
   * as the source words it. Complex: `kind` (code
   * medicine|device|food|care), `text` (string, the source wording in Kazakh),
   * `name` (string with translations, absent where the source names none),
   * `inn` (string), `atc` (Coding), `innAbsent` (code
   * name_missing|group|not_applicable), `confidence` (code), `note` (string
   * with translations: the editors' note on the mapping).
   */
  product: ext('product'),
  /**
   * FormularyItem: what the source lacks or what was repaired. Complex: `kind`
   * (code), `text` (string with translations).
   */
  sourceNote: ext('source-note'),

  /** CoverageEligibilityResponse.insurance.item: tegin's answer, entitled|conditional|not_entitled|unknown. */
  entitlementStatus: ext('entitlement-status'),
  /**
   * CoverageEligibilityResponse.insurance.item, 0..*: a condition still unmet
   * (commission_decision|dispensary_registration|verified_diagnosis|indication_wording|
   * diagnosis_confirmation|citizenship|attachment).
   */
  unmetCondition: ext('unmet-condition'),
  /**
   * CoverageEligibilityResponse.insurance.item: why not entitled or unknown.
   * Complex: `code` (excluded|age_group|not_covered|date_uncertain|product_unnamed|not_citizen|
   * not_served_in_region),
   * `text` (string with translations).
   */
  reason: ext('reason'),
  /** CoverageEligibilityResponse.insurance.item: the one-sentence explanation (string with translations). */
  explanation: ext('explanation'),
  /**
   * CoverageEligibilityResponse.insurance.item: the patient's diagnosis and
   * the item's. Complex: `patient` (Coding, ICD-10 normalised), `input`
   * (string as given), `listed` (CodeableConcept as in covered-diagnosis),
   * `confidence` (code), `scope` (code exact|part|broader|alternative: how the listed code
   * that matched relates to the words), `requires` (string with translations, 0..1).
   */
  matchedDiagnosis: ext('matched-diagnosis'),
  /**
   * CoverageEligibilityResponse: whether the data covers the date. Complex:
   * `status` (code covered|uncertain|not_covered|no_list), `reason` (string with
   * translations), `inForceFrom` (Period, with effective-window where unknown).
   */
  coverageStatus: ext('coverage-status'),
  /** CoverageEligibilityResponse, 0..*: a warning (string with translations). */
  warning: ext('warning'),
  /**
   * CoverageEligibilityResponse, 0..*: a fact the answer assumed because the request did not
   * give it. Complex: `fact` (code citizenship|served_in|dispensary_registration), `text`
   * (string with translations).
   */
  assumption: ext('assumption'),
  /** CoverageEligibilityResponse: the age used. Complex: `age` (integer), `source` (code birth_date|age|iin). */
  patientAge: ext('patient-age'),

  /** Patient (input): age in completed years when neither birth date nor IIN is given (integer). */
  age: ext('age'),
  /** Patient (input): citizenship of the Republic of Kazakhstan, KZ|other|unknown (code; default KZ, stated). */
  citizenship: ext('citizenship'),
  /**
   * Patient (input): the region whose medical organisation serves the patient, an ISO
   * 3166-2:KZ code or slug, or `unknown` (string; default the insurer's region, stated).
   */
  servedIn: ext('served-in'),
  /**
   * CoverageEligibilityRequest.item.diagnosis (or .item for all its
   * diagnoses): on dispensary registration for the diagnosis (boolean; default true).
   */
  dispensaryRegistration: ext('dispensary-registration'),
  /**
   * CoverageEligibilityRequest.item.diagnosis (or .item): a commission
   * (ДКК/ВКК) decision exists for every product (boolean; default false).
   */
  commissionDecision: ext('commission-decision'),
  /**
   * CoverageEligibilityRequest.item.diagnosis (or .item), 0..*: a commission
   * decision names this INN only (string, English lower case).
   */
  commissionDecisionInn: ext('commission-decision-inn'),
  /** CoverageEligibilityRequest.item.diagnosis (or .item): the diagnosis is verified (boolean; default false). */
  verifiedDiagnosis: ext('verified-diagnosis'),
  /**
   * CoverageEligibilityRequest.item.diagnosis (or .item): a clinician confirms the diagnosis is
   * the disease the list names, where the code is broader than its words (boolean; default false).
   */
  confirmedDiagnosis: ext('confirmed-diagnosis'),
} as const;

/** tegin's code systems. */
export const CODE_SYSTEM = {
  /** Problem codes of docs/errors.md (OperationOutcome.issue.details). */
  issue: cs('issue'),
  /** List sections: medicine|device|food. */
  section: cs('section'),
} as const;

/** Identifier systems (URNs: tegin names these things; no registry does). */
export const IDENTIFIER_SYSTEM = {
  /** A regional list: principal act + annex, e.g. `KZ-27.maslikhat.2020-09-30.38-3/annex-1`. */
  list: 'urn:tegin:list',
  /** One consolidated text of a list: the InsurancePlan id. */
  listText: 'urn:tegin:list-text',
  /** A legal act, by tegin's act id (docs/adr/0003-identifiers.md). */
  act: 'urn:tegin:act',
  /**
   * The individual identification number (ЖСН/ИИН). NOTE: no OID for the IIN
   * could be confirmed from public sources; tegin uses its own URN until one is.
   */
  iin: 'urn:tegin:iin',
  /** ISO 3166-2 subdivision codes (`KZ-27`), as HL7 terminology names them. */
  iso3166part2: 'urn:iso:std:iso:3166:-2',
} as const;

/** HL7 Da Vinci US Drug Formulary (STU 2) elements tegin borrows. */
const USDF = 'http://hl7.org/fhir/us/davinci-drug-formulary/';
export const DAVINCI = {
  /** FormularyItem → the InsurancePlan (Formulary) it belongs to (valueReference). */
  formularyReference: `${USDF}StructureDefinition/usdf-FormularyReference-extension`,
  /** FormularyItem: active|retired (PublicationStatus, required binding). */
  availabilityStatus: `${USDF}StructureDefinition/usdf-AvailabilityStatus-extension`,
  /** FormularyItem: the period the item is on the formulary (valuePeriod). */
  availabilityPeriod: `${USDF}StructureDefinition/usdf-AvailabilityPeriod-extension`,
  /** FormularyItem: a prior authorisation is required (valueBoolean); here, a commission decision. */
  priorAuthorization: `${USDF}StructureDefinition/usdf-PriorAuthorization-extension`,
  /** Basic.code of a FormularyItem: `formulary-item`. */
  insuranceItemType: `${USDF}CodeSystem/usdf-InsuranceItemTypeCS`,
} as const;

/** Other HL7 and external systems. */
export const SYSTEM = {
  atc: 'http://www.whocc.no/atc',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  v3ActCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  benefitType: 'http://terminology.hl7.org/CodeSystem/benefit-type',
  translation: 'http://hl7.org/fhir/StructureDefinition/translation',
  dataAbsentReason: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
} as const;
