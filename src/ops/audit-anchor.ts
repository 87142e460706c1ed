/**
 * Anchors: a small hash chain whose every record commits the heads of all audit shards
 * (docs/adr/0011 §4). A shard's chain alone cannot show its tail was cut (the attacker moves
 * its head back too); an anchor written after those records names their position and hash, so
 * the cut shows unless every later anchor is cut as well — and the anchor chain's one head
 * then commits every shard, the single value to keep outside the database. Pure.
 */
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH, type ChainBreak, type Sha256, type ShardHead } from './audit.ts';

export interface AnchorHead {
  number: number;
  hash: string;
}

export const EMPTY_ANCHOR_HEAD: AnchorHead = { number: 0, hash: GENESIS_HASH };

export interface AuditAnchor extends AnchorHead {
  at: string;
  /** Every shard's head when the anchor was written, by shard. */
  heads: ShardHead[];
  prevHash: string;
}

const hashOf = (sha256: Sha256, a: Omit<AuditAnchor, 'hash'>) =>
  sha256(
    canonicalJson({
      number: a.number,
      at: a.at,
      heads: a.heads.map((h) => [h.shard, h.position, h.hash]),
      prevHash: a.prevHash,
    }),
  );

export function extendAnchors(
  sha256: Sha256,
  head: AnchorHead,
  at: string,
  heads: readonly ShardHead[],
): AuditAnchor {
  const unsealed = { number: head.number + 1, at, heads: [...heads], prevHash: head.hash };
  return { ...unsealed, hash: hashOf(sha256, unsealed) };
}

const anchorBreak = (number: number, message: string): ChainBreak => ({
  ok: false,
  shard: null,
  position: number,
  problem: 'anchor',
  message: `anchor ${number}: ${message}`,
});

/**
 * What the anchors commit, checked as the shards are walked: each anchor must link to the one
 * before, name every shard once, and never move a shard's head back; each committed position
 * must hold the committed hash.
 */
export class AnchorCommitments {
  /** shard → position → [hash, anchor number] */
  private readonly expected = new Map<number, Map<number, [string, number]>>();
  private readonly latest = new Map<number, [number, number]>();
  head: AnchorHead = EMPTY_ANCHOR_HEAD;

  constructor(
    private readonly sha256: Sha256,
    private readonly shards: number,
  ) {}

  /** Adds the next page of anchors (in number order); a break names the first bad anchor. */
  add(anchors: readonly AuditAnchor[]): ChainBreak | null {
    for (const a of anchors) {
      const n = this.head.number + 1;
      if (a.number !== n) return anchorBreak(n, `is missing (found ${a.number})`);
      if (a.prevHash !== this.head.hash) return anchorBreak(n, 'does not point at the one before');
      if (hashOf(this.sha256, a) !== a.hash) return anchorBreak(n, 'does not match its hash');
      const shards = a.heads.map((h) => h.shard);
      if (shards.length !== this.shards || shards.some((s, i) => s !== i)) {
        return anchorBreak(n, `does not name each of the ${this.shards} shards once`);
      }
      for (const h of a.heads) {
        const [before] = this.latest.get(h.shard) ?? [0, 0];
        if (h.position < before) {
          return anchorBreak(n, `moves shard ${h.shard} back from ${before} to ${h.position}`);
        }
        this.latest.set(h.shard, [h.position, n]);
        if (h.position === 0) continue;
        const at = this.expected.get(h.shard) ?? new Map<number, [string, number]>();
        at.set(h.position, [h.hash, n]);
        this.expected.set(h.shard, at);
      }
      this.head = { number: a.number, hash: a.hash };
    }
    return null;
  }

  /** A walked record against the anchors that name its position. */
  check(record: { shard: number; position: number; hash: string }): ChainBreak | null {
    const committed = this.expected.get(record.shard)?.get(record.position);
    if (!committed || committed[0] === record.hash) return null;
    return {
      ok: false,
      shard: record.shard,
      position: record.position,
      problem: 'anchor',
      message: `shard ${record.shard}: record ${record.position} is not the one anchor ${committed[1]} committed`,
    };
  }

  /** A walked shard's end: an anchor naming a later position shows its tail was cut. */
  checkEnd(end: ShardHead): ChainBreak | null {
    const [position, number] = this.latest.get(end.shard) ?? [0, 0];
    if (position <= end.position) return null;
    return {
      ok: false,
      shard: end.shard,
      position: end.position + 1,
      problem: 'anchor',
      message: `shard ${end.shard}: the chain ends at record ${end.position} but anchor ${number} committed record ${position}: its tail was cut`,
    };
  }
}
