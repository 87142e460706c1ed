/**
 * The audit chains on SQL (docs/adr/0011 §4): append under one shard head's lock, anchor every
 * shard's head now and then, read pages. Verification walks every shard: ./audit-walk.ts.
 */
import { createHash } from 'node:crypto';
import { extendAnchors, type AnchorHead } from '../../ops/audit-anchor.ts';
import type { AuditHeads } from '../../ops/audit-check.ts';
import {
  extendShard,
  shardHashOf,
  type AuditEntry,
  type AuditRecord,
  type ShardHead,
} from '../../ops/audit.ts';
import type { SqlClient } from '../sql-client.ts';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface AuditRow extends Record<string, unknown> {
  sequence: string | number;
  shard: string | number;
  position: string | number;
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
  shard: Number(r.shard),
  position: Number(r.position),
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
 * Must run inside a transaction: the record's shard head stays locked until it commits. Two
 * statements under the lock (read the head and draw the global id; insert the record and move
 * the head in one). The shard is the entry's subject's (the patient, else the actor, else the
 * action), so writers about different subjects mostly take different heads. A transaction
 * appends once; callers append last, so the lock is taken as late as it can be. Every
 * `anchor_every`-th record of a shard also anchors all heads (anchorAuditIn).
 */
export async function appendAuditIn(tx: SqlClient, entry: AuditEntry): Promise<AuditRecord> {
  const [head] = await tx.query<{
    shard: number;
    position: string | number;
    hash: string;
    anchor_every: number;
    sequence: string | number;
  }>(
    `SELECT h.shard, h.position, h.hash, l.anchor_every,
       nextval('ops_audit_sequence_seq') AS sequence
     FROM ops_audit_heads h JOIN ops_audit_layout l ON h.shard = $1::bigint % l.shards
     FOR UPDATE OF h`,
    [shardHashOf(sha256, entry)],
  );
  if (!head) throw new Error('the audit shard heads are missing: run the migrations');
  const record = extendShard(
    sha256,
    { shard: Number(head.shard), position: Number(head.position), hash: head.hash },
    Number(head.sequence),
    entry,
  );
  const moved = await tx.query(
    `WITH moved AS (
       UPDATE ops_audit_heads SET position = $3, hash = $15 WHERE shard = $2 RETURNING shard
     )
     INSERT INTO ops_audit (sequence, shard, position, at, actor_id, role, organisation, action,
       patient_ref, purpose, request_id, outcome, detail, prev_hash, hash)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15 FROM moved
     RETURNING sequence`,
    [
      record.sequence,
      record.shard,
      record.position,
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
  if (moved.length !== 1) throw new Error('the audit shard head is missing: run the migrations');
  if (record.position % Number(head.anchor_every) === 0) await anchorAuditIn(tx, record.at);
  return record;
}

/**
 * Appends an anchor committing every shard's head as this transaction sees it. The anchor head
 * is locked first, then the heads are read in a statement of their own (a fresh snapshot under
 * READ COMMITTED): each anchor sees at least what the one before it committed. Shard heads are
 * only read, never locked here, so an anchor waits for no append and no append for it, except
 * the 1 in `anchor_every` that anchors itself.
 */
export async function anchorAuditIn(tx: SqlClient, at: string): Promise<AnchorHead> {
  const [head] = await tx.query<{ number: string | number; hash: string }>(
    'SELECT number, hash FROM ops_audit_anchor_head WHERE id = 1 FOR UPDATE',
  );
  if (!head) throw new Error('the audit anchor head is missing: run the migrations');
  const heads = await shardHeads(tx);
  const anchor = extendAnchors(sha256, { number: Number(head.number), hash: head.hash }, at, heads);
  await tx.query(
    `WITH moved AS (
       UPDATE ops_audit_anchor_head SET number = $1, hash = $5 WHERE id = 1 RETURNING id
     )
     INSERT INTO ops_audit_anchors (number, at, heads, prev_hash, hash)
     SELECT $1, $2, $3::jsonb, $4, $5 FROM moved`,
    [anchor.number, anchor.at, JSON.stringify(anchor.heads), anchor.prevHash, anchor.hash],
  );
  return { number: anchor.number, hash: anchor.hash };
}

export async function shardHeads(db: SqlClient): Promise<ShardHead[]> {
  const rows = await db.query<{ shard: number; position: string | number; hash: string }>(
    'SELECT shard, position, hash FROM ops_audit_heads ORDER BY shard',
  );
  return rows.map((r) => ({ shard: Number(r.shard), position: Number(r.position), hash: r.hash }));
}

/**
 * Records with a global id > `after`, by global id. Ids are drawn under the shard lock and
 * become visible at commit, so a smaller id can appear after a larger one was read (within one
 * commit's time; never, if its transaction rolled back): a reader that must see every record
 * once pages each shard by position (auditShardPage), which commits in order.
 */
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

/** One shard's records with position > `after`, in position (commit) order. */
export async function auditShardPage(
  db: SqlClient,
  shard: number,
  after: number,
  limit: number,
): Promise<AuditRecord[]> {
  const rows = await db.query<AuditRow>(
    'SELECT * FROM ops_audit WHERE shard = $1 AND position > $2 ORDER BY position LIMIT $3',
    [shard, after, limit],
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

export async function auditHead(db: SqlClient): Promise<AuditHeads> {
  const [top] = await db.query<{
    sequence: string | number;
    number: string | number;
    hash: string;
  }>(
    `SELECT (SELECT coalesce(max(sequence), 0) FROM ops_audit) AS sequence, number, hash
     FROM ops_audit_anchor_head WHERE id = 1`,
  );
  return {
    sequence: Number(top?.sequence ?? 0),
    shards: await shardHeads(db),
    anchor: { number: Number(top?.number ?? 0), hash: top?.hash ?? '0'.repeat(64) },
  };
}
