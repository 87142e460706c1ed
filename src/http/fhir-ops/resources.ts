/**
 * The operations FHIR types the server reads and searches: for each, what its ids look like,
 * the default purpose of use for the audit, and the read and search over the use cases. The
 * `Record` over `SearchType` makes a type added to `SEARCH_PARAMS` (and so to the
 * CapabilityStatement) fail to compile until it is served.
 */
import type { OpsResult } from '../../ops/issues.ts';
import type { SearchParams, SearchType } from '../../fhir/ops/index.ts';
import type { Resource } from '../../fhir/ops/types.ts';
import type { Answer, Caller } from './caller.ts';
import {
  readCondition,
  readMedicationDispense,
  readMedicationRequest,
  readPatient,
  searchConditions,
  searchMedicationDispenses,
  searchMedicationRequests,
  searchPatients,
} from './clinical.ts';
import {
  readAuditEvent,
  readOrganization,
  readPractitioner,
  readPractitionerRole,
  searchAuditEvents,
  searchOrganizations,
  searchPractitioners,
  searchPractitionerRoles,
} from './directory.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INTERNAL = { pattern: UUID, what: 'an internal id (a UUID), never an IIN' };

export interface Served<T extends SearchType> {
  id: { pattern: RegExp; what: string };
  /** The purpose recorded in the audit when the request sends no X-Purpose-Of-Use. */
  purpose: string;
  read(call: Caller, id: string): Promise<OpsResult<Resource>>;
  search(call: Caller, params: SearchParams<T>): Promise<Answer<Resource[]>>;
}

export const SERVED: { [T in SearchType]: Served<T> } = {
  Patient: { id: INTERNAL, purpose: 'treatment', read: readPatient, search: searchPatients },
  Organization: {
    id: { pattern: /^KZ-\d{2}-[A-Z0-9][A-Z0-9-]{0,31}$/, what: 'an organisation as KZ-NN-CODE' },
    purpose: 'administration',
    read: readOrganization,
    search: searchOrganizations,
  },
  Practitioner: {
    id: INTERNAL,
    purpose: 'administration',
    read: readPractitioner,
    search: searchPractitioners,
  },
  PractitionerRole: {
    id: { pattern: /^[A-Za-z0-9.-]{1,64}$/, what: 'a FHIR id' },
    purpose: 'administration',
    read: readPractitionerRole,
    search: searchPractitionerRoles,
  },
  Condition: { id: INTERNAL, purpose: 'treatment', read: readCondition, search: searchConditions },
  MedicationRequest: {
    id: INTERNAL,
    purpose: 'treatment',
    read: readMedicationRequest,
    search: searchMedicationRequests,
  },
  MedicationDispense: {
    id: INTERNAL,
    purpose: 'treatment',
    read: readMedicationDispense,
    search: searchMedicationDispenses,
  },
  AuditEvent: {
    id: { pattern: /^[1-9]\d{0,14}$/, what: 'an audit sequence number' },
    purpose: 'audit',
    read: readAuditEvent,
    search: searchAuditEvents,
  },
};
