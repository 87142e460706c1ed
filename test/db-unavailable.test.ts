/** `tegin db …` against a PostgreSQL server that is not there: one line and exit code 4, fast. */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { runCli } from './support/cli.ts';

/** A port nothing listens on: one just released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 1;
}

describe('tegin db with the database away', () => {
  it('says the database is unavailable and exits with 4, without a stack trace', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `postgres://tegin@127.0.0.1:${await closedPort()}/tegin`;
    try {
      const started = performance.now();
      const { code, out, err } = await runCli('db', 'versions');
      assert.equal(code, 4, err);
      assert.equal(out, '');
      assert.match(err, /^tegin: STORE_UNAVAILABLE: the database is unavailable: .*ECONNREFUSED/);
      assert.doesNotMatch(err, /\n\s+at /);
      assert.ok(performance.now() - started < 3000);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });
});
