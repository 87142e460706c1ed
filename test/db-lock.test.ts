/**
 * One user at a time on the embedded database directory: `tegin db load` while a server holds
 * the directory is refused (exit code 4, naming the server's pid) and changes nothing; a second
 * server refuses to start; after the server is killed (no clean-up at all), its stale lock is
 * reclaimed and the directory opens with its data intact.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from './support/cli.ts';
import { spawnServer, type ServerProcess } from './support/server-process.ts';

describe('the embedded database directory, held by a running server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tegin-db-lock-'));
  const db = join(dir, 'db');
  const saved = { dir: process.env.TEGIN_DB_DIR, url: process.env.DATABASE_URL };
  let server: ServerProcess;
  before(async () => {
    process.env.TEGIN_DB_DIR = db;
    process.env.DATABASE_URL = '';
    server = await spawnServer({ TEGIN_DB_DIR: db });
  });
  after(() => {
    server.child.kill('SIGKILL');
    if (saved.dir === undefined) delete process.env.TEGIN_DB_DIR;
    else process.env.TEGIN_DB_DIR = saved.dir;
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses `tegin db load` with exit code 4, naming the server and what to do', async () => {
    const { code, err, out } = await runCli('db', 'load', '--note', 'while serving');
    assert.equal(code, 4, err);
    assert.equal(out, '');
    assert.match(
      err,
      new RegExp(
        `^tegin: STORE_LOCKED: the database directory \\S+ is in use by process ${server.child.pid} \\(tegin server on `,
      ),
    );
    assert.match(err, /stop that process and run this again, or use PostgreSQL \(DATABASE_URL\)/);
    assert.equal((await runCli('db', 'versions')).code, 4);
  });

  it('refuses to start a second server on the same directory, with exit code 4', async () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const second = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', TEGIN_DB_DIR: db, DATABASE_URL: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    second.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    assert.equal(code, 4, err);
    assert.match(err, new RegExp(`in use by process ${server.child.pid} \\(tegin server`));
    const res = await fetch(`${server.url}/ready`);
    assert.equal(res.status, 200, 'the first server still serves');
  });

  it('after the server is killed, reclaims its lock and opens the directory with the data intact', async () => {
    server.child.kill('SIGKILL');
    await server.exited;
    const versions = await runCli('db', 'versions', '--json');
    assert.equal(versions.code, 0, versions.err);
    assert.match(
      versions.err,
      new RegExp(
        `reclaimed the lock of \\S+ left by process ${server.child.pid} \\(tegin server\\), which is gone`,
      ),
    );
    const list = JSON.parse(versions.out) as { id: number; note: string }[];
    assert.deepEqual(
      list.map((v) => [v.id, v.note]),
      [[1, 'first start: repository data']],
      'the refused load left nothing behind',
    );
    const load = await runCli('db', 'load');
    assert.equal(load.code, 0, load.err);
    assert.match(load.out, /unchanged, registry version 1/);
  });
});
