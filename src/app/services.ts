/**
 * The composition root: opens the configured storage, migrates it, loads the
 * repository's data files on first start, and builds the registry and engine
 * from the database's current registry version.
 */
import { mkdirSync } from 'node:fs';
import { Engine } from '../domain/engine.ts';
import { readDataDir } from '../registry/load-files.ts';
import { loadRegistry } from '../registry/cache.ts';
import type { Registry } from '../registry/registry.ts';
import type { RegistryVersionInfo, Storage } from '../storage/storage.ts';
import type { Config } from './config.ts';

export interface Services {
  storage: Storage;
  registry: Registry;
  engine: Engine;
  version: RegistryVersionInfo;
}

export async function openStorage(
  config: Pick<Config, 'DATABASE_URL' | 'TEGIN_DB_DIR'>,
): Promise<Storage> {
  // Each driver is loaded only when it is the one configured.
  if (config.DATABASE_URL) {
    const { openPostgresStorage } = await import('../storage/postgres.ts');
    return openPostgresStorage(config.DATABASE_URL);
  }
  mkdirSync(config.TEGIN_DB_DIR, { recursive: true });
  const { openPgliteStorage } = await import('../storage/pglite.ts');
  return openPgliteStorage(config.TEGIN_DB_DIR);
}

export interface BootLog {
  info(message: string): void;
}

/** Builds the services from `storage`, loading the repository data if the database is empty. */
export async function startServices(
  storage: Storage,
  log: BootLog,
  dataDir?: string,
): Promise<Services> {
  const applied = await storage.migrate();
  if (applied.length > 0) log.info(`applied migrations ${applied.join(', ')} (${storage.kind})`);
  let version = await storage.currentVersion();
  if (!version) {
    const loaded = await storage.load(readDataDir(dataDir), 'first start: repository data');
    if (!loaded.ok) {
      throw new Error(
        `the repository data has ${loaded.issues.length} problem(s); run "tegin data check"`,
      );
    }
    version = loaded.version;
    log.info(`loaded the repository data as registry version ${version.id}`);
  }
  // A snapshot of the same files (and code) skips parsing and validation: src/registry/cache.ts.
  const { registry, issues } = await loadRegistry(await storage.files(version.id));
  if (issues.length > 0)
    throw new Error(`registry version ${version.id} has ${issues.length} problem(s)`);
  return { storage, registry, engine: new Engine(registry), version };
}
