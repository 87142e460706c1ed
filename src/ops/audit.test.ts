import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { canonicalJson } from './canonical-json.ts';
import {
  EMPTY_HEAD,
  extendChain,
  verifyAuditChain,
  type AuditEntry,
  type AuditRecord,
} from './audit.ts';

const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');
const entry = (n: number): AuditEntry => ({
  at: `2026-11-29T05:00:${String(n).padStart(2, '0')}.000Z`,
  actorId: 'acc-1',
  role: 'doctor',
  organisation: 'KZ-27/P1',
  action: 'patient.read',
  patientRef: `pat-${n}`,
  purpose: 'treatment',
  requestId: `req-${n}`,
  outcome: 'allowed',
  detail: null,
});
function chain(length: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  let head = EMPTY_HEAD;
  for (let n = 1; n <= length; n++) {
    const record = extendChain(sha256, head, entry(n));
    records.push(record);
    head = record;
  }
  return records;
}
const headOf = (records: AuditRecord[]) => {
  const last = records.at(-1);
  return last ? { sequence: last.sequence, hash: last.hash } : EMPTY_HEAD;
};

describe('audit hash chain', () => {
  it('verifies an untouched chain, and an empty one', () => {
    const records = chain(5);
    assert.deepEqual(verifyAuditChain(sha256, records, headOf(records)), {
      ok: true,
      head: headOf(records),
    });
    assert.equal(verifyAuditChain(sha256, [], EMPTY_HEAD).ok, true);
  });

  it('names an edited record', () => {
    const records = chain(5);
    const head = headOf(records);
    records[2] = { ...(records[2] as AuditRecord), outcome: 'refused' };
    const check = verifyAuditChain(sha256, records, head);
    assert.deepEqual(check.ok ? null : [check.sequence, check.problem], [3, 'hash']);
  });

  it('names the place of a deleted record', () => {
    const records = chain(5);
    const head = headOf(records);
    records.splice(1, 1);
    const check = verifyAuditChain(sha256, records, head);
    assert.deepEqual(check.ok ? null : [check.sequence, check.problem], [2, 'sequence']);
  });

  it('names the record after an inserted one, even when the insert is well formed', () => {
    const records = chain(5);
    const head = headOf(records);
    const forged = extendChain(sha256, headOf(records.slice(0, 2)), entry(99));
    const shifted = records.slice(2).map((r) => ({ ...r, sequence: r.sequence + 1 }));
    const check = verifyAuditChain(sha256, [...records.slice(0, 2), forged, ...shifted], head);
    assert.deepEqual(check.ok ? null : [check.sequence, check.problem], [4, 'previous_hash']);
  });

  it('notices records cut off or appended at the end through the stored head', () => {
    const records = chain(5);
    const cut = verifyAuditChain(sha256, records.slice(0, 4), headOf(records));
    assert.deepEqual(cut.ok ? null : [cut.sequence, cut.problem], [5, 'head']);
    const extra = [...records, extendChain(sha256, headOf(records), entry(6))];
    const appended = verifyAuditChain(sha256, extra, headOf(records));
    assert.deepEqual(appended.ok ? null : [appended.sequence, appended.problem], [6, 'head']);
  });

  it('hashes a canonical form: key order does not matter, values do', () => {
    assert.equal(canonicalJson({ b: 1, a: [true, null, 'x'] }), '{"a":[true,null,"x"],"b":1}');
    assert.throws(() => canonicalJson({ a: Number.NaN }));
  });
});
