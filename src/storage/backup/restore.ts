/**
 * `tegin db restore`: a backup into an empty database, in one transaction — the migrations the
 * source had, every row (parents first; the append-only triggers refuse UPDATE, DELETE and
 * TRUNCATE, never INSERT, so they stay on), identity sequences moved past the restored rows —
 * then, before committing, each table read back must give the count and SHA-256 the file
 * recorded, and the audit chain must verify. Anything wrong rolls everything back.
 */
import type { Migration } from '../migrate.ts';
import { appliedMigrations, migrateIn } from '../migrate.ts';
import { recordsOf } from '../../ops/audit-check.ts';
import { walkAuditChain } from '../ops/audit-walk.ts';
import type { SqlClient } from '../sql-client.ts';
import {
  BackupError,
  BackupHeader,
  CANONICAL_SETTINGS,
  Done,
  rowLine,
  SectionEnd,
  SectionStart,
  TableDigest,
  type BackupIssueCode,
  type Row,
} from './format.ts';
import { backupLines, type Line } from './lines.ts';
import { canonicalRows } from './rows.ts';
import { quoteIdent, readTables, type TableSchema } from './schema.ts';

export type RestoreResult =
  { ok: true; summary: RestoreSummary } | { ok: false; code: BackupIssueCode; message: string };

export interface RestoreSummary {
  file: string;
  source: string;
  createdAt: string;
  migrations: number[];
  tables: { name: string; rows: number }[];
  rows: number;
  auditRecords: number;
}

/**
 * Rows a migration writes itself, which a backup's rows replace: the audit chain's head starts at
 * sequence 0 with the genesis hash (src/storage/ops/migrations/100_operations.sql); from
 * migration 102, every shard's head and the anchors' head start so, and the layout row is the
 * source's (its shard count and where its records before sharding end).
 */
const SEEDED: Record<string, string> = {
  ops_audit_head: 'SELECT EXISTS (SELECT 1 FROM ops_audit_head WHERE sequence <> 0) AS found',
  ops_audit_heads: 'SELECT EXISTS (SELECT 1 FROM ops_audit_heads WHERE position <> 0) AS found',
  ops_audit_anchor_head:
    'SELECT EXISTS (SELECT 1 FROM ops_audit_anchor_head WHERE number <> 0) AS found',
  ops_audit_layout: 'SELECT false AS found',
};

export async function restoreBackup(
  db: SqlClient,
  file: string,
  known: Migration[],
): Promise<RestoreResult> {
  const lines = backupLines(file);
  try {
    const header = await readHeader(lines, file);
    const unknown = header.migrations.filter((id) => !known.some((m) => m.id === id));
    if (unknown.length > 0) {
      throw new BackupError(
        'BACKUP_SCHEMA',
        `${file} was taken at migration(s) ${unknown.join(', ')}, which this tegin does not know: restore with the tegin version that wrote it (${header.tegin}) or a newer one`,
      );
    }
    const summary = await db.transaction(async (tx) => {
      for (const setting of CANONICAL_SETTINGS) await tx.exec(setting);
      await refuseNonEmpty(tx, header);
      await migrateIn(
        tx,
        known.filter((m) => header.migrations.includes(m.id)),
      );
      const tables = await matchSchema(tx, header, file);
      for (const name of Object.keys(SEEDED)) {
        if (tables.some((t) => t.name === name)) await tx.exec(`DELETE FROM ${quoteIdent(name)}`);
      }
      const recorded: string[] = [];
      for (const [i, table] of tables.entries()) {
        recorded.push(await restoreTable(tx, table, header.tables[i]?.rows ?? 0, lines, file));
      }
      await expectDone(lines, file);
      await moveIdentities(tx, tables);
      return verifyRestored(tx, tables, recorded, header, file);
    });
    return { ok: true, summary: { ...summary, file } };
  } catch (error) {
    if (error instanceof BackupError)
      return { ok: false, code: error.code, message: error.message };
    throw error;
  } finally {
    await lines.return(undefined);
  }
}

async function next(lines: AsyncGenerator<Line>, file: string, expected: string): Promise<Line> {
  const line = await lines.next();
  if (line.done) {
    throw new BackupError('BACKUP_FILE', `${file} ends before ${expected}: it is truncated`);
  }
  return line.value;
}

async function readHeader(lines: AsyncGenerator<Line>, file: string): Promise<BackupHeader> {
  const line = await next(lines, file, 'its header');
  const header = BackupHeader.safeParse(line.value);
  if (!header.success) {
    throw new BackupError(
      'BACKUP_FILE',
      `${file} is not a tegin backup (format 1): its first line ${header.error.issues[0]?.path.join('.') || ''} ${header.error.issues[0]?.message ?? ''}`.replace(
        / +/g,
        ' ',
      ),
    );
  }
  return header.data;
}

/** Any row in any tegin table, or a schema newer than the backup's, and the target is refused. */
async function refuseNonEmpty(tx: SqlClient, header: BackupHeader): Promise<void> {
  const newer = (await appliedMigrations(tx)).filter((id) => !header.migrations.includes(id));
  if (newer.length > 0) {
    throw new BackupError(
      'BACKUP_TARGET_NOT_EMPTY',
      `the target database is at migration(s) ${newer.join(', ')}, which the backup was not taken at: restore into a new database`,
    );
  }
  const found: string[] = [];
  for (const table of await readTables(tx)) {
    const probe =
      SEEDED[table.name] ?? `SELECT EXISTS (SELECT 1 FROM ${quoteIdent(table.name)}) AS found`;
    const [row] = await tx.query<{ found: boolean }>(probe);
    if (row?.found) found.push(table.name);
  }
  if (found.length > 0) {
    throw new BackupError(
      'BACKUP_TARGET_NOT_EMPTY',
      `the target database is not empty (rows in ${found.join(', ')}): a restore goes into an empty database only, and this one is unchanged`,
    );
  }
}

/** The migrated target must have exactly the tables and columns the backup lists, in its order. */
async function matchSchema(
  tx: SqlClient,
  header: BackupHeader,
  file: string,
): Promise<TableSchema[]> {
  const tables = await readTables(tx);
  const shape = (t: { name: string; columns: string[] }) => `${t.name}(${t.columns.join(',')})`;
  const ours = tables.map((t) => shape({ name: t.name, columns: t.columns.map((c) => c.name) }));
  const theirs = header.tables.map(shape);
  if (ours.join(' ') !== theirs.join(' ')) {
    const differs = theirs.find((t, i) => ours[i] !== t) ?? ours[theirs.length];
    throw new BackupError(
      'BACKUP_SCHEMA',
      `${file}: its tables differ from the schema of migrations ${header.migrations.join(', ')} (first difference: ${differs ?? '?'})`,
    );
  }
  return tables;
}

/** Rows a batch carries: bounded by PostgreSQL's 65,535 parameters and by text size. */
const BATCH_PARAMETERS = 30_000;
const BATCH_CHARS = 8 * 1024 * 1024;

async function restoreTable(
  tx: SqlClient,
  table: TableSchema,
  headerRows: number,
  lines: AsyncGenerator<Line>,
  file: string,
): Promise<string> {
  const start = await next(lines, file, `table ${table.name}`);
  const section = SectionStart.safeParse(start.value);
  if (!section.success || section.data.table !== table.name) {
    throw new BackupError(
      'BACKUP_FILE',
      `${file} line ${start.number}: expected the start of table ${table.name}`,
    );
  }
  const width = table.columns.length;
  const selfRef = table.selfReferences.map((c) => table.columns.findIndex((x) => x.name === c));
  const keyAt = table.key.map((k) => table.columns.findIndex((x) => x.name === k));
  // Rows pointing into their own table are inserted with those columns NULL and set once every
  // row is in (a decision revoked by a later one: the two refer to each other).
  const deferred: Row[] = [];
  const digest = new TableDigest();
  let sha256: string;
  let batch: Row[] = [];
  let chars = 0;
  const flush = async () => {
    if (batch.length > 0) await insertRows(tx, table, batch);
    batch = [];
    chars = 0;
  };
  for (;;) {
    const line = await next(lines, file, `the end of table ${table.name}`);
    if (!Array.isArray(line.value)) {
      const end = SectionEnd.safeParse(line.value);
      if (!end.success || end.data.end !== table.name) {
        throw new BackupError(
          'BACKUP_FILE',
          `${file} line ${line.number}: expected a row or the end of table ${table.name}`,
        );
      }
      sha256 = digest.hex();
      if (
        end.data.rows !== digest.rows ||
        end.data.rows !== headerRows ||
        end.data.sha256 !== sha256
      ) {
        throw new BackupError(
          'BACKUP_FILE',
          `${file}: table ${table.name} does not match its recorded count and SHA-256 (${digest.rows} rows read, ${end.data.rows} recorded, ${headerRows} in the header): the file was changed or damaged`,
        );
      }
      await flush();
      break;
    }
    const row = line.value as unknown[];
    if (row.length !== width || !row.every((v) => v === null || typeof v === 'string')) {
      throw new BackupError(
        'BACKUP_FILE',
        `${file} line ${line.number}: not a row of ${table.name} (${width} text or null values)`,
      );
    }
    const values = row as Row;
    digest.add(rowLine(values));
    if (selfRef.some((i) => values[i] !== null)) {
      deferred.push([
        ...keyAt.map((i) => values[i] ?? null),
        ...selfRef.map((i) => values[i] ?? null),
      ]);
      batch.push(values.map((v, i) => (selfRef.includes(i) ? null : v)));
    } else batch.push(values);
    chars += values.reduce((n, v) => n + (v?.length ?? 0), 0);
    if (batch.length * width >= BATCH_PARAMETERS || chars >= BATCH_CHARS) await flush();
  }
  for (const row of deferred) {
    const keys = table.key.length;
    const set = table.selfReferences.map((c, i) => {
      const type = table.columns.find((x) => x.name === c)?.type ?? 'text';
      return `${quoteIdent(c)} = $${keys + i + 1}::text::${type}`;
    });
    const where = table.key.map((k, i) => `${quoteIdent(k)}::text = $${i + 1}`);
    await tx.query(
      `UPDATE ${quoteIdent(table.name)} SET ${set.join(', ')} WHERE ${where.join(' AND ')}`,
      row,
    );
  }
  return sha256;
}

async function insertRows(tx: SqlClient, table: TableSchema, rows: Row[]): Promise<void> {
  const columns = table.columns.map((c) => quoteIdent(c.name)).join(', ');
  const params: (string | null)[] = [];
  const tuples = rows.map((row) => {
    const cells = row.map((value, i) => {
      params.push(value);
      return `$${params.length}::text::${table.columns[i]?.type ?? 'text'}`;
    });
    return `(${cells.join(', ')})`;
  });
  const overriding = table.columns.some((c) => c.isIdentity) ? ' OVERRIDING SYSTEM VALUE' : '';
  await tx.query(
    `INSERT INTO ${quoteIdent(table.name)} (${columns})${overriding} VALUES ${tuples.join(', ')}`,
    params,
  );
}

async function expectDone(lines: AsyncGenerator<Line>, file: string): Promise<void> {
  const last = await next(lines, file, 'its closing line');
  if (!Done.safeParse(last.value).success) {
    throw new BackupError('BACKUP_FILE', `${file} line ${last.number}: expected the closing line`);
  }
  const after = await lines.next();
  if (!after.done) {
    throw new BackupError(
      'BACKUP_FILE',
      `${file} line ${after.value.number}: text after the closing line`,
    );
  }
}

/** Identity columns go on after the largest restored value, as on the source. */
async function moveIdentities(tx: SqlClient, tables: TableSchema[]): Promise<void> {
  for (const table of tables) {
    for (const column of table.columns.filter((c) => c.isIdentity)) {
      await tx.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), max(${quoteIdent(column.name)}))
           FROM ${quoteIdent(table.name)} HAVING max(${quoteIdent(column.name)}) IS NOT NULL`,
        [quoteIdent(table.name), column.name],
      );
    }
  }
}

/** Reads every table back as a backup would and checks the audit chain, before the commit. */
async function verifyRestored(
  tx: SqlClient,
  tables: TableSchema[],
  recorded: string[],
  header: BackupHeader,
  file: string,
): Promise<Omit<RestoreSummary, 'file'>> {
  const restored: RestoreSummary['tables'] = [];
  for (const [i, table] of tables.entries()) {
    const digest = new TableDigest();
    for await (const row of canonicalRows(tx, table)) digest.add(rowLine(row));
    const expected = header.tables[i]?.rows;
    if (digest.rows !== expected || digest.hex() !== recorded[i]) {
      throw new BackupError(
        'BACKUP_MISMATCH',
        `${file}: table ${table.name} read back differs from the backup (${digest.rows} rows, ${expected} expected): nothing was restored`,
      );
    }
    restored.push({ name: table.name, rows: digest.rows });
  }
  let auditRecords = 0;
  if (tables.some((t) => t.name === 'ops_audit')) {
    const chain = await walkAuditChain(tx);
    if (!chain.ok) {
      throw new BackupError(
        'BACKUP_MISMATCH',
        `${file}: the restored audit chain does not verify (${chain.message}): nothing was restored`,
      );
    }
    auditRecords = recordsOf(chain.head);
  }
  return {
    source: header.source,
    createdAt: header.createdAt,
    migrations: header.migrations,
    tables: restored,
    rows: restored.reduce((n, t) => n + t.rows, 0),
    auditRecords,
  };
}
