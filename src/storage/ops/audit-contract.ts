/**
 * The audit chain part of the operations contract: append-only, tampering
 * detected at the right record, concurrent appends queue. Runs after the
 * people part has written at least six records.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { extendChain } from '../../ops/audit.ts';
import { sha256 } from './audit-sql.ts';
import type { SqlOpsStorage } from './sql-ops-storage.ts';

export function auditChainContract(current: () => SqlOpsStorage, now: () => Date): void {
  let storage: SqlOpsStorage;
  let clock: Date;
  it('has at least six audit records to tamper with', async () => {
    storage = current();
    clock = now();
    assert.ok((await storage.auditHead()).sequence >= 6);
  });

  it('keeps the audit table append-only for the application', async () => {
    await assert.rejects(
      storage.db.query("UPDATE ops_audit SET outcome = 'allowed' WHERE sequence = 1"),
      /append-only/,
    );
    await assert.rejects(
      storage.db.query('DELETE FROM ops_audit WHERE sequence = 1'),
      /append-only/,
    );
  });

  /** Tampering as someone with the database owner's rights would: with the guard trigger off. */
  async function tampered<T>(
    change: string[],
    undo: string[],
    check: () => Promise<T>,
  ): Promise<T> {
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

  it('names an edited record as the first broken link', async () => {
    const [third] = await storage.auditPage(2, 1);
    const check = await tampered(
      ["UPDATE ops_audit SET detail = 'nothing to see' WHERE sequence = 3"],
      [
        `UPDATE ops_audit SET detail = ${third?.detail ? `'${third.detail}'` : 'NULL'} WHERE sequence = 3`,
      ],
      () => storage.verifyAuditChain(2),
    );
    assert.deepEqual(check.ok ? null : [check.sequence, check.problem], [3, 'hash']);
    assert.equal((await storage.verifyAuditChain()).ok, true);
  });

  it('names the place of a deleted record', async () => {
    const check = await tampered(
      [
        'CREATE TABLE ops_audit_kept AS SELECT * FROM ops_audit WHERE sequence = 6',
        'DELETE FROM ops_audit WHERE sequence = 6',
      ],
      ['INSERT INTO ops_audit SELECT * FROM ops_audit_kept', 'DROP TABLE ops_audit_kept'],
      () => storage.verifyAuditChain(),
    );
    assert.deepEqual(check.ok ? null : [check.sequence, check.problem], [6, 'sequence']);
    assert.equal((await storage.verifyAuditChain()).ok, true);
  });

  it('names the record after an inserted one, and a record appended past the head', async () => {
    const [second] = await storage.auditPage(1, 1);
    assert.ok(second);
    // A well-formed record chained to record 2: only the next link can show it.
    const forged = extendChain(sha256, second, {
      ...second,
      actorId: 'intruder',
      detail: 'forged',
    });
    const lit = (v: string | null) => (v === null ? 'NULL' : `'${v}'`);
    const f = forged;
    const insert = `INSERT INTO ops_audit VALUES (3, ${[f.at, f.actorId, f.role, f.organisation, f.action, f.patientRef, f.purpose, f.requestId, f.outcome, f.detail, f.prevHash, f.hash].map(lit).join(', ')})`;
    const check = await tampered(
      [
        'UPDATE ops_audit SET sequence = sequence + 1000000 WHERE sequence >= 3',
        'UPDATE ops_audit SET sequence = sequence - 999999 WHERE sequence >= 1000000',
        insert,
      ],
      [
        'DELETE FROM ops_audit WHERE sequence = 3',
        'UPDATE ops_audit SET sequence = sequence + 999997 WHERE sequence >= 4',
        'UPDATE ops_audit SET sequence = sequence - 999998 WHERE sequence >= 1000000',
      ],
      () => storage.verifyAuditChain(),
    );
    assert.deepEqual(check.ok ? null : [check.sequence, check.problem], [4, 'previous_hash']);
    const head = await storage.auditHead();
    const appended = await tampered(
      [
        `INSERT INTO ops_audit VALUES (${head.sequence + 1}, 'x', NULL, NULL, NULL, 'x', NULL, NULL, NULL, 'allowed', NULL, '${head.hash}', '${'e'.repeat(64)}')`,
      ],
      [`DELETE FROM ops_audit WHERE sequence = ${head.sequence + 1}`],
      () => storage.verifyAuditChain(),
    );
    assert.deepEqual(appended.ok ? null : appended.sequence, head.sequence + 1);
    assert.equal((await storage.verifyAuditChain()).ok, true);
  });

  it('keeps one unbroken chain under 50 concurrent appends', async () => {
    const start = (await storage.auditHead()).sequence;
    const entry = (n: number) => ({
      at: clock.toISOString(),
      actorId: `acc-${n}`,
      role: 'doctor',
      organisation: 'KZ-27/P1',
      action: 'patient.read',
      patientRef: 'pat-1',
      purpose: 'treatment',
      requestId: `concurrent-${n}`,
      outcome: 'allowed' as const,
      detail: null,
    });
    const records = await Promise.all(
      Array.from({ length: 50 }, (_, n) => storage.appendAudit(entry(n))),
    );
    assert.deepEqual(
      records.map((r) => r.sequence).sort((a, b) => a - b),
      Array.from({ length: 50 }, (_, n) => start + n + 1),
    );
    const check = await storage.verifyAuditChain(7);
    assert.deepEqual(check.ok && check.head.sequence, start + 50);
    assert.equal(new Set(records.map((r) => r.prevHash)).size, 50);
  });
}
