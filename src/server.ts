/**
 * `npm start`: the API and the web pages on the embedded default (PGlite in .tegin/pglite, data
 * loaded on first start), or on PostgreSQL when DATABASE_URL is set.
 * Stops gracefully on SIGTERM/SIGINT.
 */
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { parseConfig } from './app/config.ts';
import { openStorage, startServices } from './app/services.ts';
import type { IsoDate } from './domain/date.ts';

/** Today in Kazakhstan (UTC+5 since March 2024). */
export function todayInKazakhstan(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + 5 * 3_600_000).toISOString().slice(0, 10) as IsoDate;
}

export async function startServer(env: Record<string, string | undefined> = process.env) {
  const config = parseConfig(env);
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'tegin' } });
  // The database opens (PGlite compiles its WASM off the main thread) while the routes and
  // pages load: a shorter start than one after the other.
  const opening = openStorage(config);
  const { createApp } = await import('./http/app.ts');
  const storage = await opening;
  const services = await startServices(storage, { info: (m) => logger.info(m) });
  let ready = true;
  const app = createApp(
    { services, today: () => todayInKazakhstan() },
    { logger, bodyLimit: config.TEGIN_BODY_LIMIT, isReady: () => ready },
  );
  const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
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

/** The process: start, print the address, stop on SIGTERM/SIGINT (bin/server.js calls it). */
export async function runServer(): Promise<void> {
  const { url, stop } = await startServer();
  process.stdout.write(`tegin API on ${url}  (reference: ${url}/api/docs; pages: ${url}/kk/)\n`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void stop(signal).then(() => process.exit(0));
    });
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await runServer();
}
