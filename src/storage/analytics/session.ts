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

/**
 * How many analytic statements run at once on one client, whatever the number of analyses
 * asked for: an analysis reads its slices at once (`slicesFor`), so without a bound a few
 * analyses together would hold every pooled connection (8) for seconds and the pharmacies'
 * writes would queue behind them. Two: the slices of one analysis, a quarter of the pool, and
 * 64 MB of `work_mem` per sort or hash node for two statements at most. The others wait here,
 * in the order they came, holding no connection.
 */
export const ANALYTIC_STATEMENTS_AT_ONCE = 2;

/** A counting gate: `run` starts its work when fewer than `limit` are running. */
export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`limit: ${limit} is not a count`);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, or give it back.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

const gates = new WeakMap<SqlClient, Gate>();

/**
 * Runs one read-only analytic statement under `ANALYTIC_SETTINGS`, at most
 * `ANALYTIC_STATEMENTS_AT_ONCE` of them at once on `db`.
 */
export function analyticQuery<T extends Record<string, unknown>>(
  db: SqlClient,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  let gate = gates.get(db);
  if (!gate) {
    gate = new Gate(ANALYTIC_STATEMENTS_AT_ONCE);
    gates.set(db, gate);
  }
  return gate.run(() =>
    db.transaction(async (tx) => {
      await tx.exec(ANALYTIC_SETTINGS);
      return tx.query<T>(sql, params);
    }),
  );
}

/**
 * One of `of` disjoint parts of a region's patients, by a hash of the patient's id: an analysis
 * reads its parts on as many connections at once and adds their groups (docs/scale.md).
 */
export interface Slice {
  index: number;
  of: number;
}

export const WHOLE: Slice = { index: 0, of: 1 };

/**
 * The SQL condition that keeps the rows of a slice: `column` is the patient's id, `of` and
 * `index` the placeholders of the slice's count and number. `hashtext` of the id, so every row
 * of one patient falls in the same part; with a count of 1 it is true and the planner drops it.
 */
export const inSlice = (column: string, of: string, index: string): string =>
  `(${of}::int = 1 OR (hashtext(${column}) & 2147483647) % ${of}::int = ${index}::int)`;

/** The `n` slices of a reading in `n` parts. */
export function slicesOf(n: number): Slice[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`slices: ${n} is not a count`);
  return Array.from({ length: n }, (_, index) => ({ index, of: n }));
}

/**
 * How many slices an analysis reads at once on a database kind. PostgreSQL: two, one per core
 * of the 2-CPU machine tegin is measured on (docs/scale.md), each on its own pooled connection
 * (the pool holds 8); a server with more cores can take more. PGlite has one connection, so a
 * second slice would only queue behind the first.
 */
export function slicesFor(kind: string): number {
  return kind === 'postgres' ? 2 : 1;
}

/**
 * Reads `slices` disjoint parts at once and yields each part's rows as soon as it is read (the
 * first finished first), so a caller works on one part while the database reads the others. A
 * failed part fails the iteration; the parts still running finish on their own connections.
 */
export async function* slicesAsRead<T>(
  slices: number,
  read: (slice: Slice) => Promise<T[]>,
): AsyncIterable<T[]> {
  const pending = new Map(
    slicesOf(slices).map((slice) => {
      const part = read(slice).then((rows) => ({ index: slice.index, rows }));
      // Awaited below; this keeps a part that fails while another is yielded from being
      // reported as unhandled before the loop reaches it.
      part.catch(() => {});
      return [slice.index, part] as const;
    }),
  );
  while (pending.size > 0) {
    const { index, rows } = await Promise.race(pending.values());
    pending.delete(index);
    yield rows;
  }
}

/**
 * Reads `slices` disjoint parts at once and returns their rows together. The SQL keeps a part's
 * patients whole (every row of a patient is in one part), so rows that group patients by their
 * facts may repeat a group across parts: callers add groups, never look one up.
 */
export async function readInSlices<T>(
  slices: number,
  read: (slice: Slice) => Promise<T[]>,
): Promise<T[]> {
  const parts = await Promise.all(slicesOf(slices).map(read));
  return parts.flat();
}
