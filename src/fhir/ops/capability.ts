/**
 * The CapabilityStatement entries of the operations resources (read and search-type, the
 * search parameters of `search-params.ts`), for the integrator to add to
 * `capabilityStatementOf`'s `rest[0].resource`.
 */
import { SEARCH_PARAMS, SEARCH_TYPES, COUNT_MAX, type ParamSpec } from './search-params.ts';
import type { CapabilityStatement } from './types.ts';

type RestResource = NonNullable<
  NonNullable<CapabilityStatement['rest']>[number]['resource']
>[number];
type SearchParamType = NonNullable<RestResource['searchParam']>[number]['type'];

const FHIR_TYPE: Record<ParamSpec['kind'], SearchParamType> = {
  reference: 'reference',
  token: 'token',
  identifier: 'token',
  string: 'string',
  date: 'date',
};

const DOCUMENTATION: Record<(typeof SEARCH_TYPES)[number], string> = {
  Patient:
    'A patient by internal id; the IIN is only its identifier, searched in the body of POST Patient/_search. Reading it is audited.',
  Organization:
    'A polyclinic, hospital with a commission or pharmacy (KZ-NN/CODE), in the regions the account holds a role in.',
  Practitioner: 'A staff account: its id and display name only; the signed-in account’s own.',
  PractitionerRole:
    'One role grant of a staff account: role, region, organisation; the signed-in account’s own.',
  Condition:
    'A dispensary registration: the disease (ICD-10) a patient is on the register for. Search by patient.',
  MedicationRequest:
    'A signed prescription with its frozen legal basis. Search by patient or identifier.',
  MedicationDispense:
    'A dispense (completed), or a deferral of one (on-hold while open). Search by patient or prescription.',
  AuditEvent:
    'A record of the hash-chained audit trail, for the region’s auditor; the chain is in the audit-chain extension.',
};

export function operationsCapabilityResources(): RestResource[] {
  return SEARCH_TYPES.map((type) => {
    const params: Record<string, ParamSpec> = SEARCH_PARAMS[type];
    return {
      type,
      documentation: `${DOCUMENTATION[type]} Pages of at most ${COUNT_MAX} (_count, _offset).`,
      interaction: [{ code: 'read' }, { code: 'search-type' }],
      searchParam: Object.entries(params).map(([name, spec]) => ({
        name,
        type: FHIR_TYPE[spec.kind],
        ...(spec.definition ? { definition: spec.definition } : {}),
        documentation: spec.documentation,
      })),
    };
  });
}
