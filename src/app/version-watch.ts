/**
 * Keeps the served registry in step with the database. On PostgreSQL several processes share
 * the database, so `tegin db load` elsewhere makes a new registry version; the server asks for
 * the current version on an interval and whenever /ready is asked, and when it differs builds
 * that version's registry and engine and hands them over in one assignment: requests already
 * running finish on the services they started with, later ones get the new version. (On PGlite
 * no other process can load — the directory is locked — so the answer never changes.)
 */
import type { RegistryVersionInfo, Storage } from '../storage/storage.ts';
import { StorageError } from '../storage/errors.ts';
import { servicesAt, type Services } from './services.ts';

export interface VersionWatch {
  /** Asks the database now and serves a new version if there is one; rejects while it is away. */
  check(): Promise<RegistryVersionInfo | null>;
  stop(): void;
}

export interface VersionWatchOptions {
  storage: Storage;
  served: () => Services;
  serve: (next: Services) => void;
  /** How often to ask without being asked; 0: only when checked. */
  intervalMs: number;
  log: { info(message: string): void; warn(message: string): void; error(message: string): void };
}

export function watchVersions(options: VersionWatchOptions): VersionWatch {
  const { storage, served, serve, log } = options;
  let running: Promise<RegistryVersionInfo | null> | null = null;
  /** A version whose files did not build here: kept out until another version comes. */
  let unusable: number | null = null;
  let away = false;

  const ask = async (): Promise<RegistryVersionInfo | null> => {
    const current = await storage.currentVersion();
    const servedId = served().version.id;
    if (!current || current.id === servedId || current.id === unusable) return current;
    try {
      serve(await servicesAt(storage, current));
      log.info(`serving registry version ${current.id} (was ${servedId})`);
    } catch (error) {
      if (error instanceof StorageError) throw error;
      unusable = current.id;
      log.error(
        `registry version ${current.id} cannot be served here (${(error as Error).message}); still serving version ${servedId}`,
      );
    }
    return current;
  };
  const check = () =>
    (running ??= ask().finally(() => {
      running = null;
    }));

  const timer =
    options.intervalMs > 0
      ? setInterval(() => {
          check().then(
            () => {
              if (away) log.info('the database answers again');
              away = false;
            },
            (error: unknown) => {
              if (!away)
                log.warn(`cannot ask the database for its registry version: ${String(error)}`);
              away = true;
            },
          );
        }, options.intervalMs)
      : undefined;
  timer?.unref();
  return { check, stop: () => clearInterval(timer) };
}
