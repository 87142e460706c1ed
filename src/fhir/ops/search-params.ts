/**
 * The search parameters of the operations resources: one table that the parser
 * (`search.ts`), the self links (`searchset.ts`) and the CapabilityStatement entries
 * (`capability.ts`) all read, so what is parsed is what is advertised.
 */
import { ORGANISATION_KINDS, ROLES } from '../../ops/model.ts';
import { IDENTIFIER_SYSTEM } from '../extensions.ts';
import { OPS_IDENTIFIER_SYSTEM } from './systems.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ORGANIZATION_ID = /^KZ-\d{2}-[A-Z0-9][A-Z0-9-]{0,31}$/;

/** A reference by internal id (`Patient/<uuid>` or the bare id): never an IIN. */
interface ReferenceParam {
  kind: 'reference';
  target: 'Patient' | 'Practitioner' | 'Organization' | 'MedicationRequest';
  id: RegExp;
}
/** Codes, comma-separated for OR; `system|code` where the system is given. */
interface TokenParam {
  kind: 'token';
  system: string | null;
  values: readonly string[];
}
/** An identifier, `system|value` or the bare value; `validate` says what is wrong, or null. */
interface IdentifierParam {
  kind: 'identifier';
  system: string;
  validate: (value: string) => string | null;
  /** Left out of self links: the value must not travel in a URL (the IIN). */
  secret: boolean;
}
/** A plain value (a FHIR string parameter), exact match; `validate` says what is wrong, or null. */
interface StringParam {
  kind: 'string';
  validate: (value: string) => string | null;
}
/** A day, `YYYY-MM-DD` with a FHIR prefix; repeated for a range (AND). */
interface DateParam {
  kind: 'date';
}

interface Described {
  /** The HL7 SearchParameter this one is, where it is a standard one. */
  definition?: string;
  documentation: string;
}

export type ParamSpec = (ReferenceParam | TokenParam | IdentifierParam | StringParam | DateParam) &
  Described;

const sp = (name: string) => `http://hl7.org/fhir/SearchParameter/${name}`;
const match = (pattern: RegExp, what: string) => (value: string) =>
  pattern.test(value) ? null : `expected ${what}`;

const reference = (
  target: ReferenceParam['target'],
  definition: string,
  documentation: string,
): ReferenceParam & Described => ({
  kind: 'reference',
  target,
  id: target === 'Organization' ? ORGANIZATION_ID : UUID,
  definition: sp(definition),
  documentation,
});

const patient = (type: string): ReferenceParam & Described =>
  reference(
    'Patient',
    `${type}-patient`,
    'The patient by internal id (Patient/<id>), never the IIN.',
  );

const date = (definition: string, documentation: string): DateParam & Described => ({
  kind: 'date',
  definition: sp(definition),
  documentation,
});

export const SEARCH_PARAMS = {
  Patient: {
    _id: {
      kind: 'reference',
      target: 'Patient',
      id: UUID,
      definition: sp('Resource-id'),
      documentation: 'The internal id.',
    },
    identifier: {
      kind: 'identifier',
      system: IDENTIFIER_SYSTEM.iin,
      validate: match(/^\d{12}$/, 'an IIN of 12 digits'),
      secret: true,
      definition: sp('Patient-identifier'),
      documentation: `The IIN (${IDENTIFIER_SYSTEM.iin}|<IIN>). Send it in the body of POST Patient/_search, never in a URL; self links leave it out.`,
    },
  },
  Organization: {
    identifier: {
      kind: 'identifier',
      system: OPS_IDENTIFIER_SYSTEM.organisation,
      validate: match(/^KZ-\d{2}\/[A-Z0-9][A-Z0-9-]{0,31}$/, 'an organisation as KZ-NN/CODE'),
      secret: false,
      definition: sp('Organization-identifier'),
      documentation: `The organisation as ${OPS_IDENTIFIER_SYSTEM.organisation}|KZ-NN/CODE.`,
    },
    type: {
      kind: 'token',
      system: null,
      values: ORGANISATION_KINDS,
      definition: sp('Organization-type'),
      documentation: `The kind: ${ORGANISATION_KINDS.join(', ')}.`,
    },
    'address-state': {
      kind: 'string',
      validate: match(/^KZ-\d{2}$/, 'a region as ISO 3166-2, such as KZ-27'),
      definition: sp('Organization-address-state'),
      documentation:
        'The region (ISO 3166-2, KZ-27), exactly. Without it or identifier, the regions the signed-in account holds a role in.',
    },
  },
  Practitioner: {
    _id: {
      kind: 'reference',
      target: 'Practitioner',
      id: UUID,
      definition: sp('Resource-id'),
      documentation: 'The staff account id.',
    },
  },
  PractitionerRole: {
    practitioner: reference(
      'Practitioner',
      'PractitionerRole-practitioner',
      'The staff account (Practitioner/<id>).',
    ),
    organization: reference(
      'Organization',
      'PractitionerRole-organization',
      'The organisation (Organization/KZ-NN-CODE).',
    ),
    role: {
      kind: 'token',
      system: null,
      values: ROLES,
      definition: sp('PractitionerRole-role'),
      documentation: `The role: ${ROLES.join(', ')}.`,
    },
  },
  Condition: {
    patient: patient('clinical'),
    'clinical-status': {
      kind: 'token',
      system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
      values: ['active', 'resolved', 'remission'],
      definition: sp('Condition-clinical-status'),
      documentation:
        'active (on the register, or left it for a reason that says nothing of the disease), resolved, remission.',
    },
    'recorded-date': date(
      'Condition-recorded-date',
      'The day the patient went on the register (YYYY-MM-DD with eq, ge, gt, le, lt).',
    ),
  },
  MedicationRequest: {
    patient: patient('clinical'),
    status: {
      kind: 'token',
      system: 'http://hl7.org/fhir/CodeSystem/medicationrequest-status',
      values: ['active', 'completed', 'cancelled', 'stopped'],
      definition: sp('medications-status'),
      documentation: 'active, completed, cancelled, stopped (expired).',
    },
    authoredon: date(
      'MedicationRequest-authoredon',
      'The issue date (YYYY-MM-DD with eq, ge, gt, le, lt).',
    ),
    identifier: {
      kind: 'identifier',
      system: OPS_IDENTIFIER_SYSTEM.prescription,
      validate: match(
        /^[A-Z0-9][A-Z0-9-]{0,63}$/,
        'a prescription number such as KZ-35-2026-000042',
      ),
      secret: false,
      definition: sp('clinical-identifier'),
      documentation: `The prescription number (${OPS_IDENTIFIER_SYSTEM.prescription}|KZ-35-2026-000042).`,
    },
  },
  MedicationDispense: {
    patient: patient('clinical'),
    status: {
      kind: 'token',
      system: 'http://terminology.hl7.org/CodeSystem/medicationdispense-status',
      values: ['completed', 'on-hold', 'cancelled'],
      definition: sp('medications-status'),
      documentation:
        'completed (a dispense, or a served deferral), on-hold (an open deferral), cancelled (a cancelled deferral).',
    },
    whenhandedover: date(
      'MedicationDispense-whenhandedover',
      'The day handed over (YYYY-MM-DD with eq, ge, gt, le, lt).',
    ),
    prescription: reference(
      'MedicationRequest',
      'MedicationDispense-prescription',
      'The prescription (MedicationRequest/<id>).',
    ),
  },
  AuditEvent: {
    patient: reference(
      'Patient',
      'AuditEvent-patient',
      'The patient the record is about (Patient/<id>).',
    ),
    agent: reference(
      'Practitioner',
      'AuditEvent-agent',
      'The staff account that acted (Practitioner/<id>).',
    ),
    date: date('AuditEvent-date', 'The day recorded, UTC (YYYY-MM-DD with eq, ge, gt, le, lt).'),
    outcome: {
      kind: 'token',
      system: 'http://hl7.org/fhir/audit-event-outcome',
      values: ['0', '4'],
      definition: sp('AuditEvent-outcome'),
      documentation: '0 (allowed) or 4 (refused or failed).',
    },
  },
} as const satisfies Record<string, Record<string, ParamSpec>>;

export type SearchType = keyof typeof SEARCH_PARAMS;
export const SEARCH_TYPES = Object.keys(SEARCH_PARAMS) as SearchType[];

/** Page size: 20 unless asked, at most 100 (0 gives the total only). */
export const COUNT_DEFAULT = 20;
export const COUNT_MAX = 100;
