/** Versioned SQL migrations (`migrations/NNN_name.sql`), applied in order, each in a transaction. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../paths.ts';
import type { SqlClient } from './sql-client.ts';

const DIR = join(ROOT, 'src/storage/migrations/');

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export function readMigrations(dir: string = DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ id: Number(f.slice(0, 3)), name: f, sql: readFileSync(dir + f, 'utf8') }));
}

export async function migrate(
  db: SqlClient,
  migrations: Migration[] = readMigrations(),
): Promise<number[]> {
  return applyMigrations(db, migrations, (work) => db.transaction(work));
}

/**
 * Applies the migrations not yet applied inside the caller's transaction `tx`, all or none:
 * a restore (src/storage/backup/restore.ts) builds the schema and the rows in one transaction.
 */
export function migrateIn(tx: SqlClient, migrations: Migration[]): Promise<number[]> {
  return applyMigrations(tx, migrations, (work) => work(tx));
}

/** The migration ids recorded as applied (none when the database has no tegin schema yet). */
export async function appliedMigrations(db: SqlClient): Promise<number[]> {
  const [table] = await db.query<{ name: string | null }>(
    "SELECT to_regclass('schema_migrations')::text AS name",
  );
  if (!table?.name) return [];
  const rows = await db.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
  return rows.map((r) => Number(r.id));
}

async function applyMigrations(
  db: SqlClient,
  migrations: Migration[],
  inTransaction: (work: (tx: SqlClient) => Promise<void>) => Promise<void>,
): Promise<number[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const applied = new Set(await appliedMigrations(db));
  const now: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.id)) continue;
    await inTransaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
    });
    now.push(m.id);
  }
  return now;
}
