/**
 * Which PostgreSQL driver errors mean "the database is away" (retry later) rather than a bug or
 * bad data: refused or dropped connections, timeouts, a server shutting down or full.
 */
import { StorageUnavailableError } from './errors.ts';

const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** SQLSTATE: 57014 statement timeout, 57P01–03 shutting down or starting, 53300 too many clients. */
const SERVER = new Set(['57014', '57P01', '57P02', '57P03', '53300']);
/** node-postgres reports these without a code. */
const DRIVER =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connection error|Connection ended/i;

export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK.has(code) || SERVER.has(code) || code.startsWith('08')))
    return true;
  if (error instanceof AggregateError) return error.errors.some(isConnectionError);
  return DRIVER.test(error.message);
}

/** `error` as StorageUnavailableError when the database is away; otherwise unchanged. */
export function asStorageError(error: unknown): unknown {
  if (error instanceof StorageUnavailableError || !isConnectionError(error)) return error;
  const message = (error as Error).message || (error as { code?: string }).code || 'no answer';
  return new StorageUnavailableError(message, { cause: error });
}
