/** The OpsStorage port over any SqlClient (PGlite or PostgreSQL; the same SQL). */
import { join } from 'node:path';
import type { AuditEntry, AuditRecord } from '../../ops/audit.ts';
import type { AnchorHead } from '../../ops/audit-anchor.ts';
import type { AuditHeads, ChainCheck } from '../../ops/audit-check.ts';
import type { AuditQuery } from '../../ops/audit-search.ts';
import type { LoginState } from '../../ops/login.ts';
import type { Attachment, Organisation, Patient, RoleGrant } from '../../ops/model.ts';
import type { IsoDate } from '../../domain/date.ts';
import type { RegionCode } from '../../domain/region.ts';
import { ROOT } from '../../paths.ts';
import { migrate, readMigrations } from '../migrate.ts';
import type { SqlClient } from '../sql-client.ts';
import {
  anchorAuditIn,
  appendAuditIn,
  auditHead,
  auditPage,
  auditPageForRegion,
} from './audit-sql.ts';
import { verifyAuditChainIn } from './audit-walk.ts';
import { searchAudit } from './audit-search-sql.ts';
import { accountsOfRegion } from './accounts-sql.ts';
import * as clinical from './clinical-sql.ts';
import { SqlAnalyticsStorage } from './analytics-sql.ts';
import { slicesFor } from '../analytics/session.ts';
import { SqlDispensingStorage } from './dispensing-sql.ts';
import { toOrganisation, type OrganisationRow } from './organisation-row.ts';
import { SqlPatientAccessStorage } from './patient-access-sql.ts';
import { PATIENT_SELECT, toPatient, type PatientRow } from './patient-row.ts';
import { iso } from './rows.ts';
import type {
  AccountForLogin,
  AccountSummary,
  AccountWithGrants,
  Created,
  IssueAudit,
  IssueContext,
  IssueResult,
  NewAccount,
  NewSession,
  OpsStorage,
  PrescriptionDraft,
  SessionRow,
  StoredPrescription,
} from './port.ts';
import type {
  CommissionDecision,
  DispensaryRegistration,
  Prescription,
  PrescriptionSignature,
  UnsignedPrescription,
} from '../../ops/clinical.ts';
import type { SupplyConflict, SupplyPeriod } from '../../ops/prescribing.ts';

// From the root, not this module's address: in the build (dist/*.js, bundled flat) it differs.
export const OPS_MIGRATIONS = join(ROOT, 'src/storage/ops/migrations/');

export class SqlOpsStorage implements OpsStorage {
  readonly dispensing: SqlDispensingStorage;
  readonly analytics: SqlAnalyticsStorage;
  readonly patientAccess: SqlPatientAccessStorage;

  constructor(
    readonly kind: string,
    /** The SQL client itself, for the contract suite's tampering tests and admin tools. */
    readonly db: SqlClient,
    /** How many parts of a region the register analyses read at once (`slicesFor`). */
    slices = slicesFor(kind),
  ) {
    this.dispensing = new SqlDispensingStorage(db);
    this.analytics = new SqlAnalyticsStorage(db, slices);
    this.patientAccess = new SqlPatientAccessStorage(db);
  }

  migrate(): Promise<number[]> {
    return migrate(this.db, readMigrations(OPS_MIGRATIONS));
  }

  appendAudit(entry: AuditEntry): Promise<AuditRecord> {
    return this.db.transaction((tx) => appendAuditIn(tx, entry, { last: true }));
  }

  auditPage(after: number, limit: number): Promise<AuditRecord[]> {
    return auditPage(this.db, after, limit);
  }

  auditPageForRegion(region: string, after: number, limit: number): Promise<AuditRecord[]> {
    return auditPageForRegion(this.db, region, after, limit);
  }

  searchAudit(query: AuditQuery): Promise<AuditRecord[]> {
    return searchAudit(this.db, query);
  }

  auditHead(): Promise<AuditHeads> {
    return auditHead(this.db);
  }

  anchorAudit(at: string): Promise<AnchorHead> {
    return this.db.transaction((tx) => anchorAuditIn(tx, at));
  }

  verifyAuditChain(pageSize?: number): Promise<ChainCheck> {
    return verifyAuditChainIn(this.db, pageSize);
  }

  createOrganisation(org: Organisation, audit: AuditEntry): Promise<Created> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO ops_organisations (id, region, code, kind, name_kk, name_ru, name_en)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
        [
          `${org.region}/${org.code}`,
          org.region,
          org.code,
          org.kind,
          org.name.kk,
          org.name.ru,
          org.name.en,
        ],
      );
      if (inserted.length === 0) return 'exists';
      await appendAuditIn(tx, audit);
      return 'created';
    });
  }

  async listOrganisations(region: string): Promise<Organisation[]> {
    const rows = await this.db.query<OrganisationRow>(
      'SELECT * FROM ops_organisations WHERE region = $1 ORDER BY code',
      [region],
    );
    return rows.map(toOrganisation);
  }

  async organisation(id: string): Promise<Organisation | null> {
    const [row] = await this.db.query<OrganisationRow>(
      'SELECT * FROM ops_organisations WHERE id = $1',
      [id],
    );
    return row ? toOrganisation(row) : null;
  }

  createAccount(account: NewAccount, audit: AuditEntry): Promise<Created> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO ops_accounts (id, username, display_name, password_hash)
         VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO NOTHING RETURNING id`,
        [account.id, account.username, account.displayName, account.passwordHash],
      );
      if (inserted.length === 0) return 'exists';
      for (const g of account.grants) {
        await tx.query(
          'INSERT INTO ops_role_grants (account_id, role, region, organisation) VALUES ($1, $2, $3, $4)',
          [account.id, g.role, g.region, g.organisation],
        );
      }
      await appendAuditIn(tx, audit);
      return 'created';
    });
  }

  async accountForLogin(username: string): Promise<AccountForLogin | null> {
    const [row] = await this.db.query<{
      id: string;
      password_hash: string;
      failures: number;
      locked_until: unknown;
    }>('SELECT id, password_hash, failures, locked_until FROM ops_accounts WHERE username = $1', [
      username,
    ]);
    if (!row) return null;
    return {
      id: row.id,
      passwordHash: row.password_hash,
      failures: Number(row.failures),
      lockedUntil: row.locked_until === null ? null : iso(row.locked_until),
    };
  }

  async account(id: string): Promise<AccountSummary | null> {
    const [row] = await this.db.query<{ id: string; username: string; display_name: string }>(
      'SELECT id, username, display_name FROM ops_accounts WHERE id = $1',
      [id],
    );
    return row ? { id: row.id, username: row.username, displayName: row.display_name } : null;
  }

  async grantsOf(accountId: string): Promise<RoleGrant[]> {
    const rows = await this.db.query<{
      role: RoleGrant['role'];
      region: string;
      organisation: string | null;
    }>(
      'SELECT role, region, organisation FROM ops_role_grants WHERE account_id = $1 ORDER BY role, region, organisation',
      [accountId],
    );
    return rows.map((r) => ({
      role: r.role,
      region: r.region as RegionCode,
      organisation: r.organisation,
    }));
  }

  accountsOfRegion(
    region: string,
    afterUsername: string | null,
    limit: number,
  ): Promise<AccountWithGrants[]> {
    return accountsOfRegion(this.db, region, afterUsername, limit);
  }

  recordLogin(
    accountId: string | null,
    state: LoginState | null,
    session: NewSession | null,
    audit: AuditEntry,
  ): Promise<void> {
    return this.db.transaction(async (tx) => {
      if (accountId !== null && state !== null) {
        await tx.query('UPDATE ops_accounts SET failures = $2, locked_until = $3 WHERE id = $1', [
          accountId,
          state.failures,
          state.lockedUntil,
        ]);
      }
      if (session) {
        await tx.query(
          'INSERT INTO ops_sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
          [session.tokenHash, session.accountId, session.createdAt, session.expiresAt],
        );
      }
      await appendAuditIn(tx, audit);
    });
  }

  async session(tokenHash: string): Promise<SessionRow | null> {
    const [row] = await this.db.query<{
      account_id: string;
      expires_at: unknown;
      revoked_at: unknown;
    }>('SELECT account_id, expires_at, revoked_at FROM ops_sessions WHERE token_hash = $1', [
      tokenHash,
    ]);
    if (!row) return null;
    return {
      accountId: row.account_id,
      expiresAt: iso(row.expires_at),
      revokedAt: row.revoked_at === null ? null : iso(row.revoked_at),
    };
  }

  revokeSession(tokenHash: string, at: string, audit: AuditEntry): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query(
        'UPDATE ops_sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL RETURNING token_hash',
        [tokenHash, at],
      );
      if (rows.length === 0) return false;
      await appendAuditIn(tx, audit);
      return true;
    });
  }

  createPatient(patient: Patient, audit: AuditEntry): Promise<Created> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO ops_patients (id, iin, family_name, given_name, patronymic, birth_date, sex, citizenship)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
        [
          patient.id,
          patient.iin,
          patient.familyName,
          patient.givenName,
          patient.patronymic,
          patient.birthDate,
          patient.sex,
          patient.citizenship,
        ],
      );
      if (inserted.length === 0) return 'exists';
      for (const a of patient.attachments) {
        await tx.query(
          'INSERT INTO ops_attachments (patient_id, organisation, from_date, to_date) VALUES ($1, $2, $3, $4)',
          [patient.id, a.organisation, a.from, a.to],
        );
      }
      await appendAuditIn(tx, audit);
      return 'created';
    });
  }

  async patientIdByIin(iin: string): Promise<string | null> {
    const [row] = await this.db.query<{ id: string }>(
      'SELECT id FROM ops_patients WHERE iin = $1',
      [iin],
    );
    return row?.id ?? null;
  }

  /** The patient with their attachments, in one statement. */
  async patient(id: string): Promise<Patient | null> {
    const [row] = await this.db.query<PatientRow>(`${PATIENT_SELECT} WHERE p.id = $1`, [id]);
    return row ? toPatient(row) : null;
  }

  changeAttachment(
    patientId: string,
    closed: Attachment | null,
    opened: Attachment,
    audit: AuditEntry,
  ): Promise<void> {
    return this.db.transaction(async (tx) => {
      if (closed) {
        const rows = await tx.query(
          `UPDATE ops_attachments SET to_date = $3
           WHERE patient_id = $1 AND from_date = $2 AND to_date IS NULL RETURNING patient_id`,
          [patientId, closed.from, closed.to],
        );
        if (rows.length !== 1) throw new Error('the open attachment changed meanwhile');
      }
      await tx.query(
        'INSERT INTO ops_attachments (patient_id, organisation, from_date, to_date) VALUES ($1, $2, $3, NULL)',
        [patientId, opened.organisation, opened.from],
      );
      await appendAuditIn(tx, audit);
    });
  }

  // Clinical records: src/storage/ops/clinical-sql.ts.
  createRegistration(registration: DispensaryRegistration, audit: AuditEntry): Promise<Created> {
    return clinical.createRegistration(this.db, registration, audit);
  }

  registration(id: string): Promise<DispensaryRegistration | null> {
    return clinical.registration(this.db, id);
  }

  registrationsOf(patientId: string): Promise<DispensaryRegistration[]> {
    return clinical.registrationsOf(this.db, patientId);
  }

  closeRegistration(
    id: string,
    to: IsoDate,
    deregistration: NonNullable<DispensaryRegistration['deregistration']>,
    audit: AuditEntry,
  ): Promise<boolean> {
    return clinical.closeRegistration(this.db, id, to, deregistration, audit);
  }

  recordCommissionDecision(
    decision: CommissionDecision,
    audit: AuditEntry,
  ): Promise<Created | 'revoked_already'> {
    return clinical.recordCommissionDecision(this.db, decision, audit);
  }

  commissionDecision(id: string): Promise<CommissionDecision | null> {
    return clinical.commissionDecision(this.db, id);
  }

  commissionDecisionsOf(patientId: string): Promise<CommissionDecision[]> {
    return clinical.commissionDecisionsOf(this.db, patientId);
  }

  decisionsExpiring(
    organisation: string,
    from: IsoDate,
    to: IsoDate,
  ): Promise<CommissionDecision[]> {
    return clinical.decisionsExpiring(this.db, organisation, from, to);
  }

  issueContext(organisation: string, patientId: string): Promise<IssueContext> {
    return clinical.issueContext(this.db, organisation, patientId);
  }

  issuePrescription(
    draft: PrescriptionDraft,
    guard: (previous: SupplyPeriod[]) => SupplyConflict | null,
    sign: (prescription: UnsignedPrescription) => PrescriptionSignature,
    audit: IssueAudit,
  ): Promise<IssueResult> {
    return clinical.issuePrescription(this.db, draft, guard, sign, audit);
  }

  prescription(by: { id: string } | { number: string }): Promise<StoredPrescription | null> {
    return clinical.prescription(this.db, by);
  }

  prescriptionsOf(
    patientId: string,
    issued: { from: IsoDate | null; to: IsoDate | null },
  ): Promise<StoredPrescription[]> {
    return clinical.prescriptionsOf(this.db, patientId, issued);
  }

  cancelPrescription(
    id: string,
    cancellation: NonNullable<Prescription['cancellation']>,
    audit: AuditEntry,
  ): Promise<boolean> {
    return clinical.cancelPrescription(this.db, id, cancellation, audit);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
