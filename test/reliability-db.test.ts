/**
 * The database connection dropped under write load, short form (`npm run faults` also crashes
 * and restarts a PostgreSQL cluster of its own): a TCP proxy in front of PostgreSQL is cut for
 * 1.5 s while clients issue and dispense. Every request that needs the database answers 503
 * problem+json STORE_UNAVAILABLE with Retry-After, fast; the process survives and serves again
 * by itself; every acknowledged write is there exactly once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dbFaultSummary, FAIL_FAST_MS, runDbFault } from '../scripts/reliability/db-faults.ts';
import { postgresTarget } from '../src/storage/postgres-url.ts';

const pg = await postgresTarget(process.env);
const required = process.env.TEGIN_REQUIRE_POSTGRES === '1';

describe('the database connection dropped under write load', () => {
  it(
    '503 STORE_UNAVAILABLE fast while away, the process survives, nothing acknowledged lost',
    { skip: 'skip' in pg && !required && pg.skip },
    async (t) => {
      assert.ok(!('skip' in pg), 'TEGIN_REQUIRE_POSTGRES=1 but PostgreSQL does not answer');
      const report = await runDbFault(
        { fault: 'connection-drop', outageMs: 1500, patients: 30, clients: 6, seed: 5 },
        () => undefined,
      );
      t.diagnostic(dbFaultSummary(report));
      assert.deepEqual(report.failures, []);
      assert.ok(report.unavailable > 0);
      assert.ok(report.slowest503Ms <= FAIL_FAST_MS);
      assert.ok(report.samePid);
      assert.equal(report.ledger.lost, 0);
      assert.equal(report.ledger.duplicated, 0);
    },
  );
});
