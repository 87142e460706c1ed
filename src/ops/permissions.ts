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
  // A patient's own records ("my medicines", docs/adr/0020-patient-access.md): the target is the
  // patient themself, and no staff role holds them.
  'own.register.read',
  'own.prescriptions.read',
  'own.dispenses.read',
  'own.entitlements.read',
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
  /**
   * Whether a signed-in patient may do it, and then only about themself (`self`: the target
   * names the patient, and it must be the actor). Every row says so: the compiler demands it.
   */
  patient: 'self' | 'never';
}

export const PERMISSIONS: Record<Operation, Permission> = {
  'organisation.create': {
    patient: 'never',
    operator: true,
    patientData: false,
    roles: { region_admin: 'region' },
  },
  'organisation.list': {
    patient: 'never',
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
  'account.create': {
    patient: 'never',
    operator: true,
    patientData: false,
    roles: { region_admin: 'region' },
  },
  // A bearer token for a system account (an integration): minted like an account is created.
  'account.token': {
    patient: 'never',
    operator: true,
    patientData: false,
    roles: { region_admin: 'region' },
  },
  'patient.create': {
    patient: 'never',
    operator: false,
    patientData: true,
    roles: { doctor: 'organisation' },
  },
  // A pharmacy serves patients attached anywhere in its region.
  'patient.read': {
    patient: 'never',
    operator: false,
    patientData: true,
    roles: {
      doctor: 'organisation',
      commission_member: 'organisation',
      pharmacist: 'region',
      auditor: 'region',
    },
  },
  'patient.attach': {
    patient: 'never',
    operator: false,
    patientData: true,
    roles: { doctor: 'organisation' },
  },
  'audit.read': {
    patient: 'never',
    operator: false,
    patientData: false,
    roles: { auditor: 'region' },
  },
  'audit.verify': {
    patient: 'never',
    operator: true,
    patientData: false,
    roles: { auditor: 'region', region_admin: 'region' },
  },
  // The clinical records (docs/adr/0012-clinical-records.md): a write targets the organisation
  // that keeps the record (the registering specialist's, the deciding commission's, the
  // prescriber's); a read of a patient's register targets the patient's current attachment,
  // like patient.read.
  'registration.create': {
    patient: 'never',
    operator: false,
    patientData: true,
    roles: { doctor: 'organisation' },
  },
  'registration.close': {
    patient: 'never',
    operator: false,
    patientData: true,
    roles: { doctor: 'organisation' },
  },
  'registration.read': {
    patient: 'never',
    operator: false,
    patientData: true,
    roles: { doctor: 'organisation', commission_member: 'organisation', auditor: 'region' },
  },
  'commission.record': {
    patient: 'never',
    operator: false,
    patientData: true,
    roles: { commission_member: 'organisation' },
  },
  'commission.read': {
    patient: 'never',
    operator: false,
    patientData: true,
    roles: { doctor: 'organisation', commission_member: 'organisation', auditor: 'region' },
  },
  'prescription.issue': {
    patient: 'never',
    operator: false,
    patientData: true,
    roles: { doctor: 'organisation' },
  },
  'prescription.cancel': {
    patient: 'never',
    operator: false,
    patientData: true,
    roles: { doctor: 'organisation' },
  },
  // A pharmacy dispenses prescriptions written anywhere in its region.
  'prescription.read': {
    patient: 'never',
    operator: false,
    patientData: true,
    roles: { doctor: 'organisation', pharmacist: 'region', auditor: 'region' },
  },
  // ── Dispensing ── A pharmacist acts for their own pharmacy (the target is the pharmacy),
  // on prescriptions of the pharmacy's region.
  'prescription.find': {
    patient: 'never',
    operator: false,
    patientData: true,
    roles: { pharmacist: 'organisation' },
  },
  'dispense.record': {
    patient: 'never',
    operator: false,
    patientData: true,
    roles: { pharmacist: 'organisation' },
  },
  'dispense.defer': {
    patient: 'never',
    operator: false,
    patientData: true,
    roles: { pharmacist: 'organisation' },
  },
  // The ledger of a prescription (the target is the prescribing organisation): any pharmacy of
  // the region may serve what is left, so its pharmacists see what others dispensed.
  'dispense.read': {
    patient: 'never',
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
    patient: 'never',
    operator: true,
    patientData: false,
    roles: { region_admin: 'region', auditor: 'region' },
  },
  'analytics.patients': {
    patient: 'never',
    operator: false,
    patientData: true,
    roles: { region_admin: 'region', auditor: 'region' },
  },
  // The decisions an organisation's commission recorded (those expiring soon, to renew them):
  // the target is the commission's organisation; the region's auditor reads them too.
  'commission.list': {
    patient: 'never',
    operator: false,
    patientData: true,
    roles: { commission_member: 'organisation', auditor: 'region' },
  },
  // A pharmacy's journal of a day (what it dispensed and deferred): the target is the pharmacy.
  'dispense.journal': {
    patient: 'never',
    operator: false,
    patientData: true,
    roles: { pharmacist: 'organisation', auditor: 'region' },
  },
  // The accounts holding a role in a region and their roles (never a password or its hash).
  'account.list': {
    patient: 'never',
    operator: true,
    patientData: false,
    roles: { region_admin: 'region' },
  },
  // The region's operational parameters (provision.yaml): reviewed data, read-only on a screen.
  'provision.read': {
    patient: 'never',
    operator: true,
    patientData: false,
    roles: { region_admin: 'region', auditor: 'region' },
  },
  // ── A patient's own records ── No staff role and not the operator: staff read a patient's
  // records through the operations above, each within its own scope.
  'own.register.read': { patient: 'self', operator: false, patientData: true, roles: {} },
  'own.prescriptions.read': { patient: 'self', operator: false, patientData: true, roles: {} },
  'own.dispenses.read': { patient: 'self', operator: false, patientData: true, roles: {} },
  'own.entitlements.read': { patient: 'self', operator: false, patientData: true, roles: {} },
};

/**
 * Who acts: a staff account and the roles it holds, the local operator (CLI), or a patient
 * signed in to their own records (a one-time code, src/app/ops/patient-access.ts) — a patient
 * holds no role, so no staff row can ever allow them.
 */
export type Actor =
  | { kind: 'staff'; accountId: string; grants: readonly RoleGrant[] }
  | { kind: 'operator'; name: string }
  | { kind: 'patient'; patientId: string };

/** What is acted on: a region, and the organisation it belongs to where there is one. */
export interface Target {
  region: string;
  organisation: string | null;
  /**
   * The patient whose records these are, for the operations a patient may do about themself: a
   * patient actor is allowed only where it is the actor's own id (absent: refused).
   */
  patient?: string;
}

export type Decision =
  | {
      allowed: true;
      operation: Operation;
      grant: RoleGrant | null;
      scope: Scope | 'operator' | 'self';
    }
  | {
      allowed: false;
      operation: Operation;
      code: 'role_not_permitted' | 'other_region' | 'other_organisation' | 'other_patient';
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

/** A patient: only a `self` operation, and only about themself. */
function authorizePatient(patientId: string, operation: Operation, target: Target): Decision {
  if (PERMISSIONS[operation].patient !== 'self') {
    return {
      allowed: false,
      operation,
      code: 'role_not_permitted',
      reason: `${operation} is not open to a patient`,
      grant: null,
    };
  }
  return target.patient !== undefined && target.patient === patientId
    ? { allowed: true, operation, grant: null, scope: 'self' }
    : {
        allowed: false,
        operation,
        code: 'other_patient',
        reason: `${operation}: a patient reads only their own records`,
        grant: null,
      };
}

export function authorize(actor: Actor, operation: Operation, target: Target): Decision {
  const permission = PERMISSIONS[operation];
  if (actor.kind === 'patient') return authorizePatient(actor.patientId, operation, target);
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
  if (actor.kind === 'patient') return permission.patient === 'self';
  return actor.grants.some((g) => permission.roles[g.role] !== undefined);
}
