/** `npm start` for real: a fresh database directory, data loaded on first start, a request, SIGTERM. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer, StartError } from '../src/server.ts';

describe('the server process', () => {
  it('starts on PGlite, loads the data on first start, answers, and stops gracefully on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegin-server-'));
    const root = fileURLToPath(new URL('..', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: '0',
        TEGIN_DB_DIR: join(dir, 'db'),
        LOG_LEVEL: 'info',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start line in 30 s:\n${out}`)), 30_000);
        child.stdout.on('data', () => {
          const match = /tegin API on (http:\/\/\S+)/.exec(out);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      // Logs are written asynchronously: give the first-start line a moment.
      for (let i = 0; i < 50 && !/loaded the repository data/.test(out); i++)
        await new Promise((r) => setTimeout(r, 100));
      assert.match(out, /loaded the repository data as registry version 1/);
      const res = await fetch(`${url}/api/v1/regions/KZ-35/catalog?date=2026-11-24`);
      assert.equal(res.status, 200);
      assert.ok(res.headers.get('x-request-id'));
      assert.equal(((await res.json()) as { items: unknown[] }).items.length, 24);
      const exited = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => resolve(code)),
      );
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      assert.match(out, /"msg":"shutting down"/);
      assert.match(out, /"msg":"stopped"/);
    } finally {
      child.kill('SIGKILL');
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
        assert.ok(error instanceof StartError);
        assert.match(
          error.message,
          /^cannot (open|start on) the database at DATABASE_URL postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x: .*ECONNREFUSED/,
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
