/** The whole app in-process for `app.request()` tests: in-memory PGlite, a fixed today. */
import { pino } from 'pino';
import { startServices, type Services } from '../../src/app/services.ts';
import { isoDate } from '../../src/domain/date.ts';
import { createApp, type AppOptions } from '../../src/http/app.ts';
import { openPgliteStorage } from '../../src/storage/pglite.ts';

export type TestApp = ReturnType<typeof createApp>;

/** Services on a fresh in-memory database with the repository's data; close their storage. */
export async function testServices(): Promise<Services> {
  return startServices(await openPgliteStorage(), { info: () => undefined });
}

/** The app over `services`, silent, on `today` (default 2026-11-24), with any other options. */
export function testApp(
  services: Services,
  options: Partial<AppOptions> & { today?: () => string } = {},
): TestApp {
  const { today = () => '2026-11-24', ...rest } = options;
  return createApp(
    { services, today: () => isoDate(today()) },
    { logger: pino({ level: 'silent' }), bodyLimit: 64 * 1024, ...rest },
  );
}
