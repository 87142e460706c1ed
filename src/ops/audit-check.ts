/** The outcome of verifying every audit shard and the anchors (docs/adr/0011 §4). Pure types. */
import type { AnchorHead } from './audit-anchor.ts';
import type { ChainBreak, ShardHead } from './audit.ts';

/** Every shard's head, the anchors' head and the largest global id: what a verify ends at. */
export interface AuditHeads {
  /** The largest global id stored (0 when empty): a paging horizon, not a count. */
  sequence: number;
  shards: ShardHead[];
  anchor: AnchorHead;
}

export type ChainCheck = { ok: true; head: AuditHeads } | ChainBreak;

/** The number of records the heads cover. */
export const recordsOf = (heads: AuditHeads): number =>
  heads.shards.reduce((n, h) => n + h.position, 0);
