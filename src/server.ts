/**
 * `npm start`: the API and the web pages on the embedded default (PGlite in .tegin/pglite, data
 * loaded on first start), or on PostgreSQL when DATABASE_URL is set.
 * Stops gracefully on SIGTERM/SIGINT. Serves a registry version loaded by another process
 * (PostgreSQL) without a restart (src/app/version-watch.ts). A start that cannot succeed (bad
 * configuration, a database that cannot be opened, a port in use) prints one line naming the
 * setting and the reason: exit 4 for a database directory in use or a database away
 * (STORE_LOCKED, STORE_UNAVAILABLE), 1 otherwise; never a stack trace.
 */
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { todayInKazakhstan } from './app/clock.ts';
import {
  databaseSetting,
  isLocalHttp,
  parseConfig,
  reasonOf,
  requiresSecrets,
  sendsHsts,
} from './app/config.ts';
import { openDatabase, type Database } from './app/database.ts';
import { lawOf, type Law } from './app/ops/law.ts';
import { analyticsOver } from './app/analytics/analytics.ts';
import { opsService } from './app/ops/open.ts';
import { argon2Hasher } from './app/ops/password.ts';
import { DEFAULT_LOGIN_POLICY } from './ops/login.ts';
import { readReferenceDir } from './registry/load-files.ts';
import { buildReference } from './registry/reference.ts';
import { patientServices } from './app/ops/patient-setup.ts';
import { rxSigningFor, type RxSigning } from './app/ops/rx-signing.ts';
import { startServices, type Services } from './app/services.ts';
import { sessionSettings } from './http/ops/session.ts';
import { watchVersions } from './app/version-watch.ts';
import { StorageError } from './storage/errors.ts';

/** Why the server could not start, in one line that names the setting: printed as it is. */
export class StartError extends Error {}

export async function startServer(env: Record<string, string | undefined> = process.env) {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(env);
  } catch (error) {
    throw new StartError(reasonOf(error));
  }
  if (requiresSecrets(config) && !config.TEGIN_SESSION_SECRET) {
    throw new StartError(
      'TEGIN_SESSION_SECRET is not set: required when secrets are (NODE_ENV=production or TEGIN_REQUIRE_SECRETS=1); e.g. openssl rand -hex 32',
    );
  }
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'tegin' } });
  const where = databaseSetting(config);
  // The database opens (PGlite compiles its WASM off the main thread) while the routes and
  // pages load: a shorter start than one after the other.
  const opening = openDatabase(config, 'tegin server', { warn: (m) => logger.warn(m) });
  opening.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
  const { createApp } = await import('./http/app.ts');
  // One client for the registry and the operations (src/app/database.ts).
  let database: Database;
  try {
    database = await opening;
  } catch (error) {
    if (error instanceof StorageError) throw error;
    throw new StartError(`cannot open the database at ${where}: ${reasonOf(error)}`);
  }
  const log = {
    info: (m: string) => logger.info(m),
    warn: (m: string) => logger.warn(m),
    error: (m: string) => logger.error(m),
  };
  const { storage } = database;
  let services: Services;
  let rx: RxSigning;
  try {
    // After the database opened: a development key is made in its directory.
    rx = rxSigningFor(config, log);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw new StartError(reasonOf(error));
  }
  try {
    services = await startServices(storage, log);
    // The operations' migrations (100+) after the registry's.
    const applied = await database.ops.migrate();
    if (applied.length > 0) log.info(`applied operations migrations ${applied.join(', ')}`);
  } catch (error) {
    await database.close().catch(() => undefined); // releases the directory's lock
    if (error instanceof StorageError) {
      throw new StorageError(error.code, `${error.message} (${where})`, { cause: error });
    }
    throw new StartError(`cannot start on the database at ${where}: ${reasonOf(error)}`);
  }
  let ready = true;
  let url = `http://${config.HOST}:${config.PORT}`;
  const publicBaseUrl = config.PUBLIC_BASE_URL;
  if (!config.TEGIN_SESSION_SECRET) {
    log.warn(
      'TEGIN_SESSION_SECRET is not set: CSRF tokens use a random key of this process (they change at each restart and differ between servers)',
    );
  }
  // The law follows the services: a registry version loaded later is the one prescriptions
  // are issued and dispensed under (built once per version).
  let law: { of: Services; law: Law } | null = null;
  const currentLaw = (): Law => {
    if (law?.of !== services) law = { of: services, law: lawOf(services) };
    return law.law;
  };
  const opsDeps = {
    law: currentLaw,
    signer: rx.signer,
    today: () => todayInKazakhstan(),
  };
  const session = sessionSettings({
    secret: config.TEGIN_SESSION_SECRET,
    localHttp: isLocalHttp(config),
  });
  // Prices, doses and pack sizes (reference/, not law) for the need estimate and the what-if.
  const reference = buildReference(readReferenceDir(), services.registry.medicines);
  if (reference.issues.length > 0) {
    log.warn(
      'the reference data has problems ("tegin data check" lists them): costs may show as missing',
    );
  }
  const analytics = analyticsOver(
    {
      storage: database.ops,
      hasher: argon2Hasher,
      policy: DEFAULT_LOGIN_POLICY,
      ...opsDeps,
      reference: reference.reference,
    },
    database.analytics,
    () => services.registry,
  );
  const ops = {
    service: opsService(database.ops, opsDeps),
    analytics,
    session,
    trust: rx.trust,
    ...patientServices(config, database.ops, opsDeps, session.secret, log),
  };
  const appFor = (s: Services) =>
    createApp(
      { services: s, today: () => todayInKazakhstan(), ops },
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
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', () => resolve());
      server.once('error', reject);
    });
  } catch (error) {
    watch.stop();
    await database.close().catch(() => undefined);
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
    await database.close();
    logger.info('stopped');
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
  };
  return { url, stop, server, servedVersion, checkVersion: () => watch.check() };
}

/**
 * The process: start, print the address, stop on SIGTERM/SIGINT (bin/server.js calls it). A start
 * that fails prints one line: the database directory in use or the database away exits 4,
 * anything else 1.
 */
export async function runServer(): Promise<void> {
  const { url, stop } = await startServer().catch((error: unknown) => {
    if (error instanceof StorageError) {
      process.stderr.write(`tegin: ${error.code}: ${error.message}\n`);
      process.exit(4);
    }
    process.stderr.write(`tegin: ${reasonOf(error).split('\n')[0]}\n`);
    process.exit(1);
  });
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
