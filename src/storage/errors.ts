/**
 * Infrastructure failures of the storage, as exceptions with a stable code (docs/errors.md),
 * mapped once at each edge: HTTP 503 problem+json with Retry-After, CLI exit code 4.
 */
import type { IssueCode } from '../domain/issues.ts';

/** Who holds the embedded database directory, as written in its lock file. */
export interface LockOwner {
  pid: number;
  host: string;
  /** What the process is: `tegin server`, `tegin db load`. */
  what: string;
  /** When it took the lock (ISO timestamp). */
  since: string;
  /** The process's start time in clock ticks (Linux), to tell a reused pid from the owner. */
  started: string | null;
  /** Random, so a release never removes a lock that another process took meanwhile. */
  token: string;
}

export class StorageError extends Error {
  constructor(
    readonly code: Extract<IssueCode, `STORE_${string}`>,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

/** The embedded database directory is open in another live process (or this one). */
export class StorageLockedError extends StorageError {
  constructor(
    readonly dir: string,
    readonly owner: LockOwner,
  ) {
    super(
      'STORE_LOCKED',
      `the database directory ${dir} is in use by process ${owner.pid} (${owner.what}` +
        `${owner.host === '' ? '' : ` on ${owner.host}`}, since ${owner.since}); ` +
        'the embedded database has one user at a time: stop that process and run this again, ' +
        'or use PostgreSQL (DATABASE_URL) to load data while a server runs',
    );
  }
}

/** The database server does not answer (refused, dropped, timed out); retrying later may work. */
export class StorageUnavailableError extends StorageError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super('STORE_UNAVAILABLE', `the database is unavailable: ${detail}`, options);
  }
}
