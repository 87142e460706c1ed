/**
 * `tegin db backup --out FILE` and `tegin db restore FILE` (docs/adr/0017-backup-restore.md):
 * the whole database (registry and operations) in a file of tegin's own format, from and into
 * PGlite or PostgreSQL alike. The file holds patients' data: it is written with mode 0600.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseSetting, parseConfig, reasonOf, type Config } from '../../app/config.ts';
import { openDatabase, type Database } from '../../app/database.ts';
import { BackupError, type BackupIssueCode } from '../../storage/backup/format.ts';
import { restoreBackup } from '../../storage/backup/restore.ts';
import { writeBackup } from '../../storage/backup/write.ts';
import { StorageError } from '../../storage/errors.ts';
import { readMigrations } from '../../storage/migrate.ts';
import { OPS_MIGRATIONS } from '../../storage/ops/sql-ops-storage.ts';
import { VERSION } from '../../version.ts';
import { langFlag } from '../flags.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';

/** A refused backup or restore, as an exit code (src/cli/io.ts). */
const EXIT_OF: Record<BackupIssueCode, number> = {
  BACKUP_FILE: EXIT.dataProblems,
  BACKUP_SCHEMA: EXIT.dataProblems,
  BACKUP_MISMATCH: EXIT.dataProblems,
  BACKUP_TARGET_NOT_EMPTY: EXIT.badInput,
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function backupCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      lang: { type: 'string' },
    },
    strict: true,
  });
  langFlag(values.lang);
  if (!values.out) throw new UsageError('db backup: --out FILE is required');
  const out = resolve(values.out);
  if (existsSync(out))
    throw new UsageError(`--out: ${values.out} exists; a backup never overwrites a file`);
  if (!isDirectory(dirname(out))) {
    throw new UsageError(`--out: the directory ${dirname(values.out)} does not exist`);
  }
  return withDatabase('backup', io, async (db) => {
    const started = performance.now();
    const summary = await writeBackup(db.client, out, { source: db.kind, tegin: VERSION });
    const ms = Math.round(performance.now() - started);
    io.stdout(
      values.json
        ? `${JSON.stringify({ ...summary, ms }, null, 2)}\n`
        : `db backup: ${summary.tables.length} tables, ${summary.rows} rows (${db.kind}, migrations ${summary.migrations.join(', ')}) into ${values.out}, ${mb(summary.bytes)} in ${ms} ms\n` +
            `db backup: the file holds patients' data (mode 0600): keep it as you keep the database\n`,
    );
    return EXIT.ok;
  });
}

export async function restoreCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      lang: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  langFlag(values.lang);
  if (positionals.length !== 1) throw new UsageError('db restore: give one backup file');
  const file = positionals[0] as string;
  if (!existsSync(file) || isDirectory(file)) throw new UsageError(`${file}: no such backup file`);
  const known = [...readMigrations(), ...readMigrations(OPS_MIGRATIONS)].sort(
    (a, b) => a.id - b.id,
  );
  return withDatabase('restore', io, async (db) => {
    const started = performance.now();
    const result = await restoreBackup(db.client, file, known);
    const ms = Math.round(performance.now() - started);
    if (!result.ok) {
      io.stderr(`tegin: ${result.code}: ${result.message}\n`);
      return EXIT_OF[result.code];
    }
    const s = result.summary;
    io.stdout(
      values.json
        ? `${JSON.stringify({ ...s, target: db.kind, ms }, null, 2)}\n`
        : `db restore: ${s.tables.length} tables, ${s.rows} rows from ${file} (${s.source}, ${s.createdAt}) into ${db.kind} in ${ms} ms; every table matches its hash and the audit chain verifies (${s.auditRecords} records)\n`,
    );
    return EXIT.ok;
  });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

async function withDatabase(
  sub: 'backup' | 'restore',
  io: CliIo,
  work: (db: Database) => Promise<number>,
): Promise<number> {
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    throw new UsageError(reasonOf(error));
  }
  let db: Database;
  try {
    db = await openDatabase(config, `tegin db ${sub}`, {
      warn: (message) => io.stderr(`tegin: ${message}\n`),
    });
  } catch (error) {
    if (error instanceof StorageError) throw error; // locked or away: exit 4 (main.ts)
    io.stderr(
      `tegin: cannot open the database at ${databaseSetting(config)}: ${reasonOf(error)}\n`,
    );
    return EXIT.internal;
  }
  try {
    return await work(db);
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    io.stderr(`tegin: ${error.code}: ${error.message}\n`);
    return EXIT_OF[error.code];
  } finally {
    await db.close();
  }
}
