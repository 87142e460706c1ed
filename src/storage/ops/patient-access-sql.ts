/** The PatientAccessStorage port over any SqlClient (PGlite or PostgreSQL). */
import type { AuditEntry } from '../../ops/audit.ts';
import type { SqlClient } from '../sql-client.ts';
import { appendAuditIn } from './audit-sql.ts';
import type {
  NewPatientCode,
  PatientAccessStorage,
  PatientCodeRow,
  PatientSessionRow,
} from './patient-access-port.ts';
import { iso } from './rows.ts';

const isoOrNull = (v: unknown): string | null => (v === null ? null : iso(v));

export class SqlPatientAccessStorage implements PatientAccessStorage {
  constructor(private readonly db: SqlClient) {}

  storeCode(code: NewPatientCode, audit: AuditEntry): Promise<void> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        'UPDATE ops_patient_codes SET closed_at = $2 WHERE patient_id = $1 AND closed_at IS NULL',
        [code.patientId, code.createdAt],
      );
      await tx.query(
        `INSERT INTO ops_patient_codes (challenge_hash, patient_id, code_hmac, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [code.challengeHash, code.patientId, code.codeHmac, code.createdAt, code.expiresAt],
      );
      await appendAuditIn(tx, audit);
    });
  }

  async code(challengeHash: string): Promise<PatientCodeRow | null> {
    const [row] = await this.db.query<{
      patient_id: string;
      code_hmac: string;
      created_at: unknown;
      expires_at: unknown;
      attempts: number;
      closed_at: unknown;
    }>(
      `SELECT patient_id, code_hmac, created_at, expires_at, attempts, closed_at
       FROM ops_patient_codes WHERE challenge_hash = $1`,
      [challengeHash],
    );
    if (!row) return null;
    return {
      challengeHash,
      patientId: row.patient_id,
      codeHmac: row.code_hmac,
      createdAt: iso(row.created_at),
      expiresAt: iso(row.expires_at),
      attempts: Number(row.attempts),
      closedAt: isoOrNull(row.closed_at),
    };
  }

  recordWrongCode(challengeHash: string, closeAt: string | null, audit: AuditEntry): Promise<void> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE ops_patient_codes SET attempts = attempts + 1, closed_at = COALESCE(closed_at, $2)
         WHERE challenge_hash = $1`,
        [challengeHash, closeAt],
      );
      await appendAuditIn(tx, audit);
    });
  }

  acceptCode(
    challengeHash: string,
    session: { tokenHash: string; patientId: string; createdAt: string; expiresAt: string },
    audit: AuditEntry,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const closed = await tx.query(
        `UPDATE ops_patient_codes SET closed_at = $2
         WHERE challenge_hash = $1 AND closed_at IS NULL RETURNING challenge_hash`,
        [challengeHash, session.createdAt],
      );
      if (closed.length === 0) return false;
      await tx.query(
        `INSERT INTO ops_patient_sessions (token_hash, patient_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4)`,
        [session.tokenHash, session.patientId, session.createdAt, session.expiresAt],
      );
      await appendAuditIn(tx, audit);
      return true;
    });
  }

  async session(tokenHash: string): Promise<PatientSessionRow | null> {
    const [row] = await this.db.query<{
      patient_id: string;
      expires_at: unknown;
      revoked_at: unknown;
    }>(
      'SELECT patient_id, expires_at, revoked_at FROM ops_patient_sessions WHERE token_hash = $1',
      [tokenHash],
    );
    if (!row) return null;
    return {
      patientId: row.patient_id,
      expiresAt: iso(row.expires_at),
      revokedAt: isoOrNull(row.revoked_at),
    };
  }

  revokeSession(tokenHash: string, at: string, audit: AuditEntry): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query(
        `UPDATE ops_patient_sessions SET revoked_at = $2
         WHERE token_hash = $1 AND revoked_at IS NULL RETURNING token_hash`,
        [tokenHash, at],
      );
      if (rows.length === 0) return false;
      await appendAuditIn(tx, audit);
      return true;
    });
  }
}
