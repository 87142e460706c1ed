/**
 * The composition root: opens the configured storage, migrates it, loads the
 * repository's data files on first start, and builds the registry and engine
 * from the database's current registry version.
 */
import { Engine } from '../domain/engine.ts';
import { readDataDir } from '../registry/load-files.ts';
import { loadRegistry } from '../registry/cache.ts';
import type { Registry } from '../registry/registry.ts';
import type { RegistryVersionInfo, Storage } from '../storage/storage.ts';
import type { Config } from './config.ts';
import { openDatabase } from './database.ts';

/**
 * What the use cases run on, for one registry version. `version` is the registry version the
 * registry and engine were built from (`version.id` keys anything cached per version): a server
 * that picks up a newer version builds new Services and a new app, and never changes these.
 */
export interface Services {
  readonly storage: Storage;
  readonly registry: Registry;
  readonly engine: Engine;
  readonly version: RegistryVersionInfo;
}

/**
 * Opens the configured registry storage for `owner` (`tegin db load`); its client is the only
 * one (src/app/database.ts). The embedded directory has one user at a time.
 */
export async function openStorage(
  config: Pick<Config, 'DATABASE_URL' | 'TEGIN_DB_DIR'>,
  owner: string,
  log?: { warn(message: string): void },
): Promise<Storage> {
  return (await openDatabase(config, owner, log)).storage;
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
  return servicesAt(storage, version);
}

/**
 * The services for registry `version` of `storage`: its files, registry and engine. Services
 * are one consistent snapshot; a newer version gets new services (src/app/version-watch.ts).
 */
export async function servicesAt(
  storage: Storage,
  version: RegistryVersionInfo,
): Promise<Services> {
  // A snapshot of the same files (and code) skips parsing and validation: src/registry/cache.ts.
  const { registry, issues } = await loadRegistry(await storage.files(version.id));
  if (issues.length > 0)
    throw new Error(`registry version ${version.id} has ${issues.length} problem(s)`);
  return { storage, registry, engine: new Engine(registry), version };
}
