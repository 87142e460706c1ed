/**
 * Backup and restore on PGlite: a round trip leaves every table identical, row by row, and the
 * audit chain verifying; a non-empty target and a damaged file are refused with nothing written.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import {
  appendChain,
  fillDataset,
  KNOWN,
  migrateAll,
  snapshotTables,
} from '../../../test/support/backup-dataset.ts';
import { appliedMigrations } from '../migrate.ts';
import { auditHead } from '../ops/audit-sql.ts';
import { verifyAuditChainIn } from '../ops/audit-walk.ts';
import { blankPglite } from '../../../test/support/database.ts';
import type { SqlClient } from '../sql-client.ts';
import { restoreBackup } from './restore.ts';
import { writeBackup } from './write.ts';

describe('db backup and restore on PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tegin-backup-'));
  let source: SqlClient;
  let file: string;
  let expected: Map<string, string[]>;
  before(async () => {
    source = await blankPglite();
    await fillDataset(source, 300);
    expected = await snapshotTables(source);
    file = join(dir, 'source.tbk');
    await writeBackup(source, file, { source: 'pglite', tegin: 'test' });
  });
  after(async () => {
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the dataset fills every table (a table a later migration adds must get rows here)', () => {
    const empty = [...expected].filter(([, rows]) => rows.length === 0).map(([name]) => name);
    assert.deepEqual(empty, []);
    assert.ok(expected.size >= 19, `${expected.size} tables`);
  });

  it('writes a file only its owner can read, and never over an existing one', async () => {
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const before = readFileSync(file);
    await assert.rejects(writeBackup(source, file, { source: 'pglite', tegin: 'test' }), /exists/);
    assert.deepEqual(readFileSync(file), before);
  });

  it('restores into an empty PGlite: every table identical row by row, the chain verifies and goes on', async () => {
    const target = await blankPglite();
    try {
      const result = await restoreBackup(target, file, KNOWN);
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.summary.auditRecords, 1200);
      const restored = await snapshotTables(target);
      assert.deepEqual([...restored.keys()], [...expected.keys()]);
      for (const [table, rows] of expected) assert.deepEqual(restored.get(table), rows, table);
      assert.deepEqual(await verifyAuditChainIn(target), {
        ok: true,
        head: await auditHead(source),
      });
      assert.deepEqual(await appliedMigrations(target), await appliedMigrations(source));
      // The restored database goes on: the chain extends and identity columns continue.
      await target.transaction((tx) => appendChain(tx, 3));
      assert.equal((await verifyAuditChainIn(target)).ok, true);
      const [seq] = await target.query<{ seq: string }>(
        `INSERT INTO ops_dispenses (id, prescription_id, pharmacy, pharmacist, quantity, lot, expiry,
           dispensed_on, at, basis, remaining, registry_version)
         VALUES ('x-new', 'rx-2', 'KZ-27/A1', 'u-ph', 1, 'L', '2027-01-01', '2025-06-01', now(), '{}', 5, 'v1')
         RETURNING seq::text`,
      );
      assert.equal(Number(seq?.seq), 301);
    } finally {
      await target.close();
    }
  });

  it('refuses a target that holds any tegin data, naming it, and leaves it unchanged', async () => {
    const target = await blankPglite();
    try {
      await migrateAll(target);
      await target.exec(
        "INSERT INTO ops_organisations VALUES ('KZ-35/P9', 'KZ-35', 'P9', 'pharmacy', 'a', 'b', 'c')",
      );
      const before = await snapshotTables(target);
      const result = await restoreBackup(target, file, KNOWN);
      assert.deepEqual(
        result.ok ? 'restored' : [result.code, /ops_organisations/.test(result.message)],
        ['BACKUP_TARGET_NOT_EMPTY', true],
      );
      assert.deepEqual(await snapshotTables(target), before);
    } finally {
      await target.close();
    }
  });

  it('restores into a target whose schema is migrated but empty', async () => {
    const target = await blankPglite();
    try {
      await migrateAll(target);
      const result = await restoreBackup(target, file, KNOWN);
      assert.ok(result.ok, JSON.stringify(result));
      assert.deepEqual(await snapshotTables(target), expected);
    } finally {
      await target.close();
    }
  });

  /** The backup's text, changed by `edit`, written back gzip'd. */
  const damaged = (name: string, edit: (text: string) => string) => {
    const path = join(dir, name);
    writeFileSync(path, gzipSync(edit(gunzipSync(readFileSync(file)).toString('utf8'))));
    return path;
  };
  const cases: [string, () => string, string, RegExp][] = [
    [
      'a changed byte in a row',
      () => damaged('row.tbk', (t) => t.replace('"Ғалым"', '"Ғалыm"')),
      'BACKUP_FILE',
      /ops_patients does not match/,
    ],
    [
      'a wrong table hash',
      () =>
        damaged('hash.tbk', (t) =>
          t.replace(/("end":"ops_audit","rows":\d+,"sha256":")[0-9a-f]{64}/, `$1${'0'.repeat(64)}`),
        ),
      'BACKUP_FILE',
      /ops_audit|damaged/,
    ],
    [
      'a truncated file',
      () => {
        const path = join(dir, 'cut.tbk');
        const bytes = readFileSync(file);
        writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
        return path;
      },
      'BACKUP_FILE',
      /truncated|ends/,
    ],
    [
      'a file cut at a line end (whole gzip, no closing line)',
      () => damaged('cut-lines.tbk', (t) => t.slice(0, t.indexOf('{"table":"ops_prescriptions"}'))),
      'BACKUP_FILE',
      /truncated/,
    ],
    [
      'a flipped byte inside the compressed stream',
      () => {
        const path = join(dir, 'flip.tbk');
        const bytes = Buffer.from(readFileSync(file));
        const at = Math.floor(bytes.length / 2);
        bytes[at] = (bytes[at] as number) ^ 0xff;
        writeFileSync(path, bytes);
        return path;
      },
      'BACKUP_FILE',
      /cannot read|damaged|not JSON|not a row|does not match|expected/,
    ],
    [
      'a backup from a newer schema',
      () =>
        damaged('newer.tbk', (t) =>
          t.replace(/"migrations":\[([\d,]+)\]/, '"migrations":[$1,999]'),
        ),
      'BACKUP_SCHEMA',
      /999/,
    ],
    [
      'not a backup at all',
      () => damaged('other.tbk', () => '{"hello":1}\n'),
      'BACKUP_FILE',
      /not a tegin backup/,
    ],
  ];
  for (const [what, make, code, message] of cases) {
    it(`refuses ${what}, and the target stays empty`, async () => {
      const target = await blankPglite();
      try {
        const result = await restoreBackup(target, make(), KNOWN);
        assert.equal(result.ok, false);
        if (result.ok) return;
        assert.equal(result.code, code, result.message);
        assert.match(result.message, message);
        assert.deepEqual(await appliedMigrations(target), []);
        assert.deepEqual(await snapshotTables(target), new Map());
      } finally {
        await target.close();
      }
    });
  }
});
