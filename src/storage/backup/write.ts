/**
 * `tegin db backup`: every tegin table of one consistent snapshot (REPEATABLE READ, read only),
 * streamed row by row into a gzip'd file of mode 0600 (it holds patients' data). The file is
 * written beside its final name and linked there at the end, so a failed backup leaves no file
 * and an existing file is never overwritten.
 */
import { createWriteStream, linkSync, openSync, unlinkSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { appliedMigrations } from '../migrate.ts';
import type { SqlClient } from '../sql-client.ts';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  CANONICAL_SETTINGS,
  rowLine,
  TableDigest,
  type BackupHeader,
} from './format.ts';
import { canonicalRows } from './rows.ts';
import { quoteIdent, readTables } from './schema.ts';

export interface BackupSummary {
  file: string;
  source: string;
  migrations: number[];
  tables: { name: string; rows: number; sha256: string }[];
  rows: number;
  bytes: number;
}

export interface BackupOptions {
  /** `pglite` or `postgres`, written in the header. */
  source: string;
  tegin: string;
  now?: () => Date;
}

export async function writeBackup(
  db: SqlClient,
  out: string,
  options: BackupOptions,
): Promise<BackupSummary> {
  const partial = `${out}.partial-${process.pid}`;
  // Opened here, not by the stream: a directory that is missing fails now, in these words.
  const fd = openSync(partial, 'wx', 0o600);
  const file = createWriteStream('', { fd });
  try {
    const summary = await db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      for (const setting of CANONICAL_SETTINGS) await tx.exec(setting);
      const migrations = await appliedMigrations(tx);
      if (migrations.length === 0) {
        throw new BackupError(
          'BACKUP_SCHEMA',
          'the database has no tegin schema: nothing to back up',
        );
      }
      const tables = await readTables(tx);
      const counted = [];
      for (const t of tables) {
        const [row] = await tx.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM ${quoteIdent(t.name)}`,
        );
        counted.push({ name: t.name, columns: t.columns.map((c) => c.name), rows: Number(row?.n) });
      }
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        tegin: options.tegin,
        createdAt: (options.now ?? (() => new Date()))().toISOString(),
        source: options.source,
        migrations,
        tables: counted,
      };
      const written: BackupSummary['tables'] = [];
      async function* lines(): AsyncGenerator<string> {
        yield `${JSON.stringify(header)}\n`;
        for (const table of tables) {
          yield `${JSON.stringify({ table: table.name })}\n`;
          const digest = new TableDigest();
          for await (const row of canonicalRows(tx, table)) {
            const line = rowLine(row);
            digest.add(line);
            yield `${line}\n`;
          }
          const end = { end: table.name, rows: digest.rows, sha256: digest.hex() };
          written.push({ name: end.end, rows: end.rows, sha256: end.sha256 });
          yield `${JSON.stringify(end)}\n`;
        }
        yield `${JSON.stringify({ done: true })}\n`;
      }
      await pipeline(Readable.from(lines()), createGzip(), file);
      return {
        file: out,
        source: options.source,
        migrations,
        tables: written,
        rows: written.reduce((n, t) => n + t.rows, 0),
        bytes: file.bytesWritten,
      };
    });
    // link, not rename: a file that appeared at `out` meanwhile is kept, and this one refused.
    try {
      linkSync(partial, out);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new BackupError('BACKUP_FILE', `${out} exists: a backup never overwrites a file`);
      }
      throw error;
    }
    return summary;
  } finally {
    file.destroy();
    unlinkSync(partial);
  }
}
