import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { storageContract } from './contract.ts';
import { StorageLockedError } from './errors.ts';
import { openPgliteStorage } from './pglite.ts';

describe('storage contract on PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tegin-pglite-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  storageContract(
    () => openPgliteStorage(dir),
    () => openPgliteStorage(dir),
  );
});

describe('a PGlite directory has one user at a time', () => {
  const root = mkdtempSync(join(tmpdir(), 'tegin-pglite-lock-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a second open, and the first goes on working and then releases it', async () => {
    const dir = join(root, 'db');
    mkdirSync(dir);
    const first = await openPgliteStorage(dir, { owner: 'tegin server' });
    try {
      await first.migrate();
      await assert.rejects(openPgliteStorage(dir, { owner: 'tegin db load' }), StorageLockedError);
      assert.deepEqual(await first.versions(), []);
    } finally {
      await first.close();
    }
    assert.equal(existsSync(`${dir}.lock`), false);
    const again = await openPgliteStorage(dir);
    assert.deepEqual(await again.migrate(), []);
    await again.close();
  });

  it('leaves no lock behind when the directory does not open', async () => {
    const dir = join(root, 'broken');
    mkdirSync(join(dir, 'base'), { recursive: true });
    writeFileSync(join(dir, 'PG_VERSION'), '9\n');
    await assert.rejects(openPgliteStorage(dir));
    assert.equal(existsSync(`${dir}.lock`), false);
  });
});
