/** `tegin db backup` and `tegin db restore` in-process on temporary PGlite directories. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openPgliteClient } from '../src/storage/pglite.ts';
import { fillDataset } from './support/backup-dataset.ts';
import { runCli } from './support/cli.ts';

describe('tegin db backup, db restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tegin-backup-cli-'));
  const saved = { db: process.env.TEGIN_DB_DIR, url: process.env.DATABASE_URL };
  const file = join(dir, 'b.tbk');
  before(async () => {
    delete process.env.DATABASE_URL;
    mkdirSync(join(dir, 'source'));
    const source = await openPgliteClient(join(dir, 'source'));
    await fillDataset(source, 50);
    await source.close();
  });
  after(() => {
    process.env.TEGIN_DB_DIR = saved.db;
    if (saved.db === undefined) delete process.env.TEGIN_DB_DIR;
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up to a new file of mode 0600, and refuses an existing one (exit 2)', async () => {
    process.env.TEGIN_DB_DIR = join(dir, 'source');
    const made = await runCli('db', 'backup', '--out', file, '--json');
    assert.equal(made.code, 0, made.err);
    const summary = JSON.parse(made.out) as { rows: number; tables: unknown[] };
    assert.ok(summary.rows > 0 && summary.tables.length >= 19);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const again = await runCli('db', 'backup', '--out', file);
    assert.deepEqual([again.code, /--out: .* exists/.test(again.err)], [2, true]);
    const missing = await runCli('db', 'backup');
    assert.deepEqual([missing.code, /--out FILE is required/.test(missing.err)], [2, true]);
  });

  it('restores into an empty directory, then refuses it as not empty (exit 2)', async () => {
    process.env.TEGIN_DB_DIR = join(dir, 'target');
    const restored = await runCli('db', 'restore', file);
    assert.equal(restored.code, 0, restored.err);
    assert.match(restored.out, /the audit chain verifies \(200 records\)/);
    const verified = await runCli('audit', 'verify', '--json');
    assert.equal(verified.code, 0, verified.err);
    const twice = await runCli('db', 'restore', file, '--json');
    assert.deepEqual([twice.code, /BACKUP_TARGET_NOT_EMPTY/.test(twice.err)], [2, true]);
  });

  it('refuses a damaged file (exit 3) and a missing one (exit 2)', async () => {
    process.env.TEGIN_DB_DIR = join(dir, 'other');
    const cut = join(dir, 'cut.tbk');
    writeFileSync(cut, readFileSync(file).subarray(0, 2000));
    const damaged = await runCli('db', 'restore', cut);
    assert.deepEqual([damaged.code, /BACKUP_FILE: .*cut\.tbk/.test(damaged.err)], [3, true]);
    const none = await runCli('db', 'restore', join(dir, 'nope.tbk'));
    assert.deepEqual([none.code, /nope\.tbk: no such backup file/.test(none.err)], [2, true]);
  });
});
