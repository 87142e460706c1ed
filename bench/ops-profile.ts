/**
 * Where a unit's time goes (TEGIN_BENCH_PROFILE=1): a SqlClient that counts statements and
 * times each, and how long the audit shard head row stays locked (from its `FOR UPDATE` to the
 * commit); and the CPU work of the use cases alone (engine evaluate, Ed25519 sign and verify).
 */
import type { QueryOptions, SqlClient } from '../src/storage/sql-client.ts';

interface Stat {
  count: number;
  ms: number;
}

export class Profile {
  readonly statements = new Map<string, Stat>();
  transactions = 0;
  poolAndCommitMs = 0;
  headHeldMs = 0;
  headWaitMs = 0;

  private add(key: string, ms: number) {
    const s = this.statements.get(key) ?? { count: 0, ms: 0 };
    s.count += 1;
    s.ms += ms;
    this.statements.set(key, s);
  }

  /** Wraps `db`: every statement through it is counted and timed. */
  wrap(db: SqlClient): SqlClient {
    const timed = (inner: SqlClient, onHead?: (at: number) => void): SqlClient => ({
      query: async <R extends Record<string, unknown>>(
        sql: string,
        params?: unknown[],
        options?: QueryOptions,
      ) => {
        const start = performance.now();
        const rows = await inner.query<R>(sql, params, options);
        const end = performance.now();
        const key = sql.replace(/\s+/g, ' ').trim().slice(0, 70);
        this.add(key, end - start);
        // The statements that lock an audit shard head: an append's own, or a write's opening
        // function (which locks it last, after the key and the prescription, or the patient).
        const locksHead =
          key.startsWith('SELECT h.shard, h.position, h.hash') ||
          sql.includes('FROM ops_open_pharmacy_write(') ||
          key.startsWith('SELECT * FROM ops_open_prescription_issue(');
        if (onHead && locksHead) {
          this.headWaitMs += end - start;
          onHead(end);
        }
        return rows;
      },
      exec: (sql) => inner.exec(sql),
      transaction: async <T>(work: (tx: SqlClient) => Promise<T>) => {
        let headAt: number | null = null;
        let workDone = 0;
        const result = await inner.transaction(async (tx) => {
          const r = await work(timed(tx, (at) => (headAt = at)));
          workDone = performance.now();
          return r;
        });
        const end = performance.now();
        this.transactions += 1;
        this.poolAndCommitMs += end - workDone;
        if (headAt !== null) this.headHeldMs += end - headAt;
        return result;
      },
      close: () => inner.close(),
    });
    return timed(db);
  }

  /** One line per statement, most time first, per unit of work. */
  report(units: number, wallMs: number): string[] {
    const rows = [...this.statements.entries()].sort((a, b) => b[1].ms - a[1].ms);
    const total = rows.reduce((s, [, v]) => s + v.count, 0);
    return [
      `PROFILE ${units} units in ${wallMs.toFixed(0)} ms: ${(total / units).toFixed(1)} statements and ${(this.transactions / units).toFixed(1)} transactions a unit (BEGIN goes with the first statement, COMMIT with a last one)`,
      `PROFILE audit head held ${(this.headHeldMs / this.transactions).toFixed(2)} ms a transaction (FOR UPDATE to commit), waited for ${(this.headWaitMs / this.transactions).toFixed(2)} ms; commit+release ${(this.poolAndCommitMs / this.transactions).toFixed(2)} ms`,
      ...rows.map(
        ([sql, v]) =>
          `PROFILE ${(v.count / units).toFixed(2)}/unit ${(v.ms / v.count).toFixed(3)} ms each ${((100 * v.ms) / rows.reduce((s, [, x]) => s + x.ms, 0)).toFixed(1)}% | ${sql}`,
      ),
    ];
  }
}

/**
 * Counts the statements and transactions through a SqlClient, and the round trips they make:
 * one a statement (BEGIN is sent with a transaction's first) and one for a COMMIT that was not
 * sent with a `last` statement (src/storage/postgres.ts).
 */
export class StatementCount {
  statements = 0;
  transactions = 0;
  /** Transactions whose COMMIT went with their last statement. */
  committedWithLast = 0;

  wrap(db: SqlClient): SqlClient {
    const counted = (inner: SqlClient): SqlClient => ({
      query: <R extends Record<string, unknown>>(
        sql: string,
        params?: unknown[],
        options?: QueryOptions,
      ) => {
        this.statements += 1;
        if (options?.last) this.committedWithLast += 1;
        return inner.query<R>(sql, params, options);
      },
      exec: (sql) => inner.exec(sql),
      transaction: <T>(work: (tx: SqlClient) => Promise<T>) => {
        this.transactions += 1;
        return inner.transaction((tx) => work(counted(tx)));
      },
      close: () => inner.close(),
    });
    return counted(db);
  }

  /** `<s> statements in <t> transactions = <r> round trips a unit`. */
  perUnit(units: number): string {
    const s = this.statements / units;
    const t = this.transactions / units;
    const r = (this.statements + this.transactions - this.committedWithLast) / units;
    const fixed = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
    return `${fixed(s)} statements in ${fixed(t)} transactions = ${fixed(r)} round trips a unit`;
  }
}

/** Microseconds a call of `run`, over at least 300 ms. */
export function microsPerCall(run: () => unknown): number {
  for (let i = 0; i < 20; i++) run();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 300) {
    run();
    n++;
  }
  return ((performance.now() - start) * 1000) / n;
}
