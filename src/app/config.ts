/** Configuration, parsed once from the environment where the app is assembled. */
import { z } from 'zod';

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
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * How often the server asks the database for its current registry version, to serve a
   * version loaded by another process (PostgreSQL); 0: only when /ready is asked.
   */
  TEGIN_VERSION_POLL_MS: z.coerce.number().int().min(0).default(5000),
  /** Largest request body accepted, in bytes. */
  TEGIN_BODY_LIMIT: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024),
  /** Bytes of ready public answers kept in memory (rendered once per registry version). */
  TEGIN_CACHE_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(64 * 1024 * 1024),
});
export type Config = z.infer<typeof Config>;

/** HSTS as configured, else exactly when the public address is https. */
export function sendsHsts(config: Pick<Config, 'TEGIN_HSTS' | 'PUBLIC_BASE_URL'>): boolean {
  return config.TEGIN_HSTS ?? config.PUBLIC_BASE_URL?.startsWith('https://') ?? false;
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = Config.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  return result.data;
}
