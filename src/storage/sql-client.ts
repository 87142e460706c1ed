/** The least a SQL driver must offer the storage: parameterised queries and transactions. */
export interface SqlClient {
  query<R extends Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<R[]>;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface QueryOptions {
  /**
   * A name for the statement: PostgreSQL parses and plans it once per connection, and each
   * later call sends only its values (docs/adr/0025-write-cpu-and-round-trips.md). For the hot
   * statements of a request only, each named by a constant beside its text: one name, one text
   * (a connection refuses a name sent with another text), and a set of names fixed by the code
   * — never built from a value. Name only statements whose result columns a migration cannot
   * change under a running server (a column list, a function's declared columns): a prepared
   * `SELECT *` of a table fails once a migration adds a column. PGlite ignores it.
   */
  prepared?: string;
  /**
   * The transaction's last statement: its COMMIT is sent with it, in one round trip (the
   * commit rolls back if the statement fails). Nothing may follow it in the transaction (a
   * statement after it throws), so a statement whose effect must be checked before the commit
   * checks it in SQL, raising (runParts). On PGlite the COMMIT still follows the work, and
   * nothing may follow the statement either. Outside a transaction it changes nothing.
   */
  last?: boolean;
}
