/** Configuration, parsed once from the environment where the app is assembled. */
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A whole number from the environment, with one message for every way it can be wrong. */
function wholeNumber(min: number, max: number, message: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v),
    z
      .number({ error: message })
      .int({ error: message })
      .min(min, { error: message })
      .max(max, { error: message }),
  );
}

export const Config = z.object({
  /** PostgreSQL server; when unset, the embedded PGlite database is used. */
  DATABASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
      .optional(),
  ),
  /** Directory of the embedded PGlite database. */
  TEGIN_DB_DIR: z.string().min(1).default('.tegin/pglite'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: wholeNumber(0, 65535, 'expected a port number 0–65535').default(3000),
  /**
   * The address clients reach the service at, for absolute links (FHIR `fullUrl`s). Never taken
   * from a request's Host header; by default `http://HOST:PORT` as listened on.
   */
  PUBLIC_BASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, 'expected an http(s):// URL without query')
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
  ),
  /**
   * Send Strict-Transport-Security: only right when clients reach the service over TLS (behind a
   * proxy). By default on exactly when PUBLIC_BASE_URL is https.
   */
  TEGIN_HSTS: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === '1' || v === 'true')),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
  /**
   * How often the server asks the database for its current registry version, to serve a
   * version loaded by another process (PostgreSQL); 0: only when /ready is asked.
   */
  TEGIN_VERSION_POLL_MS: wholeNumber(
    0,
    Number.MAX_SAFE_INTEGER,
    'expected a number of milliseconds, 0 or more',
  ).default(5000),
  /**
   * The PKCS#8 PEM file of the Ed25519 key prescriptions are signed with (`tegin rx keygen`
   * makes one). Never in the repository; unset: this instance does not issue prescriptions.
   */
  TEGIN_RX_SIGNING_KEY_FILE: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(1).optional(),
  ),
  /** Largest request body accepted, in bytes. */
  TEGIN_BODY_LIMIT: wholeNumber(
    1,
    Number.MAX_SAFE_INTEGER,
    'expected a number of bytes, 1 or more',
  ).default(64 * 1024),
  /** Bytes of ready public answers kept in memory (rendered once per registry version). */
  TEGIN_CACHE_BYTES: wholeNumber(
    0,
    Number.MAX_SAFE_INTEGER,
    'expected a number of bytes, 0 or more',
  ).default(64 * 1024 * 1024),
  /**
   * The key that binds each session's CSRF token to it (HMAC). Random per process when unset
   * (with a warning): tokens then change at each restart and differ between servers.
   */
  TEGIN_SESSION_SECRET: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(32, 'expected at least 32 characters (e.g. openssl rand -hex 32)').optional(),
  ),
  /**
   * The development outbox of patients' one-time sign-in codes (docs/adr/0020-patient-access.md):
   * a file each message is appended to. Default `outbox.log` beside the PGlite directory. Never
   * used when secrets are required (production needs a real delivery channel).
   */
  TEGIN_OUTBOX_FILE: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
  /** `production` makes TEGIN_REQUIRE_SECRETS the default. */
  NODE_ENV: z.string().optional(),
  /**
   * Refuse to start without TEGIN_SESSION_SECRET and TEGIN_RX_SIGNING_KEY_FILE instead of making
   * a development stand-in for each. Default: on exactly when NODE_ENV is `production`.
   */
  TEGIN_REQUIRE_SECRETS: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === '1' || v === 'true')),
});
export type Config = z.infer<typeof Config>;

/**
 * Whether browsers reach the service over plain http on this machine (PUBLIC_BASE_URL, else
 * HOST, on a loopback address): the only case where the session cookie goes without `Secure`
 * and so without the `__Host-` prefix (docs/adr/0013-operations-http.md).
 */
export function isLocalHttp(config: Pick<Config, 'PUBLIC_BASE_URL' | 'HOST'>): boolean {
  const base =
    config.PUBLIC_BASE_URL ??
    `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}`;
  if (!base.startsWith('http://')) return false;
  const host = new URL(base).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** HSTS as configured, else exactly when the public address is https. */
export function sendsHsts(config: Pick<Config, 'TEGIN_HSTS' | 'PUBLIC_BASE_URL'>): boolean {
  return config.TEGIN_HSTS ?? config.PUBLIC_BASE_URL?.startsWith('https://') ?? false;
}

/**
 * Whether the secrets must come from configuration (docs/adr/0013-operations-http.md): set
 * TEGIN_REQUIRE_SECRETS, else NODE_ENV=production.
 */
export function requiresSecrets(
  config: Pick<Config, 'TEGIN_REQUIRE_SECRETS' | 'NODE_ENV'>,
): boolean {
  return config.TEGIN_REQUIRE_SECRETS ?? config.NODE_ENV === 'production';
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = Config.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  return result.data;
}

/** `postgres://user:secret@host/db` without its password, to name it in a message. */
function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/, '$1:***@');
}

/** An error's message and code in one line, for messages that name a setting. */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}

/** The setting that names the database, as a message shows it: `DATABASE_URL postgres://u:***@h/db`. */
export function databaseSetting(config: Pick<Config, 'DATABASE_URL' | 'TEGIN_DB_DIR'>): string {
  return config.DATABASE_URL
    ? `DATABASE_URL ${redactUrl(config.DATABASE_URL)}`
    : `TEGIN_DB_DIR ${config.TEGIN_DB_DIR}`;
}
