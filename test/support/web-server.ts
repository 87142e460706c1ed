/** The whole app (API and pages) on a real port, for browser tests: in-memory PGlite, a fixed today. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { startServices } from '../../src/app/services.ts';
import { isoDate } from '../../src/domain/date.ts';
import { createApp } from '../../src/http/app.ts';
import { loadedDatabase } from './database.ts';

export async function startWebServer(
  today = '2026-11-24',
): Promise<{ url: string; close: () => Promise<void> }> {
  const services = await startServices((await loadedDatabase()).storage, {
    info: () => undefined,
  });
  const app = createApp(
    { services, today: () => isoDate(today) },
    { logger: pino({ level: 'silent' }), bodyLimit: 64 * 1024 },
  );
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.storage.close();
    },
  };
}
