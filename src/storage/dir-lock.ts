/**
 * An exclusive lock on the embedded (PGlite) database directory. PGlite is a one-process
 * database: two processes on one directory each keep their own copy of its state and overwrite
 * each other's files, so a load vanishes or the directory no longer opens. Hence one user at a
 * time: the lock is a file beside the directory (`<dir>.lock`) naming its owner. It appears
 * atomically — written to a temporary file, then hard-linked into place, which fails when a lock
 * exists — so a reader always sees a whole owner. A lock whose process is gone (killed, crashed)
 * is stale and reclaimed; reclaiming happens under a second, short-lived lock so two reclaimers
 * never remove a lock that a third process has just taken.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { StorageLockedError, type LockOwner } from './errors.ts';

export interface DirLock {
  readonly path: string;
  /** The stale owner this lock replaced, if any (for the log). */
  readonly reclaimed: LockOwner | null;
  /** Removes the lock file, if it is still this lock. */
  release(): void;
}

/** Takes the lock on `dir` (which must exist) for `what`, or throws StorageLockedError. */
export function lockDirectory(dir: string, what: string): DirLock {
  const path = `${realpathSync(dir)}.lock`;
  const mine: LockOwner = {
    pid: process.pid,
    host: hostname(),
    what,
    since: new Date().toISOString(),
    started: startTicks(process.pid),
    token: randomBytes(8).toString('hex'),
  };
  let reclaimed: LockOwner | null = null;
  for (let attempt = 0; attempt < 10; attempt++) {
    if (createExclusive(path, mine)) {
      return {
        path,
        reclaimed,
        release: () => {
          if (readOwner(path)?.token === mine.token) rmSync(path, { force: true });
        },
      };
    }
    const held = readOwner(path);
    if (held === undefined) continue; // released between our two steps: try again
    if (held !== null && isAlive(held)) throw new StorageLockedError(realpathSync(dir), held);
    if (removeStale(path, held)) reclaimed = held;
  }
  throw new Error(`could not take the lock ${path}: it keeps changing hands`);
}

/** Whether the lock's owner is a running process; a lock from another host counts as live. */
export function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // The pid is in use; if the kernel tells start times, it must be the same process.
  const started = startTicks(owner.pid);
  return owner.started === null || started === null || started === owner.started;
}

/** Creates `path` holding `owner` if it does not exist; false if it does. */
function createExclusive(path: string, owner: LockOwner): boolean {
  const temporary = `${path}.${owner.token}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, `${JSON.stringify(owner)}\n`, { flag: 'wx' });
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** The owner in a lock file: undefined when there is none, null when it cannot be read. */
function readOwner(path: string): LockOwner | null | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid !== 'number' || typeof value.token !== 'string') return null;
    return {
      pid: value.pid,
      host: String(value.host ?? ''),
      what: String(value.what ?? 'unknown'),
      since: String(value.since ?? 'unknown'),
      started: typeof value.started === 'string' ? value.started : null,
      token: value.token,
    };
  } catch {
    return null;
  }
}

/** Removes the stale lock `seen` (null: unreadable) unless it changed meanwhile. */
function removeStale(path: string, seen: LockOwner | null): boolean {
  const guard = `${path}.reclaim`;
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    what: 'reclaiming a stale lock',
    since: new Date().toISOString(),
    started: startTicks(process.pid),
    token: randomBytes(8).toString('hex'),
  };
  for (let attempt = 0; attempt < 200; attempt++) {
    if (createExclusive(guard, me)) {
      try {
        const now = readOwner(path);
        if (now === undefined || now?.token !== seen?.token) return false;
        rmSync(path, { force: true });
        return true;
      } finally {
        rmSync(guard, { force: true });
      }
    }
    const other = readOwner(guard);
    if (other !== undefined && (other === null || !isAlive(other))) rmSync(guard, { force: true });
    else sleep(10);
  }
  throw new Error(`could not reclaim the stale lock ${path}: ${guard} stays held`);
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot. */
function startTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
