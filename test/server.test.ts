/** `npm start` for real (bin/server.js: dist/ when fresh, else the sources): a fresh database directory, data loaded on first start, a request, SIGTERM. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer, StartError } from '../src/server.ts';
import { StorageError } from '../src/storage/errors.ts';
import { spawnServer } from './support/server-process.ts';
import { listSize } from './support/counts.ts';

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
      assert.equal(((await res.json()) as { items: unknown[] }).items.length, listSize('KZ-35'));
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

describe('a start that cannot succeed', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));

  it('a taken port: one line naming PORT, no stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegin-server-'));
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      await assert.rejects(
        startServer({ PORT: String(port), TEGIN_DB_DIR: join(dir, 'db'), LOG_LEVEL: 'silent' }),
        (error: Error) => {
          assert.ok(error instanceof StartError);
          assert.equal(
            error.message,
            `PORT: 127.0.0.1:${port} is already in use; set PORT to a free port`,
          );
          return true;
        },
      );
    } finally {
      taken.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bad or unreachable DATABASE_URL: one line naming it (password hidden), no stack', async () => {
    await assert.rejects(startServer({ DATABASE_URL: 'mysql://x' }), {
      message: 'invalid configuration: DATABASE_URL: expected a postgres:// URL',
    });
    await assert.rejects(
      startServer({ DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/x', LOG_LEVEL: 'silent' }),
      (error: Error) => {
        // The database away is STORE_UNAVAILABLE (exit 4, like `tegin db`), named by its setting.
        assert.ok(error instanceof StorageError, String(error));
        assert.equal(error.code, 'STORE_UNAVAILABLE');
        assert.match(
          error.message,
          /^the database is unavailable: .*ECONNREFUSED.* \(DATABASE_URL postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x\)$/,
        );
        assert.doesNotMatch(error.message, /secret|\n/);
        return true;
      },
    );
  });

  it('npm start prints one line and exits 1', async () => {
    for (const env of [{ DATABASE_URL: 'mysql://x' }, { PORT: 'abc' }]) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
      assert.equal(code, 1, JSON.stringify(env));
      assert.match(err, /^tegin: invalid configuration: (DATABASE_URL|PORT): expected [^\n]+\n$/);
    }
  });
});
