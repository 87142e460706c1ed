/**
 * PostgreSQL server storage, used when DATABASE_URL is set. Several processes may share the
 * database (a server and `tegin db load`, several servers). The pool survives the server going
 * away: a dropped connection is logged and replaced, never fatal; a query while the database is
 * away fails fast with StorageUnavailableError (connection and statement timeouts), and the pool
 * reconnects by itself once the database answers again.
 */
import pg from 'pg';
import { asStorageError } from './pg-errors.ts';
import type { QueryOptions, SqlClient } from './sql-client.ts';
import { SqlStorage } from './sql-storage.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface PostgresOptions {
  /** Every table lives in this schema (created if missing): tests use a fresh one each. */
  schema?: string;
  /** Told of connection errors outside any query (an idle connection dropped): for the log. */
  onConnectionError?: (error: Error) => void;
  /** How long to wait for a connection (default 2 s). */
  connectTimeoutMs?: number;
  /** How long one statement may run, on the server and on the client (default 30 s). */
  statementTimeoutMs?: number;
  /** Connections in the pool (default 4). */
  maxConnections?: number;
}

/** Sends one statement: named (prepared once per connection) when the options name it. */
function send<R extends Record<string, unknown>>(
  db: Queryable,
  sql: string,
  params: unknown[] | undefined,
  options: QueryOptions | undefined,
): Promise<pg.QueryResult<R>> {
  const name = options?.prepared;
  return name ? db.query<R>({ name, text: sql, values: params ?? [] }) : db.query<R>(sql, params);
}

function client(
  db: Queryable,
  transaction: SqlClient['transaction'],
  close: () => Promise<void>,
): SqlClient {
  return {
    async query<R extends Record<string, unknown>>(
      sql: string,
      params?: unknown[],
      options?: QueryOptions,
    ) {
      try {
        return (await send<R>(db, sql, params, options)).rows;
      } catch (error) {
        throw asStorageError(error);
      }
    },
    async exec(sql: string) {
      try {
        await db.query(sql);
      } catch (error) {
        throw asStorageError(error);
      }
    },
    transaction,
    close,
  };
}

/** What a statement sent without waiting came to: its error, or null. */
const settled = (sent: Promise<unknown>): Promise<unknown> =>
  sent.then(
    () => null,
    (error: unknown) => error ?? new Error('a statement failed without an error'),
  );

interface Corkable {
  cork(): void;
  uncork(): void;
}

/** The socket under a connection, to write several messages with one system call. */
function socketOf(conn: pg.PoolClient): Corkable | null {
  const stream = (conn as unknown as { connection?: { stream?: Partial<Corkable> } }).connection
    ?.stream;
  return typeof stream?.cork === 'function' && typeof stream.uncork === 'function'
    ? (stream as Corkable)
    : null;
}

/**
 * One transaction on `conn`, pipelined (docs/adr/0025-write-cpu-and-round-trips.md): BEGIN is
 * not waited for but written with the work's first statement, and the statement marked `last`
 * with its COMMIT, each pair in one write and one round trip. The server runs them in order;
 * no statement's answer reaches the work unless BEGIN succeeded, so a work never goes on
 * outside its transaction.
 */
async function pipelined<T>(conn: pg.PoolClient, work: (tx: SqlClient) => Promise<T>): Promise<T> {
  const socket = socketOf(conn);
  let closed = false;
  let committed = false;
  socket?.cork();
  const begun = settled(conn.query('BEGIN'));
  const tx: SqlClient = {
    async query<R extends Record<string, unknown>>(
      sql: string,
      params?: unknown[],
      options?: QueryOptions,
    ) {
      if (closed) throw new Error("a statement after the transaction's last statement");
      const last = options?.last === true;
      if (last) {
        closed = true;
        socket?.cork();
      }
      let rows: R[] = [];
      const ran = settled(send<R>(conn, sql, params, options).then((r) => (rows = r.rows)));
      const commit = last ? settled(conn.query('COMMIT')) : null;
      if (last) socket?.uncork();
      const [beginError, error, commitError] = await Promise.all([begun, ran, commit]);
      const failed = beginError ?? error ?? commitError;
      if (failed) throw asStorageError(failed);
      committed = last;
      return rows;
    },
    async exec(sql: string) {
      if (closed) throw new Error("a statement after the transaction's last statement");
      const [beginError, error] = await Promise.all([begun, settled(conn.query(sql))]);
      const failed = beginError ?? error;
      if (failed) throw asStorageError(failed);
    },
    transaction: noNested,
    close: noClose,
  };
  let done: Promise<T>;
  try {
    done = work(tx);
  } finally {
    socket?.uncork();
  }
  const result = await done;
  if (!committed) {
    const beginError = await begun;
    if (beginError) throw beginError;
    await conn.query('COMMIT');
  }
  return result;
}

/**
 * Connects to `url` as a SqlClient (lazily: the first query opens the first connection). The
 * registry's storage and the operations storage both connect here.
 */
export async function openPostgresClient(
  url: string,
  options: PostgresOptions = {},
): Promise<SqlClient> {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`invalid schema name "${schema}"`);
  }
  const statementTimeout = options.statementTimeoutMs ?? 30_000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 4,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 2_000,
    statement_timeout: statementTimeout,
    query_timeout: statementTimeout + 1_000,
    keepAlive: true,
    // Statements are still sent one after another's answer, except where a transaction sends
    // BEGIN and COMMIT with a statement (pipelined, below).
    pipeline: true,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // Without a listener, an idle connection that drops is an uncaught 'error': the process dies.
  pool.on('error', (error) => options.onConnectionError?.(error));
  if (schema) await client(pool, noNested, noClose).exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const transaction: SqlClient['transaction'] = async (work) => {
    let conn: pg.PoolClient;
    try {
      conn = await pool.connect();
    } catch (error) {
      throw asStorageError(error);
    }
    // A checked-out connection has no pool listener: one that drops mid-transaction must
    // fail the transaction's queries, not the process.
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    conn.on('error', onError);
    try {
      return await pipelined(conn, work);
    } catch (error) {
      // On a lost connection PostgreSQL has rolled back already; the ROLLBACK may fail too.
      await conn.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
      throw asStorageError(error);
    } finally {
      conn.off('error', onError);
      conn.release(broken);
    }
  };
  return client(pool, transaction, () => pool.end());
}

/** The registry's storage on PostgreSQL (see openPostgresClient). */
export async function openPostgresStorage(
  url: string,
  options: PostgresOptions = {},
): Promise<SqlStorage> {
  return new SqlStorage('postgres', await openPostgresClient(url, options));
}

const noNested: SqlClient['transaction'] = () => {
  throw new Error('nested transactions are not supported');
};
const noClose = async () => undefined;

/** Drops a test schema (and everything in it). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await pool.end();
  }
}
