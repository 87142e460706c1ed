/**
 * `npm start`: the API and the web pages on the embedded default (PGlite in .tegin/pglite, data
 * loaded on first start), or on PostgreSQL when DATABASE_URL is set.
 * Stops gracefully on SIGTERM/SIGINT. Serves a registry version loaded by another process
 * (PostgreSQL) without a restart (src/app/version-watch.ts).
 */
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { parseConfig, sendsHsts } from './app/config.ts';
import { openStorage, startServices, type Services } from './app/services.ts';
import { watchVersions } from './app/version-watch.ts';
import type { IsoDate } from './domain/date.ts';
import { createApp } from './http/app.ts';
import { StorageError } from './storage/errors.ts';

/** Today in Kazakhstan (UTC+5 since March 2024). */
export function todayInKazakhstan(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + 5 * 3_600_000).toISOString().slice(0, 10) as IsoDate;
}

export async function startServer(env: Record<string, string | undefined> = process.env) {
  const config = parseConfig(env);
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'tegin' } });
  const storage = await openStorage(config, 'tegin server', { warn: (m) => logger.warn(m) });
  const log = {
    info: (m: string) => logger.info(m),
    warn: (m: string) => logger.warn(m),
    error: (m: string) => logger.error(m),
  };
  let services: Services;
  try {
    services = await startServices(storage, log);
  } catch (error) {
    await storage.close().catch(() => undefined); // releases the directory's lock
    throw error;
  }
  let ready = true;
  let url = `http://${config.HOST}:${config.PORT}`;
  const publicBaseUrl = config.PUBLIC_BASE_URL;
  const appFor = (s: Services) =>
    createApp(
      { services: s, today: () => todayInKazakhstan() },
      {
        logger,
        bodyLimit: config.TEGIN_BODY_LIMIT,
        cacheBytes: config.TEGIN_CACHE_BYTES,
        isReady: () => ready,
        publicBaseUrl: () => publicBaseUrl ?? url,
        hsts: sendsHsts(config),
        checkDatabase: () => watch.check(),
      },
    );
  let app = appFor(services);
  // A version loaded by another process: new services and a new app, swapped in one step.
  const watch = watchVersions({
    storage,
    served: () => services,
    serve: (next) => {
      const nextApp = appFor(next);
      services = next;
      app = nextApp;
    },
    intervalMs: config.TEGIN_VERSION_POLL_MS,
    log,
  });
  const server = serve({
    fetch: (request, env) => app.fetch(request, env),
    hostname: config.HOST,
    port: config.PORT,
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  url = `http://${config.HOST}:${port}`;
  logger.info({ url, storage: storage.kind, registryVersion: services.version.id }, 'listening');
  /** The registry version being served now (it changes when another process loads one). */
  const servedVersion = () => services.version;
  const stop = async (signal: string) => {
    if (!ready) return;
    ready = false;
    logger.info({ signal }, 'shutting down');
    watch.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await watch.settled();
    await storage.close();
    logger.info('stopped');
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
  };
  return { url, stop, server, servedVersion, checkVersion: () => watch.check() };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const { url, stop } = await startServer().catch((error: unknown) => {
    // The database directory in use, or the database away: one line saying which, exit code 4.
    if (!(error instanceof StorageError)) throw error;
    process.stderr.write(`tegin: ${error.code}: ${error.message}\n`);
    process.exit(4);
  });
  process.stdout.write(`tegin API on ${url}  (reference: ${url}/api/docs; pages: ${url}/kk/)\n`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void stop(signal).then(() => process.exit(0));
    });
  }
}
