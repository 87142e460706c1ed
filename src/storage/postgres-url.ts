/**
 * Which PostgreSQL server the storage suite runs on: DATABASE_URL when set, else the local
 * default (127.0.0.1:5432, database `test`, trust authentication) when it answers. So `npm test`
 * on a machine with PostgreSQL running tests it too; only an unreachable server is skipped.
 */
import pg from 'pg';

export const LOCAL_TEST_URL = 'postgres://postgres@127.0.0.1:5432/test';

export type PostgresTarget = { url: string; from: 'DATABASE_URL' | 'local' } | { skip: string };

/** Whether `url` accepts a connection and a query within `timeoutMs`; the reason when not. */
export async function probe(url: string, timeoutMs = 2000): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function postgresTarget(
  env: Record<string, string | undefined>,
  probeUrl: (url: string) => Promise<string | undefined> = probe,
): Promise<PostgresTarget> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, from: 'DATABASE_URL' };
  const why = await probeUrl(LOCAL_TEST_URL);
  if (why === undefined) return { url: LOCAL_TEST_URL, from: 'local' };
  return {
    skip: `no PostgreSQL: DATABASE_URL is not set and ${LOCAL_TEST_URL} does not answer (${why})`,
  };
}
