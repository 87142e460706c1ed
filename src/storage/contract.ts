/**
 * The behaviour every Storage implementation must have, as one suite that each
 * implementation's test file runs (Hono's pattern: one shared suite, many adapters).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { readDataDir, type RawFile } from '../registry/load-files.ts';
import type { Storage } from './storage.ts';

export function storageContract(
  open: () => Promise<Storage>,
  reopen: () => Promise<Storage>,
): void {
  const files = readDataDir();
  const ACT = 'KZ-35/acts/2021-02-25.34.yaml';
  const edited = (list: RawFile[]) =>
    list.map((f) => (f.path === ACT ? { ...f, text: `${f.text}# reviewed again\n` } : f));

  it('migrates once', async () => {
    const storage = await open();
    try {
      assert.deepEqual(await storage.migrate(), [1, 2]);
      assert.deepEqual(await storage.migrate(), []);
      assert.equal(await storage.currentVersion(), null);
      assert.deepEqual(await storage.files(), []);
    } finally {
      await storage.close();
    }
  });

  it('loads the data files as version 1, and loading them again changes nothing', async () => {
    const storage = await reopen();
    try {
      const first = await storage.load(files, 'first');
      assert.ok(first.ok);
      assert.equal(first.changed, true);
      assert.equal(first.version.id, 1);
      assert.equal(first.added.length, files.length);
      const stored = await storage.files();
      assert.deepEqual(
        stored,
        [...files].sort((a, b) => a.path.localeCompare(b.path)),
      );
      const again = await storage.load(files);
      assert.ok(again.ok);
      assert.equal(again.changed, false);
      assert.equal(again.version.id, 1);
      assert.equal((await storage.versions()).length, 1);
    } finally {
      await storage.close();
    }
  });

  it('keeps the history: a changed file makes version 2', async () => {
    const storage = await reopen();
    try {
      const second = await storage.load(edited(files), 'edited');
      assert.ok(second.ok);
      assert.deepEqual([second.changed, second.version.id, second.modified], [true, 2, [ACT]]);
      assert.deepEqual(second.added, []);
      assert.equal((await storage.fileHistory(ACT)).length, 2);
      assert.deepEqual(
        (await storage.fileHistory('regions.yaml')).map((r) => r.versionId),
        [1],
      );
      const v1 = await storage.files(1);
      assert.equal(v1.find((f) => f.path === ACT)?.text.endsWith('# reviewed again\n'), false);
      assert.equal(
        (await storage.files()).find((f) => f.path === ACT)?.text.endsWith('# reviewed again\n'),
        true,
      );
    } finally {
      await storage.close();
    }
  });

  it('refuses invalid data and changes nothing', async () => {
    const storage = await reopen();
    try {
      const broken = files.map((f) =>
        f.path === 'KZ-35/lists/2021-02-25.34.annex-1.yaml'
          ? { ...f, text: f.text.replace('icd10: [M35.2]', 'icd10: [bad]') }
          : f,
      );
      const result = await storage.load(broken);
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.issues[0]?.code, 'DATA_SCHEMA');
      assert.equal((await storage.currentVersion())?.id, 2);
    } finally {
      await storage.close();
    }
  });

  it('rolls back a write that fails half way, leaving the data as it was', async () => {
    const storage = await reopen();
    try {
      const before = await storage.files();
      // PostgreSQL text cannot hold a NUL character: the insert fails after the version row.
      const poisoned = [...edited(files), { path: 'KZ-35/source/poison.txt', text: 'a\u0000b' }];
      await assert.rejects(storage.load(poisoned));
      assert.equal((await storage.currentVersion())?.id, 2);
      assert.equal((await storage.versions()).length, 2);
      assert.deepEqual(await storage.files(), before);
    } finally {
      await storage.close();
    }
  });

  it('answers SQL queries over the items of the current version', async () => {
    const storage = await reopen();
    try {
      const rows = await storage.itemsWithCode('M08');
      assert.deepEqual(
        rows.map((r) => `${r.region}:${r.section}.${r.item}`),
        ['KZ-27:1.2', 'KZ-35:1.1', 'KZ-35:1.10'],
      );
      assert.deepEqual(rows[1]?.inns, ['canakinumab']);
    } finally {
      await storage.close();
    }
  });

  it('makes a new version when the data returns to an earlier state (A → B → A)', async () => {
    const storage = await reopen();
    try {
      const back = await storage.load(files, 'back to the first state');
      assert.ok(back.ok);
      assert.deepEqual([back.changed, back.version.id, back.modified], [true, 3, [ACT]]);
      assert.equal(back.version.contentHash, (await storage.versions())[0]?.contentHash);
      assert.deepEqual(
        (await storage.fileHistory(ACT)).map((r) => r.versionId),
        [1, 2, 3],
      );
      assert.deepEqual(await storage.files(3), await storage.files(1));
      const again = await storage.load(files);
      assert.ok(again.ok);
      assert.deepEqual([again.changed, again.version.id], [false, 3]);
    } finally {
      await storage.close();
    }
  });
}
