/**
 * `npm start`: the API and the web pages on the embedded default (PGlite in .tegin/pglite, data
 * loaded on first start), or on PostgreSQL when DATABASE_URL is set.
 * Stops gracefully on SIGTERM/SIGINT. A start that cannot succeed (bad configuration, a database
 * that cannot be opened, a port in use) prints one line naming the setting and the reason, and
 * exits 1: never a stack trace.
 */
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { databaseSetting, parseConfig, reasonOf } from './app/config.ts';
import { openStorage, startServices } from './app/services.ts';
import type { IsoDate } from './domain/date.ts';
import { createApp } from './http/app.ts';

/** Today in Kazakhstan (UTC+5 since March 2024). */
export function todayInKazakhstan(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + 5 * 3_600_000).toISOString().slice(0, 10) as IsoDate;
}

/** Why the server could not start, in one line that names the setting: printed as it is. */
export class StartError extends Error {}

export async function startServer(env: Record<string, string | undefined> = process.env) {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(env);
  } catch (error) {
    throw new StartError(reasonOf(error));
  }
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'tegin' } });
  const where = databaseSetting(config);
  let storage: Awaited<ReturnType<typeof openStorage>>;
  let services: Awaited<ReturnType<typeof startServices>>;
  try {
    storage = await openStorage(config);
  } catch (error) {
    throw new StartError(`cannot open the database at ${where}: ${reasonOf(error)}`);
  }
  try {
    services = await startServices(storage, { info: (m) => logger.info(m) });
  } catch (error) {
    await storage.close().catch(() => undefined);
    throw new StartError(`cannot start on the database at ${where}: ${reasonOf(error)}`);
  }
  let ready = true;
  const app = createApp(
    { services, today: () => todayInKazakhstan() },
    { logger, bodyLimit: config.TEGIN_BODY_LIMIT, isReady: () => ready },
  );
  const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', () => resolve());
      server.once('error', reject);
    });
  } catch (error) {
    await storage.close().catch(() => undefined);
    const code = error instanceof Error && 'code' in error ? error.code : '';
    throw new StartError(
      code === 'EADDRINUSE'
        ? `PORT: ${config.HOST}:${config.PORT} is already in use; set PORT to a free port`
        : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
          ? `HOST: cannot listen on ${config.HOST}: ${reasonOf(error)}`
          : `cannot listen on ${config.HOST}:${config.PORT}: ${reasonOf(error)}`,
    );
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST}:${port}`;
  logger.info({ url, storage: storage.kind, registryVersion: services.version.id }, 'listening');
  const stop = async (signal: string) => {
    if (!ready) return;
    ready = false;
    logger.info({ signal }, 'shutting down');
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await storage.close();
    logger.info('stopped');
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
  };
  return { url, stop, server };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const started = await startServer().catch((error: unknown) => {
    process.stderr.write(`tegin: ${reasonOf(error).split('\n')[0]}\n`);
    process.exit(1);
  });
  const { url, stop } = started;
  process.stdout.write(`tegin API on ${url}  (reference: ${url}/api/docs; pages: ${url}/kk/)\n`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void stop(signal).then(() => process.exit(0));
    });
  }
}
