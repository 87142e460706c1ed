/**
 * THE permission table: which roles may do each operation, and within what
 * scope. Every operation of the operations layer goes through `authorize`;
 * there is no other place that decides access. The `Record<Operation, …>`
 * makes the compiler demand a row for every new operation.
 */
import type { Role, RoleGrant } from './model.ts';

export const OPERATIONS = [
  'organisation.create',
  'organisation.list',
  'account.create',
  'account.token',
  'patient.create',
  'patient.read',
  'patient.attach',
  'audit.read',
  'audit.verify',
  'registration.create',
  'registration.close',
  'registration.read',
  'commission.record',
  'commission.read',
  'prescription.issue',
  'prescription.cancel',
  'prescription.read',
  // Dispensing (issue 11, phase 2).
  'prescription.find',
  'dispense.record',
  'dispense.defer',
  'dispense.read',
  // Analytics over the register (docs/adr/0018-analytics.md).
  'analytics.aggregate',
  'analytics.patients',
  // Work lists of the staff screens (issue 12): an organisation's records across patients.
  'commission.list',
  'dispense.journal',
  // The region administrator's and auditor's screens (issue 12, items 5 and 6).
  'account.list',
  'provision.read',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * `region`: anything in the grant's region; `organisation`: only the grant's
 * own organisation (a grant without one cannot use it).
 */
export type Scope = 'region' | 'organisation';

export interface Permission {
  /** Whether the operation touches patients' data (and so names a patient in the audit). */
  patientData: boolean;
  /**
   * Whether the local operator (the CLI, run by whoever holds the database
   * itself) may do it: setting up organisations and the first accounts, and
   * verifying the audit trail. Never patients' data.
   */
  operator: boolean;
  roles: Partial<Record<Role, Scope>>;
}

export const PERMISSIONS: Record<Operation, Permission> = {
  'organisation.create': { operator: true, patientData: false, roles: { region_admin: 'region' } },
  'organisation.list': {
    operator: true,
    patientData: false,
    roles: {
      region_admin: 'region',
      doctor: 'region',
      commission_member: 'region',
      pharmacist: 'region',
      auditor: 'region',
    },
  },
  'account.create': { operator: true, patientData: false, roles: { region_admin: 'region' } },
  // A bearer token for a system account (an integration): minted like an account is created.
  'account.token': { operator: true, patientData: false, roles: { region_admin: 'region' } },
  'patient.create': { operator: false, patientData: true, roles: { doctor: 'organisation' } },
  // A pharmacy serves patients attached anywhere in its region.
  'patient.read': {
    operator: false,
    patientData: true,
    roles: {
      doctor: 'organisation',
      commission_member: 'organisation',
      pharmacist: 'region',
      auditor: 'region',
    },
  },
  'patient.attach': { operator: false, patientData: true, roles: { doctor: 'organisation' } },
  'audit.read': { operator: false, patientData: false, roles: { auditor: 'region' } },
  'audit.verify': {
    operator: true,
    patientData: false,
    roles: { auditor: 'region', region_admin: 'region' },
  },
  // The clinical records (docs/adr/0012-clinical-records.md): a write targets the organisation
  // that keeps the record (the registering specialist's, the deciding commission's, the
  // prescriber's); a read of a patient's register targets the patient's current attachment,
  // like patient.read.
  'registration.create': { operator: false, patientData: true, roles: { doctor: 'organisation' } },
  'registration.close': { operator: false, patientData: true, roles: { doctor: 'organisation' } },
  'registration.read': {
    operator: false,
    patientData: true,
    roles: { doctor: 'organisation', commission_member: 'organisation', auditor: 'region' },
  },
  'commission.record': {
    operator: false,
    patientData: true,
    roles: { commission_member: 'organisation' },
  },
  'commission.read': {
    operator: false,
    patientData: true,
    roles: { doctor: 'organisation', commission_member: 'organisation', auditor: 'region' },
  },
  'prescription.issue': { operator: false, patientData: true, roles: { doctor: 'organisation' } },
  'prescription.cancel': { operator: false, patientData: true, roles: { doctor: 'organisation' } },
  // A pharmacy dispenses prescriptions written anywhere in its region.
  'prescription.read': {
    operator: false,
    patientData: true,
    roles: { doctor: 'organisation', pharmacist: 'region', auditor: 'region' },
  },
  // ── Dispensing ── A pharmacist acts for their own pharmacy (the target is the pharmacy),
  // on prescriptions of the pharmacy's region.
  'prescription.find': {
    operator: false,
    patientData: true,
    roles: { pharmacist: 'organisation' },
  },
  'dispense.record': { operator: false, patientData: true, roles: { pharmacist: 'organisation' } },
  'dispense.defer': { operator: false, patientData: true, roles: { pharmacist: 'organisation' } },
  // The ledger of a prescription (the target is the prescribing organisation): any pharmacy of
  // the region may serve what is left, so its pharmacists see what others dispensed.
  'dispense.read': {
    operator: false,
    patientData: true,
    roles: { pharmacist: 'region', auditor: 'region', doctor: 'organisation' },
  },
  // ── Analytics ── Counts only (docs/adr/0018, 0019): they name no patient, so the local
  // operator may run them too (the CLI without a token). NOTE: the need-and-budget answer does
  // not suppress small counts yet (a count of one for a rare disease can point at a person); the
  // impact and gap counts do. Lists naming patients (internal ids) are for the region's staff
  // who plan and audit, and each patient listed is audited.
  'analytics.aggregate': {
    operator: true,
    patientData: false,
    roles: { region_admin: 'region', auditor: 'region' },
  },
  'analytics.patients': {
    operator: false,
    patientData: true,
    roles: { region_admin: 'region', auditor: 'region' },
  },
  // The decisions an organisation's commission recorded (those expiring soon, to renew them):
  // the target is the commission's organisation; the region's auditor reads them too.
  'commission.list': {
    operator: false,
    patientData: true,
    roles: { commission_member: 'organisation', auditor: 'region' },
  },
  // A pharmacy's journal of a day (what it dispensed and deferred): the target is the pharmacy.
  'dispense.journal': {
    operator: false,
    patientData: true,
    roles: { pharmacist: 'organisation', auditor: 'region' },
  },
  // The accounts holding a role in a region and their roles (never a password or its hash).
  'account.list': { operator: true, patientData: false, roles: { region_admin: 'region' } },
  // The region's operational parameters (provision.yaml): reviewed data, read-only on a screen.
  'provision.read': {
    operator: true,
    patientData: false,
    roles: { region_admin: 'region', auditor: 'region' },
  },
};

/** Who acts: a staff account and the roles it holds, or the local operator (CLI). */
export type Actor =
  | { kind: 'staff'; accountId: string; grants: readonly RoleGrant[] }
  | { kind: 'operator'; name: string };

/** What is acted on: a region, and the organisation it belongs to where there is one. */
export interface Target {
  region: string;
  organisation: string | null;
}

export type Decision =
  | { allowed: true; operation: Operation; grant: RoleGrant | null; scope: Scope | 'operator' }
  | {
      allowed: false;
      operation: Operation;
      code: 'role_not_permitted' | 'other_region' | 'other_organisation';
      reason: string;
      /** The grant closest to allowing it, for the audit record. */
      grant: RoleGrant | null;
    };

function withinScope(grant: RoleGrant, scope: Scope, target: Target): boolean {
  if (grant.region !== target.region) return false;
  switch (scope) {
    case 'region':
      return true;
    case 'organisation':
      return grant.organisation !== null && grant.organisation === target.organisation;
    default: {
      const unhandled: never = scope;
      throw new Error(`unhandled scope ${String(unhandled)}`);
    }
  }
}

export function authorize(actor: Actor, operation: Operation, target: Target): Decision {
  const permission = PERMISSIONS[operation];
  if (actor.kind === 'operator') {
    return permission.operator
      ? { allowed: true, operation, grant: null, scope: 'operator' }
      : {
          allowed: false,
          operation,
          code: 'role_not_permitted',
          reason: `${operation} is not open to the local operator: sign in with a staff role`,
          grant: null,
        };
  }
  const eligible = actor.grants.filter((g) => permission.roles[g.role] !== undefined);
  for (const grant of eligible) {
    const scope = permission.roles[grant.role];
    if (scope && withinScope(grant, scope, target)) {
      return { allowed: true, operation, grant, scope };
    }
  }
  const first = eligible[0];
  if (!first) {
    const roles = Object.keys(permission.roles).join(', ');
    return {
      allowed: false,
      operation,
      code: 'role_not_permitted',
      reason: `${operation} needs one of the roles ${roles}`,
      grant: actor.grants[0] ?? null,
    };
  }
  const inRegion = eligible.find((g) => g.region === target.region);
  return inRegion
    ? {
        allowed: false,
        operation,
        code: 'other_organisation',
        reason: `${operation} as ${inRegion.role} is limited to the role's own organisation`,
        grant: inRegion,
      }
    : {
        allowed: false,
        operation,
        code: 'other_region',
        reason: `${operation} is limited to the region of the role (${first.region})`,
        grant: first,
      };
}

/**
 * Whether the actor may do `operation` anywhere at all: a role the table lists for it, or the
 * operator where the table lets it. For answers that name no target yet — "no patient with
 * this IIN" must be told only to someone who may read patients somewhere.
 */
export function mayEverDo(actor: Actor, operation: Operation): boolean {
  const permission = PERMISSIONS[operation];
  if (actor.kind === 'operator') return permission.operator;
  return actor.grants.some((g) => permission.roles[g.role] !== undefined);
}
