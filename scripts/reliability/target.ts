/**
 * Where a reliability run keeps its data: a fresh PGlite directory, or a fresh schema on a
 * PostgreSQL server (DATABASE_URL, else the local test server) — never anything shared. The
 * environment returned is the server's, the setup's and the check's: the same database, the
 * same development signing key (in the temporary directory).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresTarget } from '../../src/storage/postgres-url.ts';
import { dropSchema, openPostgresStorage } from '../../src/storage/postgres.ts';

export type Backend = 'pglite' | 'postgres';

export interface Target {
  backend: Backend;
  /** DATABASE_URL (with the schema's search_path) or TEGIN_DB_DIR, and the key's directory. */
  env: Record<string, string>;
  /** The server the schema is on (postgres), to reach it another way (a proxy). */
  serverUrl: string | null;
  schema: string | null;
  dispose(): Promise<void>;
}

/** The PostgreSQL URL of a server to use, or why there is none. */
export async function postgresUrl(): Promise<string> {
  const target = await postgresTarget(process.env);
  if ('skip' in target) throw new Error(target.skip);
  return target.url;
}

/** `url` with the schema as its search_path (how the server is pointed at a schema). */
export function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export async function makeTarget(backend: Backend, serverUrl?: string): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), `tegin-reliability-${backend}-`));
  if (backend === 'pglite') {
    return {
      backend,
      env: { TEGIN_DB_DIR: join(dir, 'db'), DATABASE_URL: '' },
      serverUrl: null,
      schema: null,
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const url = serverUrl ?? (await postgresUrl());
  const schema = `tegin_rel_${randomBytes(4).toString('hex')}`;
  await (await openPostgresStorage(url, { schema })).close(); // creates the schema
  return {
    backend,
    env: { DATABASE_URL: withSchema(url, schema), TEGIN_DB_DIR: join(dir, 'db') },
    serverUrl: url,
    schema,
    dispose: async () => {
      await dropSchema(url, schema).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
