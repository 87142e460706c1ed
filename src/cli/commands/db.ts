/**
 * `tegin db load|versions|history`: the registry on the database (PGlite in
 * .tegin/pglite by default, PostgreSQL when DATABASE_URL is set). `db backup|restore` are in
 * db-backup.ts.
 */
import { parseArgs } from 'node:util';
import { databaseSetting, parseConfig, reasonOf, type Config } from '../../app/config.ts';
import { openStorage } from '../../app/services.ts';
import { readDataDir } from '../../registry/load-files.ts';
import { StorageError } from '../../storage/errors.ts';
import type { Storage } from '../../storage/storage.ts';
import { langFlag } from '../flags.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';

export async function dbCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'backup') return (await import('./db-backup.ts')).backupCommand(rest, io);
  if (sub === 'restore') return (await import('./db-backup.ts')).restoreCommand(rest, io);
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      note: { type: 'string' },
      dir: { type: 'string' },
      json: { type: 'boolean', default: false },
      lang: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  langFlag(values.lang); // accepted by every command; the db reports are ids, dates and counts
  if (sub !== 'load' && sub !== 'versions' && sub !== 'history') {
    throw new UsageError(
      `unknown db command "${sub ?? ''}": expected load, versions, history, backup or restore`,
    );
  }
  if (sub === 'history' && positionals.length !== 1) {
    throw new UsageError(
      'db history: give one data file path, e.g. KZ-27/acts/2020-09-30.38-3.yaml',
    );
  }
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    throw new UsageError(reasonOf(error));
  }
  let opened: Storage | undefined;
  try {
    opened = await openStorage(config, `tegin db ${sub}`, {
      warn: (message) => io.stderr(`tegin: ${message}\n`),
    });
    await opened.migrate();
  } catch (error) {
    await opened?.close().catch(() => undefined);
    if (error instanceof StorageError) throw error; // locked or away: one line, exit 4 (main.ts)
    io.stderr(
      `tegin: cannot open the database at ${databaseSetting(config)}: ${reasonOf(error)}\n`,
    );
    return EXIT.internal;
  }
  const storage = opened;
  try {
    const print = (value: unknown, text: string) =>
      io.stdout(values.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
    if (sub === 'load') {
      const result = await storage.load(readDataDir(values.dir), values.note);
      if (!result.ok) {
        for (const i of result.issues)
          io.stdout(
            `${i.file}${i.line ? `:${i.line}` : ''} ${i.path.join('.')}: ${i.code}: ${i.message}\n`,
          );
        io.stdout(
          `db load: refused, ${result.issues.length} problem(s); the database is unchanged\n`,
        );
        return EXIT.dataProblems;
      }
      print(
        result,
        result.changed
          ? `db load: registry version ${result.version.id} (${storage.kind}): ${result.added.length} added, ${result.modified.length} modified, ${result.removed.length} removed`
          : `db load: unchanged, registry version ${result.version.id} (${storage.kind})`,
      );
    } else if (sub === 'versions') {
      const versions = await storage.versions();
      print(
        versions,
        versions
          .map(
            (v) =>
              `${v.id}  ${v.loadedAt}  ${v.fileCount} files  ${v.contentHash.slice(0, 12)}  ${v.note ?? ''}`,
          )
          .join('\n') || 'no registry version yet: run "tegin db load"',
      );
    } else {
      const history = await storage.fileHistory(positionals[0] as string);
      print(
        history,
        history
          .map((h) => `version ${h.versionId}  ${h.loadedAt}  ${h.sha256.slice(0, 12)}`)
          .join('\n') || 'no such file in any version',
      );
    }
    return EXIT.ok;
  } finally {
    await storage.close();
  }
}
