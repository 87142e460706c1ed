/** The whole app in-process for `app.request()` tests: in-memory PGlite, a fixed today. */
import { createPrivateKey } from 'node:crypto';
import { pino } from 'pino';
import { todayInKazakhstan } from '../../src/app/clock.ts';
import { analyticsOver } from '../../src/app/analytics/analytics.ts';
import { argon2Hasher } from '../../src/app/ops/password.ts';
import { DEFAULT_LOGIN_POLICY } from '../../src/ops/login.ts';
import type { AnalyticsStorage } from '../../src/storage/analytics/port.ts';
import { lawOf, type Law } from '../../src/app/ops/law.ts';
import { opsService } from '../../src/app/ops/open.ts';
import { generateSigningKey } from '../../src/app/ops/rx-keys.ts';
import { ed25519Signer } from '../../src/app/ops/signer.ts';
import { startServices, type Services } from '../../src/app/services.ts';
import { isoDate } from '../../src/domain/date.ts';
import { createApp, type AppOptions } from '../../src/http/app.ts';
import type { OpsEdge } from '../../src/http/context.ts';
import { sessionSettings } from '../../src/http/ops/session.ts';
import type { OpsStorage } from '../../src/storage/ops/port.ts';
import { loadedDatabase } from './database.ts';

export type TestApp = ReturnType<typeof createApp>;

/** Services with the operations storage on the same client, as the server has them. */
export interface TestServices extends Services {
  readonly opsStorage: OpsStorage;
  /** The analyses' reads on the same client (the Analytics API and pages are served with it). */
  readonly analyticsStorage?: AnalyticsStorage;
}

/**
 * Services on a fresh in-memory database with the repository's data and the operations
 * migrated (a clone of a template: test/support/database.ts), on one client; close their
 * storage (it closes the client).
 */
export async function testServices(): Promise<TestServices> {
  const database = await loadedDatabase();
  const services = await startServices(database.storage, { info: () => undefined });
  return { ...services, opsStorage: database.ops, analyticsStorage: database.analytics };
}

/**
 * The operations edge over `services`' operations storage, as the server composes it: the law
 * of `services`, a signer with a key made for the run (its public key served as the trust file),
 * today in Kazakhstan; secure cookies, a random secret.
 */
export function testOps(services: TestServices): OpsEdge {
  const { privateKeyPem, entry } = generateSigningKey();
  let law: Law | null = null;
  const service = opsService(services.opsStorage, {
    law: () => (law ??= lawOf(services)),
    signer: ed25519Signer(createPrivateKey(privateKeyPem)),
    today: () => todayInKazakhstan(),
  });
  const { analyticsStorage } = services;
  const analytics = analyticsStorage
    ? analyticsOver(
        {
          storage: services.opsStorage,
          hasher: argon2Hasher,
          policy: DEFAULT_LOGIN_POLICY,
          law: () => (law ??= lawOf(services)),
          today: () => todayInKazakhstan(),
        },
        analyticsStorage,
        () => services.registry,
      )
    : undefined;
  return {
    service,
    session: sessionSettings({}),
    trust: [entry],
    ...(analytics ? { analytics } : {}),
  };
}

/**
 * The app over `services`, silent, on `today` (default 2026-11-24), with any other options;
 * with the operations API when `services` has their storage (or `ops` is given).
 */
export function testApp(
  services: Services | TestServices,
  options: Partial<AppOptions> & { today?: () => string; ops?: OpsEdge } = {},
): TestApp {
  const { today = () => '2026-11-24', ops, ...rest } = options;
  const edge = ops ?? ('opsStorage' in services ? testOps(services) : undefined);
  return createApp(
    { services, today: () => isoDate(today()), ...(edge ? { ops: edge } : {}) },
    { logger: pino({ level: 'silent' }), bodyLimit: 64 * 1024, ...rest },
  );
}
