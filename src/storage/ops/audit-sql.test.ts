import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shardHashOf, type AuditEntry } from '../../ops/audit.ts';
import { SqlParams } from '../sql-params.ts';
import { auditWriteParts, sealAuditRecord, sha256, type LockedAuditHead } from './audit-sql.ts';

const entry = (patientRef: string): AuditEntry => ({
  at: '2026-11-29T10:00:00.000Z',
  actorId: 'acc-1',
  role: 'pharmacist',
  organisation: 'KZ-27/PH1',
  action: 'dispense.record',
  patientRef,
  purpose: 'treatment',
  requestId: 'r-1',
  outcome: 'allowed',
  detail: 'd-1',
});

const lockedFor = (e: AuditEntry): LockedAuditHead => ({
  subjectHash: shardHashOf(sha256, e),
  head: { shard: shardHashOf(sha256, e) % 16, position: 7, hash: 'a'.repeat(64) },
  anchorEvery: 64,
  sequence: 42,
});

describe('an audit record sealed on a head locked before the outcome was known', () => {
  it('extends the locked head: next position, its hash as the previous one, the drawn id', () => {
    const record = sealAuditRecord(lockedFor(entry('p-1')), entry('p-1'));
    assert.deepEqual(
      [record.position, record.prevHash, record.sequence, record.patientRef],
      [8, 'a'.repeat(64), 42, 'p-1'],
    );
  });

  it('refuses an entry about another subject than the head was locked for', () => {
    assert.throws(() => sealAuditRecord(lockedFor(entry('p-1')), entry('p-2')), /another subject/);
  });

  it('writes the record and the head move with each value once, numbered in order', () => {
    const params = new SqlParams();
    const record = sealAuditRecord(lockedFor(entry('p-1')), entry('p-1'));
    const parts = auditWriteParts(record, params);
    assert.deepEqual(
      parts.map((p) => [p.name, p.rows]),
      [
        ['audit_head', 1],
        ['audit_record', 1],
      ],
    );
    assert.equal(params.values.length, 15);
    const used = new Set(parts.flatMap((p) => [...p.sql.matchAll(/\$(\d+)/g)].map((m) => m[1])));
    assert.equal(used.size, 15);
  });
});
