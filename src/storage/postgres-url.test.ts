/** Choosing the PostgreSQL server of the storage suite (the probe is replaced by a stub). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LOCAL_TEST_URL, postgresTarget, probe } from './postgres-url.ts';

describe('postgresTarget', () => {
  it('takes DATABASE_URL without probing', async () => {
    const target = await postgresTarget({ DATABASE_URL: 'postgres://x@h/db' }, () =>
      assert.fail('probed'),
    );
    assert.deepEqual(target, { url: 'postgres://x@h/db', from: 'DATABASE_URL' });
  });

  it('uses the local test database when it answers', async () => {
    const target = await postgresTarget({}, async () => undefined);
    assert.deepEqual(target, { url: LOCAL_TEST_URL, from: 'local' });
  });

  it('skips with the reason when nothing answers', async () => {
    const target = await postgresTarget({ DATABASE_URL: '' }, async () => 'ECONNREFUSED');
    assert.ok('skip' in target);
    assert.match(target.skip, /DATABASE_URL is not set.*ECONNREFUSED/);
  });

  it('probes a closed port as unreachable', async () => {
    assert.match((await probe('postgres://postgres@127.0.0.1:1/test', 1000)) ?? '', /.+/);
  });
});
