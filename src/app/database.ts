/**
 * The one database client of a process: one PGlite instance (with its directory lock) or one
 * PostgreSQL pool, and both storages over it — the registry's (`Storage`) and the operations'
 * (`OpsStorage`). Two PGlite instances must never open one directory, and a server needs one
 * pool, not two (docs/adr/0013-operations-http.md).
 */
import { mkdirSync } from 'node:fs';
import type { AnalyticsStorage } from '../storage/analytics/port.ts';
import { SqlAnalyticsStorage } from '../storage/analytics/analytics-sql.ts';
import { slicesFor } from '../storage/analytics/session.ts';
import type { OpsStorage } from '../storage/ops/port.ts';
import { SqlOpsStorage } from '../storage/ops/sql-ops-storage.ts';
import type { SqlClient } from '../storage/sql-client.ts';
import { SqlStorage } from '../storage/sql-storage.ts';
import type { Storage } from '../storage/storage.ts';
import type { Config } from './config.ts';

export interface Database {
  /** `pglite` or `postgres`. */
  readonly kind: string;
  readonly storage: Storage;
  readonly ops: OpsStorage;
  /** The one client itself, for whole-database tools (`tegin db backup|restore`). */
  readonly client: SqlClient;
  /** The analyses' reads (docs/adr/0018-analytics.md). */
  readonly analytics: AnalyticsStorage;
  /** Closes the one client (and releases the PGlite directory's lock); either storage's close does the same. */
  close(): Promise<void>;
}

/** Both storages over one client. Whoever opened the client closes it, once. */
export function databaseOn(kind: string, client: SqlClient): Database {
  let closing: Promise<void> | null = null;
  const once: SqlClient = { ...client, close: () => (closing ??= client.close()) };
  return {
    kind,
    storage: new SqlStorage(kind, once),
    ops: new SqlOpsStorage(kind, once),
    client: once,
    analytics: new SqlAnalyticsStorage(once, slicesFor(kind)),
    close: once.close,
  };
}

/**
 * Opens the configured database for `owner` (`tegin server`, `tegin db load`). The embedded
 * directory has one user at a time: StorageLockedError names the process that holds it.
 */
export async function openDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'TEGIN_DB_DIR'>,
  owner: string,
  log?: { warn(message: string): void },
): Promise<Database> {
  // Each driver is loaded only when it is the one configured.
  if (config.DATABASE_URL) {
    const { openPostgresClient } = await import('../storage/postgres.ts');
    const client = await openPostgresClient(config.DATABASE_URL, {
      // The registry's reads and the operations' writes share the pool.
      maxConnections: 8,
      onConnectionError: (error) =>
        log?.warn(`a database connection failed (${error.message}); it will be replaced`),
    });
    return databaseOn('postgres', client);
  }
  mkdirSync(config.TEGIN_DB_DIR, { recursive: true });
  const { openPgliteClient } = await import('../storage/pglite.ts');
  const client = await openPgliteClient(config.TEGIN_DB_DIR, {
    owner,
    onStaleLock: (stale) =>
      log?.warn(
        `reclaimed the lock of ${config.TEGIN_DB_DIR} left by process ${stale.pid} (${stale.what}), which is gone`,
      ),
  });
  return databaseOn('pglite', client);
}
