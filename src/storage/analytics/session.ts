/**
 * The session settings of an analytic statement, set for its transaction only (`SET LOCAL`),
 * so nothing leaks to the pool's other users (docs/scale.md).
 *
 * - `jit = off`: the grouped statements are large and costed high, so PostgreSQL JIT-compiles
 *   them (inlining and optimisation above `jit_*_above_cost`); at 3M patients that compile took
 *   seconds of every run (EXPLAIN's "JIT: Timing", 10 s of 28 s on a loaded machine) to save
 *   less than it cost over a few hundred thousand rows.
 * - `work_mem = 64MB`: their sorts and hashes spilled to disk at the default 4 MB; 64 MB per
 *   sort or hash node, for one analysis at a time, is memory a database server has.
 * PGlite accepts both (and has no JIT).
 */
import type { SqlClient } from '../sql-client.ts';

export const ANALYTIC_SETTINGS = `SET LOCAL jit = off; SET LOCAL work_mem = '64MB'`;

/** Runs one read-only analytic statement under `ANALYTIC_SETTINGS`. */
export function analyticQuery<T extends Record<string, unknown>>(
  db: SqlClient,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.exec(ANALYTIC_SETTINGS);
    return tx.query<T>(sql, params);
  });
}
