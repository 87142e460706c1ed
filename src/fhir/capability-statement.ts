/**
 * What the tegin FHIR server offers: R4, JSON, read and search on the
 * formulary resources (InsurancePlan, Basic, MedicationKnowledge) and the
 * `$evaluate` operation on CoverageEligibilityRequest.
 */
import type { CapabilityStatement } from './types.ts';

type RestResource = NonNullable<
  NonNullable<CapabilityStatement['rest']>[number]['resource']
>[number];
type SearchParam = NonNullable<RestResource['searchParam']>[number];

const READ_SEARCH: NonNullable<RestResource['interaction']> = [
  { code: 'read' },
  { code: 'search-type' },
];

function resource(
  type: RestResource['type'],
  searchParam: SearchParam[],
  documentation: string,
): RestResource {
  return { type, interaction: READ_SEARCH, searchParam, documentation };
}

/**
 * What the server says of the operations resources when it serves them: sessions or bearer
 * tokens, no CORS (docs/adr/0013, 0014).
 */
export const OPERATIONS_SECURITY =
  'The formulary resources and $evaluate are public. The operations resources (Patient, Organization, Practitioner, PractitionerRole, Condition, MedicationRequest, MedicationDispense, AuditEvent) need a session: the cookie set by POST /api/v1/session (with X-CSRF-Token on POST _search), or Authorization: Bearer <token> for a system account. Each read is authorised by role and organisation and audited; answers are Cache-Control: no-store. The IIN is searched only as Patient identifier in the form body of POST Patient/_search, never in a URL.';

/**
 * @param baseUrl the server's FHIR base (no trailing slash)
 * @param version tegin's version (package.json)
 * @param date when the statement was published (FHIR dateTime), e.g. the release date
 * @param operations the operations resources' entries (src/fhir/ops/capability.ts), when served
 */
export function capabilityStatementOf(
  baseUrl: string,
  version: string,
  date: string,
  operations?: { resources: RestResource[] },
): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'tegin',
    kind: 'instance',
    software: { name: 'tegin', version },
    implementation: {
      description:
        "Kazakhstan's regional free outpatient medicines lists (maslikhat decisions) as cited, point-in-time data, in the pattern of the HL7 Da Vinci US Drug Formulary",
      url: baseUrl,
    },
    fhirVersion: '4.0.1',
    format: ['json', 'application/fhir+json'],
    rest: [
      {
        mode: 'server',
        documentation: 'Texts are kk, ru and en: Resource.language plus translation extensions.',
        resource: [
          resource(
            'InsurancePlan',
            [
              {
                name: '_id',
                type: 'token',
                definition: 'http://hl7.org/fhir/SearchParameter/Resource-id',
              },
              {
                name: 'coverage-area',
                type: 'reference',
                definition: 'http://hl7.org/fhir/SearchParameter/InsurancePlan-coverage-area',
                documentation:
                  'The region: coverage-area:identifier=urn:iso:std:iso:3166:-2|KZ-27 (ISO 3166-2).',
              },
              {
                name: 'date',
                type: 'date',
                documentation:
                  'The list text in force on this date (YYYY-MM-DD); a text whose entry into force is uncertain on that date is returned with its effective-window extension.',
              },
            ],
            'One consolidated text of a regional list (Da Vinci Formulary).',
          ),
          resource(
            'Basic',
            [
              {
                name: 'code',
                type: 'token',
                definition: 'http://hl7.org/fhir/SearchParameter/Basic-code',
                documentation:
                  'http://hl7.org/fhir/us/davinci-drug-formulary/CodeSystem/usdf-InsuranceItemTypeCS|formulary-item',
              },
              {
                name: 'subject',
                type: 'reference',
                definition: 'http://hl7.org/fhir/SearchParameter/Basic-subject',
              },
            ],
            'One product of one list item (Da Vinci FormularyItem), with its conditions and citation.',
          ),
          resource(
            'MedicationKnowledge',
            [
              {
                name: 'code',
                type: 'token',
                definition: 'http://hl7.org/fhir/SearchParameter/MedicationKnowledge-code',
                documentation: 'WHO ATC: code=http://www.whocc.no/atc|L04AC07',
              },
            ],
            'A medicine a list names (Da Vinci FormularyDrug, with ATC instead of RxNorm).',
          ),
          {
            type: 'CoverageEligibilityRequest',
            documentation:
              'POST a CoverageEligibilityRequest to $evaluate: the answer is a CoverageEligibilityResponse, or an OperationOutcome naming the elements at fault.',
            operation: [
              {
                name: 'evaluate',
                definition: `${baseUrl}/OperationDefinition/CoverageEligibilityRequest-evaluate`,
                documentation:
                  'Entitlements under the regional lists: region as insurer.identifier (urn:iso:std:iso:3166:-2), servicedDate, a Patient with birthDate or IIN (urn:tegin:iin), ICD-10 diagnoses in item.diagnosis.',
              },
            ],
          },
          ...(operations?.resources ?? []),
        ],
        ...(operations ? { security: { cors: false, description: OPERATIONS_SECURITY } } : {}),
      },
    ],
  };
}
