/**
 * Opens the operations storage on PGlite or PostgreSQL, through the same clients as the
 * registry's storage (src/storage/pglite.ts, postgres.ts): the PGlite directory lock, the pool's
 * error handling and timeouts apply alike.
 * NOTE: phase 1 opens its own client beside the registry's; phase 2 (the operations API in the
 * server) shares one: one PGlite instance, one pool.
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

export async function openPostgresOpsStorage(url: string, schema?: string): Promise<SqlOpsStorage> {
  return new SqlOpsStorage(
    'postgres',
    await openPostgresClient(url, { maxConnections: 8, ...(schema ? { schema } : {}) }),
  );
}
