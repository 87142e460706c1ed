/**
 * The audit trail as a SHA-256 hash chain. Records are ordered by `sequence`
 * (not time); each record's hash covers its canonical JSON, which includes its
 * sequence and the previous record's hash, so editing, deleting or inserting a
 * record breaks the chain at that point. Pure: the hash function is passed in.
 *
 * The chain proves integrity only against the head it is compared with: an
 * attacker able to rewrite the whole table can recompute it. Anchoring the
 * head outside the database is phase 2 (docs/adr/0011).
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
  sequence: number;
  prevHash: string;
  hash: string;
}

/** The head of the chain: the last record's sequence and hash (0 and the genesis hash when empty). */
export interface ChainHead {
  sequence: number;
  hash: string;
}

export const EMPTY_HEAD: ChainHead = { sequence: 0, hash: GENESIS_HASH };

function hashable(record: AuditEntry & { sequence: number; prevHash: string }): Json {
  return {
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
}

/** The next record of the chain after `head`. */
export function extendChain(sha256: Sha256, head: ChainHead, entry: AuditEntry): AuditRecord {
  const unsealed = { ...entry, sequence: head.sequence + 1, prevHash: head.hash };
  return { ...unsealed, hash: sha256(canonicalJson(hashable(unsealed))) };
}

export type ChainProblem = 'sequence' | 'previous_hash' | 'hash' | 'head';

export type ChainCheck =
  | { ok: true; head: ChainHead }
  | { ok: false; sequence: number; problem: ChainProblem; message: string };

/**
 * Checks `records` (in sequence order) as the continuation of `from`. Call it
 * page by page, passing the head of one page as `from` of the next.
 */
export function verifyLinks(
  sha256: Sha256,
  from: ChainHead,
  records: readonly AuditRecord[],
): ChainCheck {
  let head = from;
  for (const record of records) {
    const expected = head.sequence + 1;
    if (record.sequence !== expected) {
      return {
        ok: false,
        sequence: expected,
        problem: 'sequence',
        message: `record ${expected} is missing (found ${record.sequence} after ${head.sequence})`,
      };
    }
    if (record.prevHash !== head.hash) {
      return {
        ok: false,
        sequence: record.sequence,
        problem: 'previous_hash',
        message: `record ${record.sequence} does not point at the hash of record ${head.sequence}`,
      };
    }
    const hash = sha256(canonicalJson(hashable(record)));
    if (hash !== record.hash) {
      return {
        ok: false,
        sequence: record.sequence,
        problem: 'hash',
        message: `record ${record.sequence} does not match its hash: it was changed`,
      };
    }
    head = { sequence: record.sequence, hash: record.hash };
  }
  return { ok: true, head };
}

/** The whole chain against the stored head: also catches records cut off or added at the end. */
export function verifyAuditChain(
  sha256: Sha256,
  records: readonly AuditRecord[],
  storedHead: ChainHead,
): ChainCheck {
  const links = verifyLinks(sha256, EMPTY_HEAD, records);
  if (!links.ok) return links;
  return compareHead(links.head, storedHead);
}

export function compareHead(computed: ChainHead, stored: ChainHead): ChainCheck {
  if (computed.sequence !== stored.sequence || computed.hash !== stored.hash) {
    const sequence = Math.min(computed.sequence, stored.sequence) + 1;
    return {
      ok: false,
      sequence,
      problem: 'head',
      message: `the chain ends at record ${computed.sequence} but its head says ${stored.sequence}`,
    };
  }
  return { ok: true, head: computed };
}
