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
import { runParts, SqlParams, type WithPart } from '../sql-params.ts';

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

/** A shard head as locked for an append, with the global id the append was given. */
export interface LockedAuditHead {
  /** The 32-bit subject hash the head was chosen by (shardHashOf). */
  subjectHash: number;
  head: ShardHead;
  anchorEvery: number;
  sequence: number;
}

/** The head columns of a function that locked a shard head for a write (migrations 150, 160, 180). */
export interface HeadColumns {
  head_shard: number;
  head_position: string | number;
  head_hash: string;
  head_anchor_every: number;
  audit_sequence: string | number;
}

export const lockedHeadOf = (row: HeadColumns, subjectHash: number): LockedAuditHead => ({
  subjectHash,
  head: {
    shard: Number(row.head_shard),
    position: Number(row.head_position),
    hash: row.head_hash,
  },
  anchorEvery: Number(row.head_anchor_every),
  sequence: Number(row.audit_sequence),
});

/**
 * Locks the shard head of `subjectHash` (FOR UPDATE) and draws the record's global id. The head
 * is found by its key, the shard computed from the layout first: a join of the heads to the
 * layout read every head, and the dead versions in their pages, when the planner misjudged their
 * size (migration 180).
 */
async function lockAuditHead(tx: SqlClient, subjectHash: number): Promise<LockedAuditHead> {
  const [row] = await tx.query<{
    shard: number;
    position: string | number;
    hash: string;
    anchor_every: number;
    sequence: string | number;
  }>(
    `SELECT h.shard, h.position, h.hash,
       (SELECT anchor_every FROM ops_audit_layout) AS anchor_every,
       nextval('ops_audit_sequence_seq') AS sequence
     FROM ops_audit_heads h
     WHERE h.shard = $1::bigint % (SELECT shards FROM ops_audit_layout)
     FOR UPDATE OF h`,
    [subjectHash],
    { prepared: 'ops_audit_lock_head' },
  );
  if (!row) throw new Error('the audit shard heads are missing: run the migrations');
  return {
    subjectHash,
    head: { shard: Number(row.shard), position: Number(row.position), hash: row.hash },
    anchorEvery: Number(row.anchor_every),
    sequence: Number(row.sequence),
  };
}

/**
 * The record `entry` makes on the locked head. Throws when the entry's subject is not the one
 * the head was locked for (its record would sit in another shard's chain).
 */
export function sealAuditRecord(locked: LockedAuditHead, entry: AuditEntry): AuditRecord {
  if (shardHashOf(sha256, entry) !== locked.subjectHash) {
    throw new Error('an audit entry is about another subject than the shard head locked for it');
  }
  return extendShard(sha256, locked.head, locked.sequence, entry);
}

/** The parts of a `WITH` that move the shard head and insert the record (./sql-params.ts). */
export function auditWriteParts(record: AuditRecord, p: SqlParams): WithPart[] {
  const [sequence, shard, position] = [
    p.add(record.sequence),
    p.add(record.shard),
    p.add(record.position),
  ];
  const hash = p.add(record.hash);
  const rest = [
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
  ].map((v) => p.add(v));
  return [
    {
      name: 'audit_head',
      sql: `UPDATE ops_audit_heads SET position = ${position}, hash = ${hash}
        WHERE shard = ${shard} RETURNING shard`,
      rows: 1,
    },
    {
      name: 'audit_record',
      sql: `INSERT INTO ops_audit (sequence, shard, position, at, actor_id, role, organisation,
          action, patient_ref, purpose, request_id, outcome, detail, prev_hash, hash)
        SELECT ${sequence}, ${shard}, ${position}, ${rest.join(', ')}, ${hash} FROM audit_head
        RETURNING sequence`,
      rows: 1,
    },
  ];
}

/** Every `anchorEvery`-th record of a shard anchors all heads, after the record is written. */
export const isAnchorDue = (record: AuditRecord, anchorEvery: number): boolean =>
  record.position % anchorEvery === 0;

/**
 * Must run inside a transaction: the record's shard head stays locked until it commits. Two
 * statements under the lock (read the head and draw the global id; insert the record and move
 * the head in one). The shard is the entry's subject's (the patient, else the actor, else the
 * action), so writers about different subjects mostly take different heads. A transaction
 * appends once; callers append last, so the lock is taken as late as it can be (`last`: the
 * transaction's COMMIT goes with the record, unless an anchor is due). Every
 * `anchor_every`-th record of a shard also anchors all heads (anchorAuditIn). A write that can
 * lock the head earlier, with its other locks, and move it in its own last statement does so
 * with sealAuditRecord and auditWriteParts (./dispensing-sql.ts).
 */
export async function appendAuditIn(
  tx: SqlClient,
  entry: AuditEntry,
  options: { last?: boolean } = {},
): Promise<AuditRecord> {
  const locked = await lockAuditHead(tx, shardHashOf(sha256, entry));
  const record = sealAuditRecord(locked, entry);
  const params = new SqlParams();
  const anchors = isAnchorDue(record, locked.anchorEvery);
  await runParts(tx, auditWriteParts(record, params), params, {
    statement: 'ops_audit_append',
    last: options.last === true && !anchors,
  });
  if (anchors) await anchorAuditIn(tx, record.at);
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
