/**
 * The operations storage port. Every write of patients' data happens in one
 * transaction with its audit record; the audit chain is extended under a lock
 * on its head row so concurrent writers queue and never fork it.
 */
import type { AuditEntry, AuditRecord } from '../../ops/audit.ts';
import type { AnchorHead } from '../../ops/audit-anchor.ts';
import type { AuditHeads, ChainCheck } from '../../ops/audit-check.ts';
import type { AuditQuery } from '../../ops/audit-search.ts';
import type {
  CommissionDecision,
  DispensaryRegistration,
  Prescription,
  PrescriptionSignature,
  PrescriptionStatus,
  UnsignedPrescription,
} from '../../ops/clinical.ts';
import type { LoginState } from '../../ops/login.ts';
import type { SupplyConflict, SupplyPeriod } from '../../ops/prescribing.ts';
import type { IsoDate } from '../../domain/date.ts';
import type { Attachment, Organisation, Patient, RoleGrant } from '../../ops/model.ts';
import type { AnalyticsStorage } from './analytics-port.ts';
import type { DispensingStorage } from './dispensing-port.ts';
import type { PatientAccessStorage } from './patient-access-port.ts';

export interface NewAccount {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  grants: readonly RoleGrant[];
}

export interface AccountForLogin extends LoginState {
  id: string;
  passwordHash: string;
}

export interface SessionRow {
  accountId: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface NewSession {
  tokenHash: string;
  accountId: string;
  createdAt: string;
  expiresAt: string;
}

export type Created = 'created' | 'exists';

/** A prescription as stored: `expired` is never stored, a reader computes it. */
export type StoredPrescription = Omit<Prescription, 'status'> & {
  status: Exclude<PrescriptionStatus, 'expired'>;
};

/** A prescription to issue: all but its number (region, year and a serial from a sequence) and signature. */
export interface PrescriptionDraft {
  unsigned: Omit<UnsignedPrescription, 'number'>;
  /** The guard key: the INN, else the name, lower case. */
  productKey: string;
  /** The last day the supply covers. */
  supplyTo: IsoDate;
}

export type IssueResult =
  { ok: true; prescription: StoredPrescription } | { ok: false; conflict: SupplyConflict };

/** The audit record of an issue's each ending: issued, or refused by the supply guard. */
export interface IssueAudit {
  issued: AuditEntry;
  /** About the same subject as `issued` (its shard is locked before the guard runs). */
  refused: AuditEntry;
}

/** What an issue reads before its transaction, in one statement. */
export interface IssueContext {
  /** The organisation the request names, of whatever kind. */
  organisation: Organisation | null;
  patient: Patient | null;
  /** The patient's register: what the engine's facts are built from (src/ops/facts.ts). */
  registrations: DispensaryRegistration[];
  decisions: CommissionDecision[];
}

/** What an account shows of itself: never its password hash or login state. */
export interface AccountSummary {
  id: string;
  username: string;
  displayName: string;
}

/** An account as its region's administrator sees it: who, and the roles held in the region. */
export interface AccountWithGrants extends AccountSummary {
  grants: RoleGrant[];
}

export interface OpsStorage {
  readonly kind: string;
  /** Applies pending operations migrations (ids 100+); returns those applied now. */
  migrate(): Promise<number[]>;

  /** Appends one record to the audit chain, alone (refusals, reads, logins). */
  appendAudit(entry: AuditEntry): Promise<AuditRecord>;
  /**
   * Records with global id > `after`, by id, at most `limit`. Ids are not in commit order: a
   * smaller id may appear after a larger one was read (docs/adr/0011 §4).
   */
  auditPage(after: number, limit: number): Promise<AuditRecord[]>;
  /** Records acted in organisations of `region` (id prefix `KZ-NN/`), sequence > `after`. */
  auditPageForRegion(region: string, after: number, limit: number): Promise<AuditRecord[]>;
  /** The auditor's search: a region's records matching the query, newest first (issue 12). */
  searchAudit(query: AuditQuery): Promise<AuditRecord[]>;
  /** Every shard's head, the anchors' head and the largest global id. */
  auditHead(): Promise<AuditHeads>;
  /** Writes an anchor committing every shard's head now (an audit verify does, after it). */
  anchorAudit(at: string): Promise<AnchorHead>;
  /** Walks the anchors and every shard page by page against the stored heads. */
  verifyAuditChain(pageSize?: number): Promise<ChainCheck>;

  createOrganisation(org: Organisation, audit: AuditEntry): Promise<Created>;
  listOrganisations(region: string): Promise<Organisation[]>;
  organisation(id: string): Promise<Organisation | null>;

  createAccount(account: NewAccount, audit: AuditEntry): Promise<Created>;
  accountForLogin(username: string): Promise<AccountForLogin | null>;
  account(id: string): Promise<AccountSummary | null>;
  grantsOf(accountId: string): Promise<RoleGrant[]>;
  /** Accounts holding a role in `region`, by user name after `afterUsername`, at most `limit`. */
  accountsOfRegion(
    region: string,
    afterUsername: string | null,
    limit: number,
  ): Promise<AccountWithGrants[]>;
  /** Stores the login state after an attempt, the session on success, and the audit record, at once. */
  recordLogin(
    accountId: string | null,
    state: LoginState | null,
    session: NewSession | null,
    audit: AuditEntry,
  ): Promise<void>;
  session(tokenHash: string): Promise<SessionRow | null>;
  revokeSession(tokenHash: string, at: string, audit: AuditEntry): Promise<boolean>;

  createPatient(patient: Patient, audit: AuditEntry): Promise<Created>;
  /** The patient as stored; the caller authorises and audits the read before handing it out. */
  patient(id: string): Promise<Patient | null>;
  /** The internal id of the patient with this (valid) IIN, or null. */
  patientIdByIin(iin: string): Promise<string | null>;
  /** Closes the open attachment (if any) and opens the next, with the audit record, at once. */
  changeAttachment(
    patientId: string,
    closed: Attachment | null,
    opened: Attachment,
    audit: AuditEntry,
  ): Promise<void>;

  // ── Clinical records (docs/adr/0012-clinical-records.md) ──
  /** 'exists': the patient already has an open registration for the code. */
  createRegistration(registration: DispensaryRegistration, audit: AuditEntry): Promise<Created>;
  registration(id: string): Promise<DispensaryRegistration | null>;
  registrationsOf(patientId: string): Promise<DispensaryRegistration[]>;
  /** Closes an open registration; false when it was closed meanwhile (nothing changed). */
  closeRegistration(
    id: string,
    to: IsoDate,
    deregistration: NonNullable<DispensaryRegistration['deregistration']>,
    audit: AuditEntry,
  ): Promise<boolean>;
  /**
   * Records a decision, marking the one it revokes in the same transaction. 'exists': the
   * same protocol is recorded; 'revoked_already': the decision it revokes was revoked meanwhile.
   */
  recordCommissionDecision(
    decision: CommissionDecision,
    audit: AuditEntry,
  ): Promise<Created | 'revoked_already'>;
  commissionDecision(id: string): Promise<CommissionDecision | null>;
  commissionDecisionsOf(patientId: string): Promise<CommissionDecision[]>;
  /** An organisation's decisions (not revoked, not revocations) whose validity ends in [from, to]. */
  decisionsExpiring(
    organisation: string,
    from: IsoDate,
    to: IsoDate,
  ): Promise<CommissionDecision[]>;
  /** The organisation, the patient and the patient's register, in one round trip. */
  issueContext(organisation: string, patientId: string): Promise<IssueContext>;
  /**
   * Issues in one transaction under the patient's row lock: `guard` sees the patient's earlier
   * supplies of the product (not cancelled, nor expired undispensed) and may refuse (its audit
   * record `refused` is written, nothing else, no serial drawn); else a sequence gives the
   * number's serial, `sign` signs the numbered prescription, and it is stored with the audit
   * record `issued`.
   */
  issuePrescription(
    draft: PrescriptionDraft,
    guard: (previous: SupplyPeriod[]) => SupplyConflict | null,
    sign: (prescription: UnsignedPrescription) => PrescriptionSignature,
    audit: IssueAudit,
  ): Promise<IssueResult>;
  prescription(by: { id: string } | { number: string }): Promise<StoredPrescription | null>;
  /** A patient's prescriptions issued within the dates (both included, null: open), oldest first. */
  prescriptionsOf(
    patientId: string,
    issued: { from: IsoDate | null; to: IsoDate | null },
  ): Promise<StoredPrescription[]>;
  /** Cancels an active prescription; false when it is not active (nothing changed). */
  cancelPrescription(
    id: string,
    cancellation: NonNullable<Prescription['cancellation']>,
    audit: AuditEntry,
  ): Promise<boolean>;
  /** The dispensing ledger: prescriptions as pharmacies see them, dispenses and deferrals. */
  readonly dispensing: DispensingStorage;
  /** Aggregate counts over the register and the ledger (no patient in the answer). */
  readonly analytics: AnalyticsStorage;
  /** A patient's one-time codes and sessions (docs/adr/0020-patient-access.md). */
  readonly patientAccess: PatientAccessStorage;

  close(): Promise<void>;
}
