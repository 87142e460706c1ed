/**
 * Numbered placeholders for a statement built from parts (the parts of one `WITH`): each value
 * is added once, in order, and its placeholder written where the part needs it.
 */
import type { SqlClient } from './sql-client.ts';

export class SqlParams {
  readonly values: unknown[] = [];

  /** The placeholder (`$n`) of `value`, added now. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A part of a `WITH`: its name, its statement, and how many rows it must return. */
export interface WithPart {
  name: string;
  sql: string;
  rows: number;
}

/**
 * Runs the parts as one statement (`WITH a AS (…), b AS (…) SELECT …`): every part runs, in
 * one snapshot, whether or not another reads it. Throws when a part returned another number of
 * rows than it must (a row that changed under a lock is a bug, not an outcome).
 */
export async function runParts(tx: SqlClient, parts: WithPart[], params: SqlParams): Promise<void> {
  const counts = parts.map((p) => `(SELECT count(*) FROM ${p.name})::int AS ${p.name}`);
  const sql = `WITH ${parts.map((p) => `${p.name} AS (${p.sql})`).join(',\n')}
    SELECT ${counts.join(', ')}`;
  const [row] = await tx.query<Record<string, number>>(sql, params.values);
  for (const p of parts) {
    if (Number(row?.[p.name]) !== p.rows) {
      throw new Error(`${p.name}: ${String(row?.[p.name])} rows, expected ${p.rows}`);
    }
  }
}
