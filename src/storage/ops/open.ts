/**
 * Opens the operations storage on PGlite or PostgreSQL.
 * NOTE: phase 1 builds its own SqlClient beside the registry's Storage; the PGlite
 * directory takes the same lock, so the two never open one directory at once. Phase 2
 * (the operations API in the server) shares one client: one PGlite instance, one pool.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { lockDirectory } from '../dir-lock.ts';
import type { SqlClient } from '../sql-client.ts';
import { SqlOpsStorage } from './sql-ops-storage.ts';

const noNested: SqlClient['transaction'] = () => {
  throw new Error('nested transactions are not supported');
};

interface PgliteLike {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  exec(sql: string): Promise<unknown>;
}

function pgliteClient(
  db: PgliteLike,
  transaction: SqlClient['transaction'],
  close: () => Promise<void>,
): SqlClient {
  return {
    async query<R extends Record<string, unknown>>(sql: string, params?: unknown[]) {
      return (await db.query<R>(sql, params)).rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    transaction,
    close,
  };
}

/**
 * The embedded database in `dataDir`, locked for this process until `close()` like the
 * registry's (src/storage/dir-lock.ts): beside a running server, a second opener gets
 * StorageLockedError and the directory is left untouched.
 */
export async function openPgliteOpsStorage(
  dataDir?: string,
  owner = 'tegin operations',
): Promise<SqlOpsStorage> {
  const lock = dataDir ? lockDirectory(dataDir, owner) : null;
  let db: PGlite;
  try {
    db = dataDir ? new PGlite(dataDir) : new PGlite();
    await db.waitReady;
  } catch (error) {
    lock?.release();
    throw error;
  }
  const close = async () => {
    try {
      await db.close();
    } finally {
      lock?.release();
    }
  };
  return new SqlOpsStorage(
    'pglite',
    pgliteClient(
      db,
      (work) => db.transaction((tx) => work(pgliteClient(tx, noNested, async () => undefined))),
      close,
    ),
  );
}

function pgClient(
  db: Pick<pg.PoolClient, 'query'>,
  transaction: SqlClient['transaction'],
  close: () => Promise<void>,
): SqlClient {
  return {
    async query<R extends Record<string, unknown>>(sql: string, params?: unknown[]) {
      return (await db.query<R>(sql, params)).rows;
    },
    async exec(sql: string) {
      await db.query(sql);
    },
    transaction,
    close,
  };
}

export async function openPostgresOpsStorage(url: string, schema?: string): Promise<SqlOpsStorage> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`invalid schema name "${schema}"`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const transaction: SqlClient['transaction'] = async (work) => {
    const conn = await pool.connect();
    try {
      await conn.query('BEGIN');
      const result = await work(pgClient(conn, noNested, async () => undefined));
      await conn.query('COMMIT');
      return result;
    } catch (error) {
      await conn.query('ROLLBACK');
      throw error;
    } finally {
      conn.release();
    }
  };
  return new SqlOpsStorage(
    'postgres',
    pgClient(pool, transaction, () => pool.end()),
  );
}
