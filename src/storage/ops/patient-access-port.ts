/**
 * What a patient's sign-in asks of storage (docs/adr/0020-patient-access.md): one-time codes
 * and patient sessions, each change in one transaction with its audit record. Only hashes are
 * stored.
 */
import type { AuditEntry } from '../../ops/audit.ts';

export interface NewPatientCode {
  challengeHash: string;
  patientId: string;
  codeHmac: string;
  createdAt: string;
  expiresAt: string;
}

export interface PatientCodeRow extends NewPatientCode {
  attempts: number;
  closedAt: string | null;
}

export interface PatientSessionRow {
  patientId: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface PatientAccessStorage {
  /** Stores a new code, closing the patient's earlier open codes, with the audit record. */
  storeCode(code: NewPatientCode, audit: AuditEntry): Promise<void>;
  code(challengeHash: string): Promise<PatientCodeRow | null>;
  /** Counts a wrong attempt (closing the code at `closeAt` when given), with the audit record. */
  recordWrongCode(challengeHash: string, closeAt: string | null, audit: AuditEntry): Promise<void>;
  /**
   * Closes the code and opens the session, with the audit record; false when the code was
   * closed meanwhile (nothing written).
   */
  acceptCode(
    challengeHash: string,
    session: { tokenHash: string; patientId: string; createdAt: string; expiresAt: string },
    audit: AuditEntry,
  ): Promise<boolean>;
  session(tokenHash: string): Promise<PatientSessionRow | null>;
  revokeSession(tokenHash: string, at: string, audit: AuditEntry): Promise<boolean>;
}
