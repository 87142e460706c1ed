/**
 * A table's rows in canonical form and order, a page at a time through a cursor (never the whole
 * table in memory). Runs inside the caller's transaction: the backup's snapshot, or the restore's
 * own writes when it checks them before committing.
 */
import type { SqlClient } from '../sql-client.ts';
import type { Row } from './format.ts';
import { quoteIdent, type TableSchema } from './schema.ts';

export const PAGE_ROWS = 1000;

export async function* canonicalRows(tx: SqlClient, table: TableSchema): AsyncGenerator<Row> {
  const select = table.columns.map((c, i) => `${quoteIdent(c.name)}::text AS c${i}`).join(', ');
  await tx.exec(
    `DECLARE tegin_backup_rows NO SCROLL CURSOR FOR SELECT ${select} FROM ${quoteIdent(table.name)} ORDER BY ${table.orderBy}`,
  );
  try {
    for (;;) {
      const page = await tx.query<Record<string, string | null>>(
        `FETCH FORWARD ${PAGE_ROWS} FROM tegin_backup_rows`,
      );
      for (const r of page) yield table.columns.map((_, i) => r[`c${i}`] ?? null);
      if (page.length < PAGE_ROWS) break;
    }
  } finally {
    await tx.exec('CLOSE tegin_backup_rows');
  }
}
