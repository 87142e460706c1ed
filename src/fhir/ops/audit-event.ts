/**
 * AuditEvent from a record of tegin's hash-chained audit trail (docs/adr/0011 §4,
 * docs/adr/0014). The patient is an entity by internal id; the chain (global id as
 * `sequence`, shard, position in the shard, previous hash, hash) and tegin's own outcome and
 * detail ride in the `audit-chain` extension, so an auditor can recompute each shard's chain
 * from the FHIR copy.
 */
import type { AuditOutcome, AuditRecord } from '../../ops/audit.ts';
import type { Operation } from '../../ops/permissions.ts';
import {
  OPS_CODE_SYSTEM,
  OPS_EXT,
  OPS_IDENTIFIER_SYSTEM,
  OPS_SYSTEM,
  organizationReference,
  patientReference,
  practitionerReference,
} from './systems.ts';
import type { AuditEvent, AuditEventAgent, Coding } from './types.ts';

type EventAction = NonNullable<AuditEvent['action']>;

/** The actions tegin audits: every operation, and logging in and out. */
export type AuditedAction = Operation | 'auth.login' | 'auth.logout' | 'auth.code';

interface EventKind {
  type: Coding;
  subtype: Coding | null;
  action: EventAction;
}

const dcm = (code: string, display: string): Coding => ({
  system: OPS_SYSTEM.dicom,
  code,
  display,
});
const REST: Coding = {
  system: OPS_SYSTEM.auditEventType,
  code: 'rest',
  display: 'RESTful Operation',
};
const rest = (code: string): Coding => ({ system: OPS_SYSTEM.restfulInteraction, code });
const PATIENT_RECORD = dcm('110110', 'Patient Record');
const AUDIT_LOG_USED = dcm('110101', 'Audit Log Used');
const USER_AUTHENTICATION = dcm('110114', 'User Authentication');

/**
 * DICOM event types where DICOM has one (patient record, audit log, authentication, security
 * roles), FHIR's `rest` otherwise; the action from what the operation does. The compiler
 * demands a row for every new operation.
 */
export const AUDIT_EVENT_KINDS: Record<AuditedAction, EventKind> = {
  'organisation.create': { type: REST, subtype: rest('create'), action: 'C' },
  'organisation.list': { type: REST, subtype: rest('search-type'), action: 'E' },
  'account.create': { type: dcm('110136', 'Security Roles Changed'), subtype: null, action: 'C' },
  'account.token': { type: USER_AUTHENTICATION, subtype: null, action: 'C' },
  'patient.create': { type: PATIENT_RECORD, subtype: null, action: 'C' },
  'patient.read': { type: PATIENT_RECORD, subtype: null, action: 'R' },
  'patient.attach': { type: PATIENT_RECORD, subtype: null, action: 'U' },
  'audit.read': { type: AUDIT_LOG_USED, subtype: null, action: 'R' },
  'audit.verify': { type: AUDIT_LOG_USED, subtype: null, action: 'E' },
  'registration.create': { type: PATIENT_RECORD, subtype: rest('create'), action: 'C' },
  'registration.close': { type: PATIENT_RECORD, subtype: rest('update'), action: 'U' },
  'registration.read': { type: PATIENT_RECORD, subtype: rest('search-type'), action: 'R' },
  'commission.record': { type: PATIENT_RECORD, subtype: rest('create'), action: 'C' },
  'commission.read': { type: PATIENT_RECORD, subtype: rest('search-type'), action: 'R' },
  'prescription.issue': { type: PATIENT_RECORD, subtype: rest('create'), action: 'C' },
  'prescription.cancel': { type: PATIENT_RECORD, subtype: rest('update'), action: 'U' },
  'prescription.read': { type: PATIENT_RECORD, subtype: rest('read'), action: 'R' },
  'prescription.find': { type: PATIENT_RECORD, subtype: rest('search-type'), action: 'R' },
  'dispense.record': { type: PATIENT_RECORD, subtype: rest('create'), action: 'C' },
  'dispense.defer': { type: PATIENT_RECORD, subtype: rest('create'), action: 'C' },
  'dispense.read': { type: PATIENT_RECORD, subtype: rest('search-type'), action: 'R' },
  // Counts over the register name no patient; a list names each patient it lists.
  'analytics.aggregate': { type: REST, subtype: rest('search-type'), action: 'E' },
  'analytics.patients': { type: PATIENT_RECORD, subtype: rest('search-type'), action: 'R' },
  'commission.list': { type: PATIENT_RECORD, subtype: rest('search-type'), action: 'R' },
  'dispense.journal': { type: PATIENT_RECORD, subtype: rest('search-type'), action: 'R' },
  'account.list': { type: REST, subtype: rest('search-type'), action: 'E' },
  'provision.read': { type: REST, subtype: rest('search-type'), action: 'E' },
  'auth.login': { type: USER_AUTHENTICATION, subtype: dcm('110122', 'Login'), action: 'E' },
  'auth.logout': { type: USER_AUTHENTICATION, subtype: dcm('110123', 'Logout'), action: 'E' },
  // A patient's one-time sign-in code requested (docs/adr/0020-patient-access.md).
  'auth.code': { type: USER_AUTHENTICATION, subtype: null, action: 'E' },
  'own.register.read': { type: PATIENT_RECORD, subtype: null, action: 'R' },
  'own.prescriptions.read': { type: PATIENT_RECORD, subtype: null, action: 'R' },
  'own.dispenses.read': { type: PATIENT_RECORD, subtype: null, action: 'R' },
  'own.entitlements.read': { type: PATIENT_RECORD, subtype: null, action: 'R' },
};

/** An action recorded before this table knew it: a RESTful execution, its name as subtype. */
const UNKNOWN_ACTION: EventKind = { type: REST, subtype: null, action: 'E' };

/**
 * R4 audit-event-outcome. tegin's `failed` is an expected failure (the account exists, the
 * password is wrong, no such patient) — a 4xx, R4's "minor failure" — not the unexpected
 * error `8` means; bugs are not audited as outcomes. So refused and failed are both `4`, and
 * the extension keeps which.
 */
export const AUDIT_EVENT_OUTCOME: Record<AuditOutcome, NonNullable<AuditEvent['outcome']>> = {
  allowed: '0',
  refused: '4',
  failed: '4',
};

/** Purposes tegin's clients send, as HL7 v3 ActReason; any other stays text only. */
const PURPOSE_OF_USE: Record<string, string> = {
  treatment: 'TREAT',
  emergency: 'ETREAT',
  administration: 'HOPERAT',
  payment: 'HPAYMT',
  audit: 'HSYSADMIN',
};

const OPERATOR_PREFIX = 'operator:';
const PATIENT_PREFIX = 'patient:';

function kindOf(action: string): EventKind {
  return Object.hasOwn(AUDIT_EVENT_KINDS, action)
    ? AUDIT_EVENT_KINDS[action as AuditedAction]
    : UNKNOWN_ACTION;
}

export function auditEventOf(record: AuditRecord): AuditEvent {
  const kind = kindOf(record.action);
  const purpose = record.purpose;
  const purposeCode =
    purpose !== null && Object.hasOwn(PURPOSE_OF_USE, purpose)
      ? PURPOSE_OF_USE[purpose]
      : undefined;
  return {
    resourceType: 'AuditEvent',
    id: String(record.sequence),
    extension: [
      {
        url: OPS_EXT.auditChain,
        extension: [
          { url: 'sequence', valueString: String(record.sequence) },
          { url: 'shard', valueString: String(record.shard) },
          { url: 'position', valueString: String(record.position) },
          { url: 'prevHash', valueString: record.prevHash },
          { url: 'hash', valueString: record.hash },
          { url: 'outcome', valueCode: record.outcome },
          ...(record.detail === null ? [] : [{ url: 'detail', valueString: record.detail }]),
          ...(record.requestId === null
            ? []
            : [{ url: 'requestId', valueString: record.requestId }]),
        ],
      },
    ],
    type: kind.type,
    subtype: [
      ...(kind.subtype === null ? [] : [kind.subtype]),
      { system: OPS_CODE_SYSTEM.auditAction, code: record.action },
    ],
    action: kind.action,
    recorded: record.at,
    outcome: AUDIT_EVENT_OUTCOME[record.outcome],
    ...(record.outcome !== 'allowed' && record.detail !== null
      ? { outcomeDesc: record.detail }
      : {}),
    ...(purpose === null
      ? {}
      : {
          purposeOfEvent: [
            {
              ...(purposeCode
                ? { coding: [{ system: OPS_SYSTEM.actReason, code: purposeCode }] }
                : {}),
              text: purpose,
            },
          ],
        }),
    agent: agentsOf(record),
    source: {
      site: 'tegin',
      observer: { display: 'tegin' },
      type: [{ system: OPS_SYSTEM.securitySourceType, code: '4', display: 'Application Server' }],
    },
    ...(record.patientRef === null
      ? {}
      : {
          entity: [
            {
              what: patientReference(record.patientRef),
              type: { system: OPS_SYSTEM.auditEntityType, code: '1', display: 'Person' },
              role: { system: OPS_SYSTEM.objectRole, code: '1', display: 'Patient' },
            },
          ],
        }),
  };
}

/**
 * The requestor: a staff account (Practitioner), the local operator (an identifier, no
 * resource), or nobody known (a login under an unknown user name: the name is not recorded).
 * The organisation the grant was used in is a second agent.
 */
function agentsOf(record: AuditRecord): AuditEventAgent[] {
  const human = { coding: [{ system: OPS_SYSTEM.extraSecurityRoleType, code: 'humanuser' }] };
  const role =
    record.role === null
      ? {}
      : { role: [{ coding: [{ system: OPS_CODE_SYSTEM.role, code: record.role }] }] };
  const actor = record.actorId;
  const who =
    actor === null
      ? {}
      : actor.startsWith(OPERATOR_PREFIX)
        ? {
            who: {
              identifier: {
                system: OPS_IDENTIFIER_SYSTEM.operator,
                value: actor.slice(OPERATOR_PREFIX.length),
              },
              display: actor,
            },
          }
        : actor.startsWith(PATIENT_PREFIX)
          ? { who: patientReference(actor.slice(PATIENT_PREFIX.length)) }
          : { who: practitionerReference(actor) };
  const requestor: AuditEventAgent = { type: human, ...role, ...who, requestor: true };
  if (record.organisation === null) return [requestor];
  return [requestor, { who: organizationReference(record.organisation), requestor: false }];
}
