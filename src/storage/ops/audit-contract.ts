/**
 * The audit chains part of the operations contract: append-only, tampering detected at the
 * right shard and record, a cut tail shown by the anchors, concurrent appends across and within
 * shards never fork a chain. Runs after the people part has written records.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ChainCheck } from '../../ops/audit-check.ts';
import { extendShard, shardOf, type AuditEntry, type AuditRecord } from '../../ops/audit.ts';
import { sha256 } from './audit-sql.ts';
import type { SqlOpsStorage } from './sql-ops-storage.ts';

const where = (c: ChainCheck) => (c.ok ? null : [c.shard, c.position, c.problem]);

export function auditChainContract(current: () => SqlOpsStorage, now: () => Date): void {
  let storage: SqlOpsStorage;
  let clock: Date;
  const entry = (n: number, patientRef: string | null = 'pat-tamper'): AuditEntry => ({
    at: clock.toISOString(),
    actorId: `acc-${n}`,
    role: 'doctor',
    organisation: 'KZ-27/P1',
    action: 'patient.read',
    patientRef,
    purpose: 'treatment',
    requestId: `contract-${n}`,
    outcome: 'allowed',
    detail: null,
  });
  /** Shard S holds six records about one patient, at positions base+1 … base+6. */
  let S = 0;
  let base = 0;
  const at = (k: number) => `shard = ${S} AND position = ${base + k}`;

  it('puts one patient’s records in one shard, in order, with a global id each', async () => {
    storage = current();
    clock = now();
    const records: AuditRecord[] = [];
    for (let n = 1; n <= 6; n++) records.push(await storage.appendAudit(entry(n)));
    S = records[0]?.shard ?? -1;
    base = (records[0]?.position ?? 0) - 1;
    assert.ok(records.every((r) => r.shard === S));
    assert.deepEqual(
      records.map((r) => r.position - base),
      [1, 2, 3, 4, 5, 6],
    );
    assert.equal(new Set(records.map((r) => r.sequence)).size, 6);
    const [layout] = await storage.db.query<{ shards: number }>(
      'SELECT shards FROM ops_audit_layout',
    );
    assert.equal(S, shardOf(sha256, entry(1), Number(layout?.shards)));
    const head = await storage.auditHead();
    assert.equal(head.shards.length, Number(layout?.shards));
    assert.deepEqual(head.shards[S], { shard: S, position: base + 6, hash: records[5]?.hash });
  });

  it('keeps the audit tables append-only and the layout fixed for the application', async () => {
    await assert.rejects(
      storage.db.query(`UPDATE ops_audit SET outcome = 'allowed' WHERE ${at(1)}`),
      /append-only/,
    );
    await assert.rejects(storage.db.query(`DELETE FROM ops_audit WHERE ${at(1)}`), /append-only/);
    await storage.anchorAudit(clock.toISOString());
    await assert.rejects(storage.db.query('DELETE FROM ops_audit_anchors'), /append-only/);
    await assert.rejects(storage.db.query('UPDATE ops_audit_layout SET shards = 1'), /fixed/);
  });

  /** Tampering as someone with the database owner's rights would: with the guard triggers off. */
  async function tampered(change: string[], undo: string[], check = () => verify()) {
    const sql = async (statements: string[]) => {
      await storage.db.exec('ALTER TABLE ops_audit DISABLE TRIGGER ops_audit_append_only');
      try {
        for (const s of statements) await storage.db.exec(s);
      } finally {
        await storage.db.exec('ALTER TABLE ops_audit ENABLE TRIGGER ops_audit_append_only');
      }
    };
    await sql(change);
    try {
      return await check();
    } finally {
      await sql(undo);
    }
  }
  const verify = (pageSize?: number) => storage.verifyAuditChain(pageSize);

  it('names the shard and record of an edit', async () => {
    const [third] = await storage.db.query<{ detail: string | null }>(
      `SELECT detail FROM ops_audit WHERE ${at(3)}`,
    );
    const check = await tampered(
      [`UPDATE ops_audit SET detail = 'nothing to see' WHERE ${at(3)}`],
      [
        `UPDATE ops_audit SET detail = ${third?.detail ? `'${third.detail}'` : 'NULL'} WHERE ${at(3)}`,
      ],
      () => verify(2),
    );
    assert.deepEqual(where(check), [S, base + 3, 'hash']);
    assert.equal((await verify()).ok, true);
  });

  it('names the place of a deleted record', async () => {
    const check = await tampered(
      [
        `CREATE TABLE ops_audit_kept AS SELECT * FROM ops_audit WHERE ${at(5)}`,
        `DELETE FROM ops_audit WHERE ${at(5)}`,
      ],
      ['INSERT INTO ops_audit SELECT * FROM ops_audit_kept', 'DROP TABLE ops_audit_kept'],
    );
    assert.deepEqual(where(check), [S, base + 5, 'position']);
    assert.equal((await verify()).ok, true);
  });

  it('names the record after an inserted one, and a record appended past the head', async () => {
    const [second] = await storage.db.query<{ position: string; hash: string }>(
      `SELECT position, hash FROM ops_audit WHERE ${at(2)}`,
    );
    assert.ok(second);
    // A well-formed record chained to record 2 of the shard: only the next link can show it.
    const head = { shard: S, position: Number(second.position), hash: second.hash };
    const f = extendShard(sha256, head, 999_999, { ...entry(0), detail: 'forged' });
    const lit = (v: string | number | null) => (v === null ? 'NULL' : `'${v}'`);
    const columns = [f.sequence, f.shard, f.position, f.at, f.actorId, f.role, f.organisation]
      .concat([f.action, f.patientRef, f.purpose, f.requestId, f.outcome, f.detail])
      .concat([f.prevHash, f.hash]);
    const insert = `INSERT INTO ops_audit (sequence, shard, position, at, actor_id, role,
      organisation, action, patient_ref, purpose, request_id, outcome, detail, prev_hash, hash)
      VALUES (${columns.map(lit).join(', ')})`;
    const shift = (by: number, from: number) =>
      `UPDATE ops_audit SET position = position + ${by} WHERE shard = ${S} AND position >= ${from}`;
    const check = await tampered(
      [shift(1_000_000, base + 3), shift(-999_999, 1_000_000), insert],
      [
        `DELETE FROM ops_audit WHERE sequence = 999999`,
        shift(999_997, base + 4),
        shift(-999_998, 1_000_000),
      ],
    );
    assert.deepEqual(where(check), [S, base + 4, 'previous_hash']);
    assert.equal((await verify()).ok, true);
    const tip = (await storage.auditHead()).shards[S];
    assert.ok(tip);
    const past = extendShard(sha256, tip, 999_998, entry(7));
    const appended = await tampered(
      [
        `INSERT INTO ops_audit (sequence, shard, position, at, action, outcome, prev_hash, hash)
         VALUES (999998, ${S}, ${past.position}, 'x', 'x', 'allowed', '${tip.hash}', '${past.hash}')`,
      ],
      ['DELETE FROM ops_audit WHERE sequence = 999998'],
    );
    assert.deepEqual(where(appended)?.slice(0, 2), [S, tip.position + 1]);
    assert.equal((await verify()).ok, true);
  });

  it('shows a cut tail: by the head if it was left, by the anchors if it was moved back', async () => {
    const tip = (await storage.auditHead()).shards[S];
    assert.ok(tip);
    const keep = `CREATE TABLE ops_audit_kept AS SELECT * FROM ops_audit WHERE shard = ${S} AND position > ${tip.position - 2}`;
    const cut = `DELETE FROM ops_audit WHERE shard = ${S} AND position > ${tip.position - 2}`;
    const back = [
      'INSERT INTO ops_audit SELECT * FROM ops_audit_kept',
      'DROP TABLE ops_audit_kept',
    ];
    assert.deepEqual(where(await tampered([keep, cut], back)), [S, tip.position - 1, 'head']);
    // The head moved back with the cut: the shard alone is consistent; the anchor written
    // after those records (an earlier test anchored, and so does this one) is not.
    await storage.anchorAudit(clock.toISOString());
    const [previous] = await storage.db.query<{ hash: string }>(
      `SELECT hash FROM ops_audit WHERE shard = ${S} AND position = ${tip.position - 2}`,
    );
    const moveBack = `UPDATE ops_audit_heads SET position = ${tip.position - 2}, hash = '${previous?.hash}' WHERE shard = ${S}`;
    const restore = `UPDATE ops_audit_heads SET position = ${tip.position}, hash = '${tip.hash}' WHERE shard = ${S}`;
    const check = await tampered([keep, cut, moveBack], [...back, restore]);
    assert.deepEqual(where(check), [S, tip.position - 1, 'anchor']);
    assert.equal((await verify()).ok, true);
  });

  it('keeps every chain unbroken under 50 concurrent appends across and within shards', async () => {
    const before = await storage.auditHead();
    // 25 about one patient (one shard, queued), 25 about 25 patients (spread over the shards).
    const entries = Array.from({ length: 50 }, (_, n) =>
      entry(100 + n, n < 25 ? 'pat-busy' : `pat-${n}`),
    );
    const records = await Promise.all(entries.map((e) => storage.appendAudit(e)));
    const after = await storage.auditHead();
    const byShard = new Map<number, AuditRecord[]>();
    for (const r of records) byShard.set(r.shard, [...(byShard.get(r.shard) ?? []), r]);
    for (const [shard, own] of byShard) {
      const from = before.shards[shard]?.position ?? 0;
      assert.deepEqual(
        own.map((r) => r.position).sort((a, b) => a - b),
        Array.from({ length: own.length }, (_, n) => from + n + 1),
        `shard ${shard}`,
      );
      assert.equal(after.shards[shard]?.position, from + own.length);
      assert.equal(new Set(own.map((r) => r.prevHash)).size, own.length);
    }
    assert.ok((byShard.get(records[0]?.shard ?? -1)?.length ?? 0) >= 25);
    assert.ok(byShard.size > 1, 'the appends spread over more than one shard');
    assert.equal(new Set(records.map((r) => r.sequence)).size, 50);
    const check = await verify(7);
    assert.deepEqual(check.ok && check.head, after);
  });
}
