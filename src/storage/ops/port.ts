/**
 * The operations storage port. Every write of patients' data happens in one
 * transaction with its audit record; the audit chain is extended under a lock
 * on its head row so concurrent writers queue and never fork it.
 */
import type { AuditEntry, AuditRecord, ChainCheck, ChainHead } from '../../ops/audit.ts';
import type { LoginState } from '../../ops/login.ts';
import type { Attachment, Organisation, Patient, RoleGrant } from '../../ops/model.ts';

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

/** What an account shows of itself: never its password hash or login state. */
export interface AccountSummary {
  id: string;
  username: string;
  displayName: string;
}

export interface OpsStorage {
  readonly kind: string;
  /** Applies pending operations migrations (ids 100+); returns those applied now. */
  migrate(): Promise<number[]>;

  /** Appends one record to the audit chain, alone (refusals, reads, logins). */
  appendAudit(entry: AuditEntry): Promise<AuditRecord>;
  /** Records with sequence > `after`, in order, at most `limit`. */
  auditPage(after: number, limit: number): Promise<AuditRecord[]>;
  /** Records acted in organisations of `region` (id prefix `KZ-NN/`), sequence > `after`. */
  auditPageForRegion(region: string, after: number, limit: number): Promise<AuditRecord[]>;
  auditHead(): Promise<ChainHead>;
  /** Walks the whole chain page by page against the stored head. */
  verifyAuditChain(pageSize?: number): Promise<ChainCheck>;

  createOrganisation(org: Organisation, audit: AuditEntry): Promise<Created>;
  listOrganisations(region: string): Promise<Organisation[]>;
  organisation(id: string): Promise<Organisation | null>;

  createAccount(account: NewAccount, audit: AuditEntry): Promise<Created>;
  accountForLogin(username: string): Promise<AccountForLogin | null>;
  account(id: string): Promise<AccountSummary | null>;
  grantsOf(accountId: string): Promise<RoleGrant[]>;
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

  close(): Promise<void>;
}
