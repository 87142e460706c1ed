import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { AnchorCommitments, EMPTY_ANCHOR_HEAD, extendAnchors } from './audit-anchor.ts';
import { canonicalJson } from './canonical-json.ts';
import {
  compareShardHead,
  emptyShardHead,
  extendLegacyChain,
  extendShard,
  shardOf,
  verifyShardLinks,
  type AuditEntry,
  type AuditLayout,
  type AuditRecord,
  type LinkCheck,
  type ShardHead,
} from './audit.ts';

const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');
const LAYOUT: AuditLayout = { shards: 4, anchorEvery: 64, legacyUntil: 0 };
const entry = (n: number, patient = 'pat-1'): AuditEntry => ({
  at: `2026-11-29T05:00:${String(n).padStart(2, '0')}.000Z`,
  actorId: 'acc-1',
  role: 'doctor',
  organisation: 'KZ-27/P1',
  action: 'patient.read',
  patientRef: patient,
  purpose: 'treatment',
  requestId: `req-${n}`,
  outcome: 'allowed',
  detail: null,
});
const SHARD = shardOf(sha256, entry(0), LAYOUT.shards);

/** `length` records of pat-1's shard, global ids 10, 20, 30 … (ids need not be dense). */
function chain(length: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  let head = emptyShardHead(SHARD);
  for (let n = 1; n <= length; n++) {
    const record = extendShard(sha256, head, 10 * n, entry(n));
    records.push(record);
    head = record;
  }
  return records;
}
const headOf = (records: AuditRecord[]): ShardHead => {
  const last = records.at(-1);
  return last ? { shard: SHARD, position: last.position, hash: last.hash } : emptyShardHead(SHARD);
};
const verify = (records: AuditRecord[], stored: ShardHead, layout = LAYOUT): LinkCheck => {
  const links = verifyShardLinks(sha256, layout, emptyShardHead(stored.shard), records);
  return links.ok ? compareShardHead(links.head, stored) : links;
};
const where = (c: LinkCheck) => (c.ok ? null : [c.shard, c.position, c.problem]);

describe('audit hash chains (one shard)', () => {
  it('verifies an untouched chain, and an empty one', () => {
    const records = chain(5);
    assert.deepEqual(verify(records, headOf(records)), { ok: true, head: headOf(records) });
    assert.equal(verify([], emptyShardHead(SHARD)).ok, true);
  });

  it('names an edited record, a changed global id and a record moved to another shard', () => {
    const records = chain(5);
    const edited = records.map((r, i) => (i === 2 ? { ...r, outcome: 'refused' as const } : r));
    assert.deepEqual(where(verify(edited, headOf(records))), [SHARD, 3, 'hash']);
    const renumbered = records.map((r, i) => (i === 1 ? { ...r, sequence: 11 } : r));
    assert.deepEqual(where(verify(renumbered, headOf(records))), [SHARD, 2, 'hash']);
    const other = records.map((r, i) => (i === 0 ? { ...r, patientRef: 'pat-elsewhere' } : r));
    const moved = shardOf(sha256, other[0] as AuditRecord, LAYOUT.shards) !== SHARD;
    assert.deepEqual(where(verify(other, headOf(records))), [SHARD, 1, moved ? 'shard' : 'hash']);
  });

  it('names the place of a deleted record', () => {
    const records = chain(5);
    const head = headOf(records);
    records.splice(1, 1);
    assert.deepEqual(where(verify(records, head)), [SHARD, 2, 'position']);
  });

  it('names the record after an inserted one, even when the insert is well formed', () => {
    const records = chain(5);
    const forged = extendShard(sha256, headOf(records.slice(0, 2)), 25, entry(99));
    const shifted = records.slice(2).map((r) => ({ ...r, position: r.position + 1 }));
    const check = verify([...records.slice(0, 2), forged, ...shifted], headOf(records));
    assert.deepEqual(where(check), [SHARD, 4, 'previous_hash']);
  });

  it('notices records cut off or appended at the end through the stored head', () => {
    const records = chain(5);
    assert.deepEqual(where(verify(records.slice(0, 4), headOf(records))), [SHARD, 5, 'head']);
    const extra = [...records, extendShard(sha256, headOf(records), 60, entry(6))];
    assert.deepEqual(where(verify(extra, headOf(records))), [SHARD, 6, 'head']);
  });

  it('keeps records written before sharding valid in shard 0, and only there', () => {
    const legacy: AuditRecord[] = [];
    let head = emptyShardHead(0);
    for (let n = 1; n <= 3; n++) {
      const r = extendLegacyChain(sha256, head, entry(n, `pat-${n}`));
      legacy.push(r);
      head = r;
    }
    const layout = { ...LAYOUT, legacyUntil: 3 };
    const next = extendShard(sha256, head, 4, { ...entry(4), patientRef: null, actorId: null });
    const all = [...legacy, { ...next, shard: 0 }];
    // The sharded record after them is in shard 0 only if its subject hashes there.
    const inZero = shardOf(sha256, next, layout.shards) === 0;
    const check = verify(all, { shard: 0, position: 4, hash: next.hash }, layout);
    assert.deepEqual(where(check), inZero ? null : [0, 4, 'shard']);
    assert.equal(verify(legacy, head, layout).ok, true);
    // Without the recorded boundary their hashes are read in the sharded form: all fail.
    assert.deepEqual(where(verify(legacy, head, LAYOUT)), [0, 1, 'shard']);
  });

  it('hashes a canonical form: key order does not matter, values do', () => {
    assert.equal(canonicalJson({ b: 1, a: [true, null, 'x'] }), '{"a":[true,null,"x"],"b":1}');
    assert.throws(() => canonicalJson({ a: Number.NaN }));
  });
});

describe('audit anchors', () => {
  const heads = (positions: number[], records: AuditRecord[] = []): ShardHead[] =>
    positions.map((position, shard) => {
      const r = records.find((x) => x.shard === shard && x.position === position);
      return { shard, position, hash: r?.hash ?? 'f'.repeat(64) };
    });

  it('shows a cut tail: a shard that ends before what an anchor committed', () => {
    const records = chain(5);
    const positions = [0, 0, 0, 0].map((_, s) => (s === SHARD ? 5 : 0));
    const a1 = extendAnchors(sha256, EMPTY_ANCHOR_HEAD, 'now', heads(positions, records));
    const anchors = new AnchorCommitments(sha256, 4);
    assert.equal(anchors.add([a1]), null);
    for (const r of records) assert.equal(anchors.check(r), null);
    assert.equal(anchors.checkEnd(headOf(records)), null);
    const cut = anchors.checkEnd(headOf(records.slice(0, 3)));
    assert.deepEqual(cut && [cut.shard, cut.position, cut.problem], [SHARD, 4, 'anchor']);
    const changed = anchors.check({ ...(records[4] as AuditRecord), hash: 'e'.repeat(64) });
    assert.deepEqual(changed && [changed.shard, changed.position], [SHARD, 5]);
  });

  it('names a broken, reordered or backward anchor', () => {
    const a1 = extendAnchors(sha256, EMPTY_ANCHOR_HEAD, 't1', heads([2, 0, 0, 0]));
    const a2 = extendAnchors(sha256, a1, 't2', heads([1, 0, 0, 0]));
    const first = (list: Parameters<AnchorCommitments['add']>[0]) => {
      const b = new AnchorCommitments(sha256, 4).add(list);
      return b && [b.shard, b.position, b.problem];
    };
    assert.deepEqual(first([a2]), [null, 1, 'anchor']);
    assert.deepEqual(first([a1, a2]), [null, 2, 'anchor']);
    assert.deepEqual(first([{ ...a1, at: 't0' }]), [null, 1, 'anchor']);
    assert.deepEqual(first([extendAnchors(sha256, EMPTY_ANCHOR_HEAD, 't', heads([0, 0]))]), [
      null,
      1,
      'anchor',
    ]);
  });
});
