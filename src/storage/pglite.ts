/** PGlite (PostgreSQL in WASM): the embedded, zero-set-up default. Data lives in a local directory. */
import { PGlite } from '@electric-sql/pglite';
import { lockDirectory } from './dir-lock.ts';
import type { LockOwner } from './errors.ts';
import type { QueryOptions, SqlClient } from './sql-client.ts';
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

/**
 * A transaction's client that refuses a statement after the one marked `last`, as PostgreSQL's
 * does (src/storage/postgres.ts sends the COMMIT with it; here the COMMIT still follows the work).
 */
function lastChecked(tx: SqlClient): SqlClient {
  let closed = false;
  const open = () => {
    if (closed) throw new Error("a statement after the transaction's last statement");
  };
  return {
    ...tx,
    async query<R extends Record<string, unknown>>(
      sql: string,
      params?: unknown[],
      options?: QueryOptions,
    ) {
      open();
      closed = options?.last === true;
      return tx.query<R>(sql, params);
    },
    async exec(sql: string) {
      open();
      await tx.exec(sql);
    },
  };
}

const noNested: SqlClient['transaction'] = () => {
  throw new Error('nested transactions are not supported');
};

/**
 * A SqlClient over a PGlite instance that is already open; `close()` closes the instance, then
 * runs `onClosed` (openPgliteClient releases its directory lock there). Tests wrap instances
 * started from a dump of a migrated template with it (test/support/database.ts).
 */
export function pgliteSqlClient(db: PGlite, onClosed: () => void = () => undefined): SqlClient {
  const close = async () => {
    try {
      await db.close();
    } finally {
      onClosed();
    }
  };
  return client(db, close, (work) =>
    db.transaction((tx) => work(lastChecked(client(tx, async () => undefined, noNested)))),
  );
}

export interface PgliteOptions {
  /** What this process is, written in the directory's lock: `tegin server`, `tegin db load`. */
  owner?: string;
  /** Told when a lock left by a process that is gone was reclaimed. */
  onStaleLock?: (stale: LockOwner) => void;
}

/**
 * Opens (creating if needed) a PGlite database in `dataDir`, or in memory when omitted, as a
 * SqlClient. A directory is locked for this process until `close()`: a second opener, here or
 * elsewhere, gets StorageLockedError and the directory is left untouched
 * (src/storage/dir-lock.ts). The registry's storage and the operations storage both open here.
 */
export async function openPgliteClient(
  dataDir?: string,
  options: PgliteOptions = {},
): Promise<SqlClient> {
  const lock = dataDir ? lockDirectory(dataDir, options.owner ?? 'tegin') : null;
  if (lock?.reclaimed) options.onStaleLock?.(lock.reclaimed);
  let db: PGlite;
  try {
    db = dataDir ? new PGlite(dataDir) : new PGlite();
    await db.waitReady;
  } catch (error) {
    lock?.release();
    throw error;
  }
  return pgliteSqlClient(db, () => lock?.release());
}

/** The registry's storage on PGlite (see openPgliteClient). */
export async function openPgliteStorage(
  dataDir?: string,
  options: PgliteOptions = {},
): Promise<SqlStorage> {
  return new SqlStorage('pglite', await openPgliteClient(dataDir, options));
}
