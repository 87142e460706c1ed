import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { lockDirectory } from './dir-lock.ts';
import { StorageLockedError, type LockOwner } from './errors.ts';

const root = mkdtempSync(join(tmpdir(), 'tegin-lock-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => {
  const dir = join(root, `db${n++}`);
  mkdirSync(dir);
  return dir;
};
const owner = (over: Partial<LockOwner>): LockOwner => ({
  pid: process.pid,
  host: hostname(),
  what: 'tegin server',
  since: '2026-11-29T00:00:00.000Z',
  started: null,
  token: 'feedfacefeedface',
  ...over,
});
const writeLock = (dir: string, value: unknown) =>
  writeFileSync(`${dir}.lock`, typeof value === 'string' ? value : JSON.stringify(value));
/** A pid that no process has now: one of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid;

describe('the lock on the embedded database directory', () => {
  it('is a file beside the directory naming the owner, removed on release', () => {
    const dir = freshDir();
    const lock = lockDirectory(dir, 'tegin db load');
    const written = JSON.parse(readFileSync(`${dir}.lock`, 'utf8')) as LockOwner;
    assert.deepEqual(
      [written.pid, written.what, written.host],
      [process.pid, 'tegin db load', hostname()],
    );
    assert.equal(lock.reclaimed, null);
    lock.release();
    assert.equal(existsSync(`${dir}.lock`), false);
    lockDirectory(dir, 'again').release();
  });

  it('refuses a second opener, naming the process and what it is, and leaves the lock alone', () => {
    const dir = freshDir();
    const lock = lockDirectory(dir, 'tegin server');
    const before = readFileSync(`${dir}.lock`, 'utf8');
    assert.throws(
      () => lockDirectory(dir, 'tegin db load'),
      (error: unknown) =>
        error instanceof StorageLockedError &&
        error.code === 'STORE_LOCKED' &&
        error.message.includes(
          `is in use by process ${process.pid} (tegin server on ${hostname()}`,
        ) &&
        error.message.includes('stop that process and run this again'),
    );
    assert.equal(readFileSync(`${dir}.lock`, 'utf8'), before);
    lock.release();
  });

  it('reclaims a lock whose process is gone', () => {
    const dir = freshDir();
    const pid = deadPid();
    writeLock(dir, owner({ pid, what: 'tegin server' }));
    const lock = lockDirectory(dir, 'tegin db load');
    assert.equal(lock.reclaimed?.pid, pid);
    assert.equal((JSON.parse(readFileSync(`${dir}.lock`, 'utf8')) as LockOwner).pid, process.pid);
    lock.release();
  });

  it('reclaims a lock whose pid now belongs to another process (start time differs)', () => {
    const dir = freshDir();
    writeLock(dir, owner({ started: '1' }));
    const lock = lockDirectory(dir, 'tegin db load');
    assert.equal(lock.reclaimed?.started, '1');
    lock.release();
  });

  it('reclaims an unreadable lock', () => {
    const dir = freshDir();
    writeLock(dir, 'not json');
    lockDirectory(dir, 'tegin db load').release();
  });

  it('treats a lock taken on another host as live: it cannot tell', () => {
    const dir = freshDir();
    writeLock(dir, owner({ pid: deadPid(), host: 'elsewhere' }));
    assert.throws(
      () => lockDirectory(dir, 'tegin db load'),
      /process \d+ \(tegin server on elsewhere/,
    );
  });

  it('never removes a lock that is no longer its own', () => {
    const dir = freshDir();
    const lock = lockDirectory(dir, 'tegin server');
    writeLock(dir, owner({ token: 'someone-else' }));
    lock.release();
    assert.equal(existsSync(`${dir}.lock`), true);
  });

  it('lets exactly one of several processes racing for a stale lock win', async () => {
    const dir = freshDir();
    writeLock(dir, owner({ pid: deadPid() }));
    const script = fileURLToPath(new URL('./dir-lock.fixture.ts', import.meta.url));
    let ready = 0;
    const runs = await Promise.all(
      [0, 1, 2, 3].map(
        () =>
          new Promise<{ pid: number; out: string }>((resolve) => {
            const child = spawn(process.execPath, ['--import', 'tsx', script, dir], {
              stdio: ['ignore', 'pipe', 'inherit'],
            });
            let out = '';
            child.stdout.on('data', (d: Buffer) => {
              out += d.toString();
              // All four started: let them go at once.
              if (d.toString().startsWith('ready') && ++ready === 4) writeFileSync(`${dir}.go`, '');
            });
            child.once('exit', () =>
              resolve({ pid: child.pid ?? 0, out: out.replace('ready\n', '').trim() }),
            );
          }),
      ),
    );
    const winners = runs.filter((r) => r.out === 'locked');
    assert.equal(winners.length, 1, JSON.stringify(runs));
    for (const r of runs.filter((x) => x !== winners[0]))
      assert.equal(r.out, `refused ${winners[0]?.pid}`, JSON.stringify(runs));
    assert.equal(existsSync(`${dir}.lock`), false);
  });
});
