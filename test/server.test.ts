/** `npm start` for real (bin/server.js: dist/ when fresh, else the sources): a fresh database directory, data loaded on first start, a request, SIGTERM. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { listSize } from './support/counts.ts';

describe('the server process', () => {
  it('starts on PGlite, loads the data on first start, answers, and stops gracefully on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegin-server-'));
    const root = fileURLToPath(new URL('..', import.meta.url));
    const child = spawn(process.execPath, ['bin/server.js'], {
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
      assert.equal(((await res.json()) as { items: unknown[] }).items.length, listSize('KZ-35'));
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
