/**
 * A process racing for the lock (dir-lock.test.ts): says `ready`, waits for `<dir>.go`, then
 * prints `locked` (and holds the lock a second) or `refused <owner pid>`.
 */
import { existsSync } from 'node:fs';
import { lockDirectory } from './dir-lock.ts';
import { StorageLockedError } from './errors.ts';

const dir = process.argv[2] ?? '';
process.stdout.write('ready\n');
while (!existsSync(`${dir}.go`)) await new Promise((resolve) => setTimeout(resolve, 1));
try {
  const lock = lockDirectory(dir, 'racer');
  process.stdout.write('locked\n');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  lock.release();
} catch (error) {
  if (!(error instanceof StorageLockedError)) throw error;
  process.stdout.write(`refused ${error.owner.pid}\n`);
}
