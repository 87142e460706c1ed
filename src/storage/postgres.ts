/** PostgreSQL server storage, used when DATABASE_URL is set. */
import pg from 'pg';
import type { SqlClient } from './sql-client.ts';
import { SqlStorage } from './sql-storage.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;

function client(
  db: Queryable,
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

/**
 * Connects to `url`. With `schema`, every table lives in that schema (created
 * if missing): tests use a fresh schema each so runs never collide.
 */
export async function openPostgresStorage(url: string, schema?: string): Promise<SqlStorage> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`invalid schema name "${schema}"`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const noNested: SqlClient['transaction'] = () => {
    throw new Error('nested transactions are not supported');
  };
  const transaction: SqlClient['transaction'] = async (work) => {
    const conn = await pool.connect();
    try {
      await conn.query('BEGIN');
      const result = await work(client(conn, noNested, async () => undefined));
      await conn.query('COMMIT');
      return result;
    } catch (error) {
      await conn.query('ROLLBACK');
      throw error;
    } finally {
      conn.release();
    }
  };
  return new SqlStorage(
    'postgres',
    client(pool, transaction, () => pool.end()),
  );
}

/** Drops a test schema (and everything in it). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await pool.end();
  }
}
