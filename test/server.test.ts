/** `npm start` for real: a fresh database directory, data loaded on first start, a request, SIGTERM. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { spawnServer } from './support/server-process.ts';

describe('the server process', () => {
  it('starts on PGlite, loads the data on first start, answers, and stops gracefully on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegin-server-'));
    const server = await spawnServer({ TEGIN_DB_DIR: join(dir, 'db') });
    try {
      // Logs are written asynchronously: give the first-start line a moment.
      for (let i = 0; i < 50 && !/loaded the repository data/.test(server.output()); i++)
        await new Promise((r) => setTimeout(r, 100));
      assert.match(server.output(), /loaded the repository data as registry version 1/);
      const lock = `${realpathSync(join(dir, 'db'))}.lock`;
      assert.equal(existsSync(lock), true, 'the server holds the directory');
      const res = await fetch(`${server.url}/api/v1/regions/KZ-35/catalog?date=2026-11-24`);
      assert.equal(res.status, 200);
      assert.ok(res.headers.get('x-request-id'));
      assert.equal(((await res.json()) as { items: unknown[] }).items.length, 24);
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0);
      assert.match(server.output(), /"msg":"shutting down"/);
      assert.match(server.output(), /"msg":"stopped"/);
      assert.equal(existsSync(lock), false, 'a graceful stop releases the directory');
    } finally {
      server.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
