/**
 * Migration 102 on a database written before it (PGlite): the single chain becomes shard 0 and
 * still verifies, records go on in their shards after it, and prescription serials continue
 * past every number the old per-region counters gave.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { emptyShardHead, extendLegacyChain, type ShardHead } from '../../ops/audit.ts';
import { migrate, readMigrations } from '../migrate.ts';
import { blankPglite } from '../../../test/support/database.ts';
import type { SqlClient } from '../sql-client.ts';
import { sha256 } from './audit-sql.ts';
import { walkAuditChain } from './audit-walk.ts';
import { OPS_MIGRATIONS, SqlOpsStorage } from './sql-ops-storage.ts';

const entry = (n: number) => ({
  at: `2026-01-01T00:00:${String(n).padStart(2, '0')}.000Z`,
  actorId: 'acc-1',
  role: 'doctor',
  organisation: 'KZ-27/P1',
  action: 'patient.read',
  patientRef: `pat-${n % 3}`,
  purpose: 'treatment',
  requestId: `req-${n}`,
  outcome: 'allowed' as const,
  detail: null,
});

describe('audit migration 102 over a single chain', () => {
  let db: SqlClient;
  before(async () => {
    db = await blankPglite();
    const ops = readMigrations(OPS_MIGRATIONS);
    await migrate(db);
    await migrate(
      db,
      ops.filter((m) => m.id < 102),
    );
    // Seven records as the single-chain append wrote them, and its head.
    let head: ShardHead = emptyShardHead(0);
    for (let n = 1; n <= 7; n++) {
      const r = extendLegacyChain(sha256, head, entry(n));
      await db.query(
        `INSERT INTO ops_audit VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [r.sequence, r.at, r.actorId, r.role, r.organisation, r.action, r.patientRef].concat([
          r.purpose,
          r.requestId,
          r.outcome,
          r.detail,
          r.prevHash,
          r.hash,
        ]),
      );
      head = r;
    }
    await db.query('UPDATE ops_audit_head SET sequence = $1, hash = $2', [7, head.hash]);
    await db.exec("INSERT INTO ops_prescription_counters VALUES ('KZ-27', 2026, 41)");
    // Before 102 the walk reads the one chain of then (a restore of an older backup does).
    assert.equal((await walkAuditChain(db)).ok, true);
    await migrate(db, ops);
  });
  after(() => db.close());

  it('keeps the old records valid as shard 0, positions equal to their ids', async () => {
    const check = await walkAuditChain(db);
    assert.deepEqual(check.ok && check.head.shards[0]?.position, 7);
    const rows = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM ops_audit WHERE shard = 0 AND position = sequence',
    );
    assert.equal(rows[0]?.n, 7);
  });

  it('appends after them by subject, with ids past them, and the whole still verifies', async () => {
    const storage = new SqlOpsStorage('pglite', db);
    const records = [];
    for (let n = 8; n <= 20; n++) records.push(await storage.appendAudit(entry(n)));
    assert.deepEqual(
      records.map((r) => r.sequence),
      Array.from({ length: 13 }, (_, i) => 8 + i),
    );
    assert.equal(new Set(records.map((r) => r.shard)).size, 3);
    assert.equal((await storage.verifyAuditChain()).ok, true);
    // A changed global id breaks its record's hash.
    await db.exec('ALTER TABLE ops_audit DISABLE TRIGGER ops_audit_append_only');
    const last = records.at(-1);
    await db.query('UPDATE ops_audit SET sequence = 7000 WHERE sequence = $1', [last?.sequence]);
    const check = await storage.verifyAuditChain();
    assert.deepEqual(check.ok ? null : [check.shard, check.position, check.problem], [
      last?.shard,
      last?.position,
      'hash',
    ]);
    await db.query('UPDATE ops_audit SET sequence = $1 WHERE sequence = 7000', [last?.sequence]);
    await db.exec('ALTER TABLE ops_audit ENABLE TRIGGER ops_audit_append_only');
  });

  it('draws prescription serials past every number the old counters gave', async () => {
    const [next] = await db.query<{ n: string }>(
      "SELECT nextval('ops_prescription_serial_seq') AS n",
    );
    assert.ok(Number(next?.n) > 41);
  });
});
