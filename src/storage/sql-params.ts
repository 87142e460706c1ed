/**
 * Numbered placeholders for a statement built from parts (the parts of one `WITH`): each value
 * is added once, in order, and its placeholder written where the part needs it.
 */
import { createHash } from 'node:crypto';
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
 * The prepared statement's name for `parts` run as `statement` (src/storage/sql-client.ts):
 * one per list of part names, so the set is as fixed as the parts the code writes. A part's text
 * holds placeholders only, so one list of names is one text (a connection refuses a name sent
 * again with another text). Hashed: PostgreSQL keeps 63 bytes of a name.
 */
function preparedName(statement: string, parts: WithPart[]): string {
  const names = parts.map((p) => p.name).join(',');
  return `${statement}_${createHash('sha256').update(names).digest('hex').slice(0, 16)}`;
}

/**
 * Runs the parts as one statement (`WITH a AS (…), b AS (…) SELECT …`): every part runs, in
 * one snapshot, whether or not another reads it. The statement raises when a part returned
 * another number of rows than it must (`ops_expect_rows`, migration 160: a row that changed
 * under a lock is a bug, not an outcome), so the transaction fails with it, even one whose
 * COMMIT was sent behind it (`last`). `statement` names it to prepare it (one name per list of
 * parts).
 */
export async function runParts(
  tx: SqlClient,
  parts: WithPart[],
  params: SqlParams,
  options: { statement?: string; last?: boolean } = {},
): Promise<void> {
  const checks = parts.map(
    (p) =>
      `ops_expect_rows(${params.add(p.name)}, (SELECT count(*) FROM ${p.name}), ${params.add(p.rows)})`,
  );
  const sql = `WITH ${parts.map((p) => `${p.name} AS (${p.sql})`).join(',\n')}
    SELECT ${checks.join(' + ')} AS checked`;
  await tx.query(sql, params.values, {
    ...(options.statement === undefined
      ? {}
      : { prepared: preparedName(options.statement, parts) }),
    ...(options.last === undefined ? {} : { last: options.last }),
  });
}
