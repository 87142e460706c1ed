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
  /**
   * Asks the database for its current version now; resolves with it once the database has
   * answered (rejects while it is away). A new version found is built and served after that,
   * in the background, so /ready's answer never waits for a registry build.
   */
  check(): Promise<RegistryVersionInfo | null>;
  /** Resolves once no build of a new version is running (for tests and shutdown). */
  settled(): Promise<void>;
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
  let asking: Promise<RegistryVersionInfo | null> | null = null;
  let building: Promise<void> | null = null;
  /** A version whose files did not build here: kept out until another version comes. */
  let unusable: number | null = null;
  let away = false;

  const build = async (version: RegistryVersionInfo, servedId: number) => {
    try {
      serve(await servicesAt(storage, version));
      log.info(`serving registry version ${version.id} (was ${servedId})`);
    } catch (error) {
      if (error instanceof StorageError) {
        log.warn(`could not read registry version ${version.id} (${error.message}); will retry`);
        return;
      }
      unusable = version.id;
      log.error(
        `registry version ${version.id} cannot be served here (${(error as Error).message}); still serving version ${servedId}`,
      );
    }
  };
  const ask = async (): Promise<RegistryVersionInfo | null> => {
    const current = await storage.currentVersion();
    const servedId = served().version.id;
    if (current && current.id !== servedId && current.id !== unusable && !building) {
      building = build(current, servedId).finally(() => {
        building = null;
      });
    }
    return current;
  };
  const check = () =>
    (asking ??= ask().finally(() => {
      asking = null;
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
  return {
    check,
    settled: async () => {
      await building;
    },
    stop: () => clearInterval(timer),
  };
}
