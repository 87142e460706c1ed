/**
 * Opens the operations storage alone on a client of its own (the contract suites and tests),
 * through the same clients as the registry's storage (src/storage/pglite.ts, postgres.ts). A
 * process that needs both storages opens one client for both: src/app/database.ts.
 */
import { openPgliteClient } from '../pglite.ts';
import { openPostgresClient } from '../postgres.ts';
import { SqlOpsStorage } from './sql-ops-storage.ts';

export async function openPgliteOpsStorage(
  dataDir?: string,
  owner = 'tegin operations',
): Promise<SqlOpsStorage> {
  return new SqlOpsStorage('pglite', await openPgliteClient(dataDir, { owner }));
}

/** The connections of the operations storage's own PostgreSQL pool. */
export const OPS_POOL_CONNECTIONS = 8;

export async function openPostgresOpsStorage(url: string, schema?: string): Promise<SqlOpsStorage> {
  return new SqlOpsStorage(
    'postgres',
    await openPostgresClient(url, {
      maxConnections: OPS_POOL_CONNECTIONS,
      ...(schema ? { schema } : {}),
    }),
  );
}
