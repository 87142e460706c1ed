/** The analytic settings hold for the statement's transaction and do not leak to the session. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openPgliteOpsStorage } from '../ops/open.ts';
import type { SqlOpsStorage } from '../ops/sql-ops-storage.ts';
import type { SqlClient } from '../sql-client.ts';
import {
  ANALYTIC_STATEMENTS_AT_ONCE,
  analyticQuery,
  Gate,
  inSlice,
  readInSlices,
  slicesAsRead,
  slicesOf,
  type Slice,
} from './session.ts';

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

describe('reading in slices', () => {
  const later = <T>(ms: number, value: T) =>
    new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

  it('reads every part once, at once, and yields each as it is read', async () => {
    const started: number[] = [];
    const read = (slice: Slice) => {
      started.push(slice.index);
      // The first part is the slowest: it must come last, and not hold the others back.
      return later(slice.index === 0 ? 40 : 5, [`${slice.index}/${slice.of}`]);
    };
    const seen: string[][] = [];
    for await (const rows of slicesAsRead(3, read)) {
      seen.push(rows);
      assert.deepEqual(started, [0, 1, 2], 'all parts were started before the first came back');
    }
    assert.deepEqual(seen.at(-1), ['0/3']);
    assert.deepEqual(seen.flat().sort(), ['0/3', '1/3', '2/3']);
    assert.deepEqual(await readInSlices(2, read), ['0/2', '1/2']);
    assert.deepEqual(await readInSlices(1, read), ['0/1']);
  });

  it('fails when a part fails, and refuses a count that is not one', async () => {
    const read = (slice: Slice) =>
      slice.index === 1 ? Promise.reject(new Error('part 1 lost')) : later(20, [slice.index]);
    await assert.rejects(async () => {
      for await (const rows of slicesAsRead(2, read)) assert.ok(rows);
    }, /part 1 lost/);
    await assert.rejects(readInSlices(0, read), /slices: 0 is not a count/);
    await assert.rejects(async () => {
      for await (const rows of slicesAsRead(1.5, read)) assert.ok(rows);
    }, /slices: 1.5 is not a count/);
  });

  it('keeps each patient in exactly one part', async () => {
    const storage = await openPgliteOpsStorage();
    try {
      const ids = Array.from({ length: 200 }, (_, i) => `patient-${i}`);
      const inPart = async (slice: Slice) =>
        (
          await storage.db.query<{ id: string }>(
            `SELECT id FROM unnest($1::text[]) AS t(id) WHERE ${inSlice('id', '$2', '$3')}`,
            [ids, slice.of, slice.index],
          )
        ).map((r) => r.id);
      const parts = await Promise.all(slicesOf(3).map(inPart));
      assert.deepEqual(parts.flat().sort(), [...ids].sort());
      assert.deepEqual(await inPart({ index: 0, of: 1 }), ids, 'one slice is the whole');
      assert.ok(
        parts.every((p) => p.length > 30),
        'the parts are of comparable size',
      );
    } finally {
      await storage.close();
    }
  });
});

describe('analytic statements at once', () => {
  it('runs at most ANALYTIC_STATEMENTS_AT_ONCE on one client, the rest in turn, and frees a slot on failure', async () => {
    let now = 0;
    let most = 0;
    const client: SqlClient = {
      query: async <R extends Record<string, unknown>>(sql: string) => {
        now += 1;
        most = Math.max(most, now);
        await new Promise((resolve) => setTimeout(resolve, 5));
        now -= 1;
        if (sql === 'fail') throw new Error('statement failed');
        return [{ sql }] as unknown as R[];
      },
      transaction: (work) => work(client),
      exec: async () => {},
      close: async () => {},
    };
    const asked = ['a', 'fail', 'b', 'c', 'd', 'e'];
    const answers = await Promise.allSettled(asked.map((sql) => analyticQuery(client, sql, [])));
    assert.equal(most, ANALYTIC_STATEMENTS_AT_ONCE);
    assert.deepEqual(
      answers.map((a) => (a.status === 'fulfilled' ? a.value[0]?.sql : 'failed')),
      ['a', 'failed', 'b', 'c', 'd', 'e'],
    );
    // Another client has its own slots.
    most = 0;
    const other: SqlClient = { ...client, transaction: (work) => work(other) };
    await Promise.all(
      ['x', 'y'].flatMap((sql) => [client, other].map((db) => analyticQuery(db, sql, []))),
    );
    assert.equal(most, 2 * ANALYTIC_STATEMENTS_AT_ONCE);
  });

  it('refuses a limit that is not a count', () => {
    assert.throws(() => new Gate(0), /limit: 0 is not a count/);
  });
});
