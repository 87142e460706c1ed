/**
 * Verifying the audit on SQL: in one REPEATABLE READ snapshot, the anchors' chain first (what
 * they commit is collected), then every shard page by page against the anchors and its stored
 * head. Every append moves its shard's head in the same transaction, so in a snapshot a row past
 * a head was not written by an append. A database not yet at migration 102 (a restore of an
 * older backup) has the one chain of then: it is walked as shard 0 of one.
 */
import { AnchorCommitments, type AuditAnchor } from '../../ops/audit-anchor.ts';
import type { AuditHeads, ChainCheck } from '../../ops/audit-check.ts';
import {
  compareShardHead,
  emptyShardHead,
  verifyShardLinks,
  type AuditLayout,
  type AuditRecord,
  type ShardHead,
} from '../../ops/audit.ts';
import type { SqlClient } from '../sql-client.ts';
import {
  auditHead,
  auditShardPage,
  sha256,
  shardHeads,
  toAuditRecord,
  type AuditRow,
} from './audit-sql.ts';

export function verifyAuditChainIn(db: SqlClient, pageSize = 1000): Promise<ChainCheck> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    return walkAuditChain(tx, pageSize);
  });
}

/** What the walk reads: the sharded tables, or the single chain before migration 102. */
interface ChainSource {
  layout: AuditLayout;
  heads: ShardHead[];
  page(shard: number, after: number, limit: number): Promise<AuditRecord[]>;
  anchors(after: number, limit: number): Promise<AuditAnchor[]>;
  storedHeads(): Promise<AuditHeads>;
  /** A shard number some record has outside 0…shards−1, or null. */
  strayShard(): Promise<number | null>;
}

/**
 * The walk of verifyAuditChainIn inside the caller's transaction: a restore checks the chains
 * it wrote before it commits (src/storage/backup/restore.ts).
 */
export async function walkAuditChain(tx: SqlClient, pageSize = 1000): Promise<ChainCheck> {
  const source = await sourceOf(tx);
  if ('ok' in source) return source;
  const { layout, heads } = source;
  if (heads.length !== layout.shards || heads.some((h, i) => h.shard !== i)) {
    return layoutBreak(`there are ${heads.length} shard heads for ${layout.shards} shards`);
  }
  const anchors = new AnchorCommitments(sha256, layout.shards);
  for (let after = 0; ;) {
    const page = await source.anchors(after, pageSize);
    const broken = anchors.add(page);
    if (broken) return broken;
    after = anchors.head.number;
    if (page.length < pageSize) break;
  }
  const stored = await source.storedHeads();
  if (stored.anchor.number !== anchors.head.number || stored.anchor.hash !== anchors.head.hash) {
    return {
      ok: false,
      shard: null,
      position: Math.min(stored.anchor.number, anchors.head.number) + 1,
      problem: 'head',
      message: `the anchors end at ${anchors.head.number} but their head says ${stored.anchor.number}`,
    };
  }
  for (const storedHead of heads) {
    let head = emptyShardHead(storedHead.shard);
    for (;;) {
      const page = await source.page(head.shard, head.position, pageSize);
      const check = verifyShardLinks(sha256, layout, head, page);
      if (!check.ok) return check;
      for (const record of page) {
        const broken = anchors.check(record);
        if (broken) return broken;
      }
      head = check.head;
      if (page.length < pageSize) break;
    }
    const end = compareShardHead(head, storedHead);
    if (!end.ok) return end;
    const cut = anchors.checkEnd(head);
    if (cut) return cut;
  }
  const stray = await source.strayShard();
  if (stray !== null)
    return layoutBreak(`a record sits in shard ${stray}, past the layout's shards`);
  return { ok: true, head: stored };
}

const layoutBreak = (message: string): ChainCheck => ({
  ok: false,
  shard: null,
  position: 0,
  problem: 'layout',
  message,
});

async function sourceOf(tx: SqlClient): Promise<ChainSource | ChainCheck> {
  const [tables] = await tx.query<{ layout: string | null; head: string | null }>(
    "SELECT to_regclass('ops_audit_layout')::text AS layout, to_regclass('ops_audit_head')::text AS head",
  );
  if (!tables?.layout && tables?.head) return singleChain(tx);
  const [layout] = await tx.query<{ shards: number; anchor_every: number; legacy_until: string }>(
    'SELECT shards, anchor_every, legacy_until FROM ops_audit_layout WHERE id = 1',
  );
  if (!layout) return layoutBreak('the audit layout is missing');
  return {
    layout: {
      shards: Number(layout.shards),
      anchorEvery: Number(layout.anchor_every),
      legacyUntil: Number(layout.legacy_until),
    },
    heads: await shardHeads(tx),
    page: (shard, after, limit) => auditShardPage(tx, shard, after, limit),
    anchors: async (after, limit) => {
      const rows = await tx.query<{
        number: string | number;
        at: string;
        heads: ShardHead[];
        prev_hash: string;
        hash: string;
      }>('SELECT * FROM ops_audit_anchors WHERE number > $1 ORDER BY number LIMIT $2', [
        after,
        limit,
      ]);
      return rows.map((r) => ({
        number: Number(r.number),
        at: r.at,
        heads: r.heads,
        prevHash: r.prev_hash,
        hash: r.hash,
      }));
    },
    storedHeads: () => auditHead(tx),
    strayShard: async () => {
      const [row] = await tx.query<{ shard: number }>(
        'SELECT shard FROM ops_audit WHERE shard < 0 OR shard >= $1 LIMIT 1',
        [layout.shards],
      );
      return row ? Number(row.shard) : null;
    },
  };
}

/** Before migration 102: one chain, every record in the hashed form of then, no anchors. */
async function singleChain(tx: SqlClient): Promise<ChainSource> {
  const [head] = await tx.query<{ sequence: string | number; hash: string }>(
    'SELECT sequence, hash FROM ops_audit_head WHERE id = 1',
  );
  const stored: ShardHead = {
    shard: 0,
    position: Number(head?.sequence ?? 0),
    hash: head?.hash ?? emptyShardHead(0).hash,
  };
  return {
    layout: { shards: 1, anchorEvery: 1, legacyUntil: Number.MAX_SAFE_INTEGER },
    heads: [stored],
    page: async (_shard, after, limit) => {
      const rows = await tx.query<AuditRow>(
        `SELECT *, 0 AS shard, sequence AS position FROM ops_audit WHERE sequence > $1
         ORDER BY sequence LIMIT $2`,
        [after, limit],
      );
      return rows.map(toAuditRecord);
    },
    anchors: () => Promise.resolve([]),
    storedHeads: () =>
      Promise.resolve({
        sequence: stored.position,
        shards: [stored],
        anchor: { number: 0, hash: emptyShardHead(0).hash },
      }),
    strayShard: () => Promise.resolve(null),
  };
}
