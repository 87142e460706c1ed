/** PGlite (PostgreSQL in WASM): the embedded, zero-set-up default. Data lives in a local directory. */
import { PGlite } from '@electric-sql/pglite';
import type { SqlClient } from './sql-client.ts';
import { SqlStorage } from './sql-storage.ts';

interface PgliteLike {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  exec(sql: string): Promise<unknown>;
}

function client(
  db: PgliteLike,
  close: () => Promise<void>,
  transaction: SqlClient['transaction'],
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

/** Opens (creating if needed) a PGlite database in `dataDir`, or in memory when omitted. */
export async function openPgliteStorage(dataDir?: string): Promise<SqlStorage> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  const noNested: SqlClient['transaction'] = () => {
    throw new Error('nested transactions are not supported');
  };
  const root = client(
    db,
    () => db.close(),
    (work) => db.transaction((tx) => work(client(tx, async () => undefined, noNested))),
  );
  return new SqlStorage('pglite', root);
}
