/** The analytic settings hold for the statement's transaction and do not leak to the session. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openPgliteOpsStorage } from '../ops/open.ts';
import type { SqlOpsStorage } from '../ops/sql-ops-storage.ts';
import { analyticQuery } from './session.ts';

describe('analyticQuery', () => {
  let storage: SqlOpsStorage;
  before(async () => {
    storage = await openPgliteOpsStorage();
  });
  after(() => storage.close());

  it('runs with JIT off and 64 MB for sorts, then leaves the session as it was', async () => {
    const setting = `SELECT current_setting('jit') AS jit, current_setting('work_mem') AS work_mem`;
    const [inside] = await analyticQuery<{ jit: string; work_mem: string }>(
      storage.db,
      setting,
      [],
    );
    assert.deepEqual(inside, { jit: 'off', work_mem: '64MB' });
    const [outside] = await storage.db.query<{ work_mem: string }>(setting);
    assert.notEqual(outside?.work_mem, '64MB');
  });
});
