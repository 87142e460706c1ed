/** The audit chain on SQL: append under the head row's lock, read pages, verify. */
import { createHash } from 'node:crypto';
import {
  compareHead,
  EMPTY_HEAD,
  extendChain,
  verifyLinks,
  type AuditEntry,
  type AuditRecord,
  type ChainCheck,
  type ChainHead,
} from '../../ops/audit.ts';
import type { SqlClient } from '../sql-client.ts';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface AuditRow extends Record<string, unknown> {
  sequence: string | number;
  at: string;
  actor_id: string | null;
  role: string | null;
  organisation: string | null;
  action: string;
  patient_ref: string | null;
  purpose: string | null;
  request_id: string | null;
  outcome: AuditRecord['outcome'];
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export const toAuditRecord = (r: AuditRow): AuditRecord => ({
  sequence: Number(r.sequence),
  at: r.at,
  actorId: r.actor_id,
  role: r.role,
  organisation: r.organisation,
  action: r.action,
  patientRef: r.patient_ref,
  purpose: r.purpose,
  requestId: r.request_id,
  outcome: r.outcome,
  detail: r.detail,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * Must run inside a transaction: the head row stays locked until it commits. Two statements
 * under the lock (read the head; insert the record and move the head in one), so the one row
 * every audited write queues on is held for as few round trips as the chain allows. Callers
 * append last in their transaction, so the lock is taken as late as it can be.
 */
export async function appendAuditIn(tx: SqlClient, entry: AuditEntry): Promise<AuditRecord> {
  const [head] = await tx.query<{ sequence: string | number; hash: string }>(
    'SELECT sequence, hash FROM ops_audit_head WHERE id = 1 FOR UPDATE',
  );
  if (!head) throw new Error('the audit chain head is missing: run the migrations');
  const record = extendChain(sha256, { sequence: Number(head.sequence), hash: head.hash }, entry);
  const moved = await tx.query(
    `WITH moved AS (
       UPDATE ops_audit_head SET sequence = $1, hash = $13 WHERE id = 1 RETURNING id
     )
     INSERT INTO ops_audit (sequence, at, actor_id, role, organisation, action, patient_ref,
       purpose, request_id, outcome, detail, prev_hash, hash)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 FROM moved RETURNING sequence`,
    [
      record.sequence,
      record.at,
      record.actorId,
      record.role,
      record.organisation,
      record.action,
      record.patientRef,
      record.purpose,
      record.requestId,
      record.outcome,
      record.detail,
      record.prevHash,
      record.hash,
    ],
  );
  if (moved.length !== 1) throw new Error('the audit chain head is missing: run the migrations');
  return record;
}

export async function auditPage(
  db: SqlClient,
  after: number,
  limit: number,
): Promise<AuditRecord[]> {
  const rows = await db.query<AuditRow>(
    'SELECT * FROM ops_audit WHERE sequence > $1 ORDER BY sequence LIMIT $2',
    [after, limit],
  );
  return rows.map(toAuditRecord);
}

export async function auditPageForRegion(
  db: SqlClient,
  region: string,
  after: number,
  limit: number,
): Promise<AuditRecord[]> {
  const rows = await db.query<AuditRow>(
    `SELECT * FROM ops_audit WHERE sequence > $1 AND starts_with(organisation, $3)
     ORDER BY sequence LIMIT $2`,
    [after, limit, `${region}/`],
  );
  return rows.map(toAuditRecord);
}

export async function auditHead(db: SqlClient): Promise<ChainHead> {
  const [head] = await db.query<{ sequence: string | number; hash: string }>(
    'SELECT sequence, hash FROM ops_audit_head WHERE id = 1',
  );
  return head ? { sequence: Number(head.sequence), hash: head.hash } : EMPTY_HEAD;
}

/**
 * Walks the chain page by page and compares its end with the stored head, in
 * one REPEATABLE READ snapshot: every append moves the head in the same
 * transaction, so in a snapshot a row past the head was not written by an append.
 */
export function verifyAuditChainIn(db: SqlClient, pageSize = 1000): Promise<ChainCheck> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    return walkAuditChain(tx, pageSize);
  });
}

/**
 * The walk of verifyAuditChainIn inside the caller's transaction: a restore checks the chain it
 * wrote before it commits (src/storage/backup/restore.ts).
 */
export async function walkAuditChain(tx: SqlClient, pageSize = 1000): Promise<ChainCheck> {
  const stored = await auditHead(tx);
  let head = EMPTY_HEAD;
  for (;;) {
    const page = await auditPage(tx, head.sequence, pageSize);
    const check = verifyLinks(sha256, head, page);
    if (!check.ok) return check;
    head = check.head;
    if (page.length < pageSize) break;
  }
  return compareHead(head, stored);
}
