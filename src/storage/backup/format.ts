/**
 * The backup file (docs/adr/0017-backup-restore.md): gzip'd, one JSON value a line.
 *
 *   {"format":"tegin-backup","version":1,…,"tables":[{"name","columns","rows"},…]}   the header
 *   {"table":"ops_patients"}                                                         a section
 *   ["p-1","870412300123",…,null]                                                    its rows, in key order
 *   {"end":"ops_patients","rows":1200,"sha256":"…"}                                  its count and hash
 *   …
 *   {"done":true}                                                                    the file is whole
 *
 * Every value is PostgreSQL's text form of the column (null for NULL), read with the settings of
 * CANONICAL_SETTINGS, so the same rows give the same bytes from PGlite and from PostgreSQL. A
 * table's hash is the SHA-256 of its row lines, each followed by "\n".
 */
import { createHash, type Hash } from 'node:crypto';
import { z } from 'zod';

export const BACKUP_FORMAT = 'tegin-backup';
export const BACKUP_VERSION = 1;

/** Session settings under which every value's text form is the same on every server. */
export const CANONICAL_SETTINGS = [
  "SET LOCAL TimeZone = 'UTC'",
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL IntervalStyle = 'postgres'",
  'SET LOCAL extra_float_digits = 1',
  "SET LOCAL bytea_output = 'hex'",
] as const;

export const TableHeader = z.strictObject({
  name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  columns: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/)).min(1),
  rows: z.number().int().nonnegative(),
});
export type TableHeader = z.infer<typeof TableHeader>;

export const BackupHeader = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  tegin: z.string(),
  createdAt: z.string(),
  source: z.string(),
  migrations: z.array(z.number().int().nonnegative()),
  tables: z.array(TableHeader),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

export const SectionStart = z.strictObject({ table: z.string() });
export const SectionEnd = z.strictObject({
  end: z.string(),
  rows: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export const Done = z.strictObject({ done: z.literal(true) });

/** A row as written: the text form of each column, or null. */
export type Row = (string | null)[];

/** Counts and hashes a table's row lines as they are written or read back. */
export class TableDigest {
  rows = 0;
  private readonly hash: Hash = createHash('sha256');
  add(line: string): void {
    this.rows++;
    this.hash.update(line).update('\n');
  }
  hex(): string {
    return this.hash.digest('hex');
  }
}

export const rowLine = (row: Row): string => JSON.stringify(row);

/** The stable codes of a backup or restore refused (docs/errors.md). */
export type BackupIssueCode =
  'BACKUP_FILE' | 'BACKUP_SCHEMA' | 'BACKUP_TARGET_NOT_EMPTY' | 'BACKUP_MISMATCH';

/** An expected refusal: thrown inside the restore's transaction (to roll it back), then a value. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupIssueCode,
    message: string,
  ) {
    super(message);
  }
}
