/**
 * The audit trail as K SHA-256 hash chains ("shards", docs/adr/0011 §4). A record belongs to
 * the shard its subject hashes to — the patient, else the actor, else the action — so one
 * patient's whole history is one ordered chain. Within a shard records are ordered by
 * `position`; each record's hash covers its canonical JSON, which includes its global id
 * (`sequence`), shard, position and the previous record's hash, so editing, deleting or
 * inserting a record breaks its shard's chain at that point. Anchors (./audit-anchor.ts)
 * commit every shard's head into one small chain, so a shard's cut tail shows against the
 * others. Pure: the hash function is passed in.
 *
 * The chains prove integrity only against the heads they are compared with: an attacker able
 * to rewrite the whole database can recompute them. Anchoring outside the database is phase 2.
 */
import { canonicalJson, type Json } from './canonical-json.ts';

export type Sha256 = (text: string) => string;

export const GENESIS_HASH = '0'.repeat(64);

export const AUDIT_OUTCOMES = ['allowed', 'refused', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** What happened; never a password, a token, an IIN or a name. */
export interface AuditEntry {
  /** ISO instant. */
  at: string;
  actorId: string | null;
  role: string | null;
  organisation: string | null;
  action: string;
  /** The patient's internal id, never the IIN. */
  patientRef: string | null;
  purpose: string | null;
  requestId: string | null;
  outcome: AuditOutcome;
  /** A refusal's or failure's reason code, or what was acted on (an organisation id). */
  detail: string | null;
}

export interface AuditRecord extends AuditEntry {
  /** The global id, for paging: unique, increasing in allocation (not commit) order, gaps allowed. */
  sequence: number;
  shard: number;
  /** 1, 2, 3 … within the shard: the order the hash chain proves. */
  position: number;
  prevHash: string;
  hash: string;
}

/** A shard's head: its last record's position and hash (0 and the genesis hash when empty). */
export interface ShardHead {
  shard: number;
  position: number;
  hash: string;
}

export const emptyShardHead = (shard: number): ShardHead => ({
  shard,
  position: 0,
  hash: GENESIS_HASH,
});

/**
 * How the chains are laid out, recorded once in the database (ops_audit_layout) so a verifier
 * knows it: the number of shards, how often an append anchors, and the last global id written
 * before sharding (those records keep their original hashed form, in shard 0).
 */
export interface AuditLayout {
  shards: number;
  anchorEvery: number;
  legacyUntil: number;
}

/** Whom a record is about: what its shard is chosen by. */
export type AuditSubject = Pick<AuditEntry, 'patientRef' | 'actorId' | 'action'>;

/** The subject a record's shard is chosen by. */
export function shardKeyOf(entry: AuditSubject): string {
  if (entry.patientRef !== null) return `patient:${entry.patientRef}`;
  if (entry.actorId !== null) return `actor:${entry.actorId}`;
  return `action:${entry.action}`;
}

/** The first 32 bits of the key's SHA-256: the shard is this modulo the number of shards. */
export const shardHashOf = (sha256: Sha256, entry: AuditSubject): number =>
  Number.parseInt(sha256(shardKeyOf(entry)).slice(0, 8), 16);

export const shardOf = (sha256: Sha256, entry: AuditSubject, shards: number): number =>
  shardHashOf(sha256, entry) % shards;

/** Written before sharding: shard 0, position = global id, hashed without shard and position. */
const isLegacy = (record: { sequence: number }, layout: AuditLayout) =>
  record.sequence <= layout.legacyUntil;

type Unsealed = Omit<AuditRecord, 'hash'>;

function hashable(record: Unsealed, legacy: boolean): Json {
  const fields: { [key: string]: Json } = {
    sequence: record.sequence,
    prevHash: record.prevHash,
    at: record.at,
    actorId: record.actorId,
    role: record.role,
    organisation: record.organisation,
    action: record.action,
    patientRef: record.patientRef,
    purpose: record.purpose,
    requestId: record.requestId,
    outcome: record.outcome,
    detail: record.detail,
  };
  return legacy ? fields : { ...fields, shard: record.shard, position: record.position };
}

const sealed = (sha256: Sha256, record: Unsealed, legacy: boolean) =>
  sha256(canonicalJson(hashable(record, legacy)));

/** The next record of a shard's chain after `head`, with the global id `sequence`. */
export function extendShard(
  sha256: Sha256,
  head: ShardHead,
  sequence: number,
  entry: AuditEntry,
): AuditRecord {
  const unsealed: Unsealed = {
    ...entry,
    sequence,
    shard: head.shard,
    position: head.position + 1,
    prevHash: head.hash,
  };
  return { ...unsealed, hash: sealed(sha256, unsealed, false) };
}

/** The record as written before sharding (tests of the migration's compatibility only). */
export function extendLegacyChain(sha256: Sha256, head: ShardHead, entry: AuditEntry): AuditRecord {
  const position = head.position + 1;
  const unsealed: Unsealed = {
    ...entry,
    sequence: position,
    shard: 0,
    position,
    prevHash: head.hash,
  };
  return { ...unsealed, hash: sealed(sha256, unsealed, true) };
}

export type ChainProblem =
  'position' | 'previous_hash' | 'hash' | 'shard' | 'head' | 'anchor' | 'layout';

/** Where a check failed: a shard and position, or (shard null) an anchor's number. */
export interface ChainBreak {
  ok: false;
  shard: number | null;
  position: number;
  problem: ChainProblem;
  message: string;
}

export type LinkCheck = { ok: true; head: ShardHead } | ChainBreak;

/**
 * Checks `records` (one shard's, in position order) as the continuation of `from`. Call it page
 * by page, passing the head of one page as `from` of the next.
 */
export function verifyShardLinks(
  sha256: Sha256,
  layout: AuditLayout,
  from: ShardHead,
  records: readonly AuditRecord[],
): LinkCheck {
  let head = from;
  const broken = (position: number, problem: ChainProblem, message: string): ChainBreak => ({
    ok: false,
    shard: from.shard,
    position,
    problem,
    message: `shard ${from.shard}: ${message}`,
  });
  for (const record of records) {
    const expected = head.position + 1;
    if (record.position !== expected) {
      return broken(
        expected,
        'position',
        `record ${expected} is missing (found ${record.position} after ${head.position})`,
      );
    }
    const legacy = isLegacy(record, layout);
    const inPlace = legacy
      ? record.shard === 0 && record.position === record.sequence
      : record.shard === from.shard && shardOf(sha256, record, layout.shards) === from.shard;
    if (!inPlace) {
      return broken(
        record.position,
        'shard',
        `record ${record.position} (id ${record.sequence}) does not belong in this shard`,
      );
    }
    if (record.prevHash !== head.hash) {
      return broken(
        record.position,
        'previous_hash',
        `record ${record.position} does not point at the hash of record ${head.position}`,
      );
    }
    if (sealed(sha256, record, legacy) !== record.hash) {
      return broken(
        record.position,
        'hash',
        `record ${record.position} does not match its hash: it was changed`,
      );
    }
    head = { shard: from.shard, position: record.position, hash: record.hash };
  }
  return { ok: true, head };
}

/** The end of a walked shard against its stored head: catches records cut off or added. */
export function compareShardHead(computed: ShardHead, stored: ShardHead): LinkCheck {
  if (computed.position !== stored.position || computed.hash !== stored.hash) {
    return {
      ok: false,
      shard: computed.shard,
      position: Math.min(computed.position, stored.position) + 1,
      problem: 'head',
      message: `shard ${computed.shard}: the chain ends at record ${computed.position} but its head says ${stored.position}`,
    };
  }
  return { ok: true, head: computed };
}
