/** The analytic settings hold for the statement's transaction and do not leak to the session. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openPgliteOpsStorage } from '../ops/open.ts';
import type { SqlOpsStorage } from '../ops/sql-ops-storage.ts';
import {
  analyticQuery,
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
