/**
 * The soak's short form (scripts/reliability/soak.ts, `npm run soak` runs it for 10 minutes):
 * 8 s of public reads, issues and dispenses under Idempotency-Keys against the real server on
 * PostgreSQL where it answers (its set-up is seconds shorter than PGlite's first start; PGlite's
 * writes are in test/reliability-kill.test.ts), else PGlite; no error, bounded memory, every acknowledged dispense there exactly once, the audit
 * chain verified. The p99 comparison gets a loose floor here: an 8 s run on a shared CI machine
 * measures its neighbours, not a trend (the 10-minute run keeps the strict one).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runSoak, summary } from '../scripts/reliability/soak.ts';
import { postgresTarget } from '../src/storage/postgres-url.ts';

const backend = 'skip' in (await postgresTarget(process.env)) ? 'pglite' : 'postgres';

describe('the soak, short form', () => {
  it(`8 s of mixed load on ${backend}: no error, nothing lost or duplicated, memory bounded, audit verified`, async (t) => {
    const report = await runSoak(
      {
        seconds: 8,
        backend,
        readers: 8,
        clinical: 6,
        issueRate: 4,
        seed: 1,
        p99FloorMs: 2000,
      },
      () => undefined,
    );
    t.diagnostic(summary(report));
    assert.deepEqual(report.failures, []);
    assert.ok(report.ledger.acknowledgedDispenses > 0);
    assert.equal(report.ledger.lost, 0);
    assert.equal(report.ledger.duplicated, 0);
    assert.ok(report.answers.replays > 0, 'some answers were replayed on purpose');
  });
});
