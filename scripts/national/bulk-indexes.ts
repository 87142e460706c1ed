/**
 * Bulk load without the register's indexes: the patients step inserts ~10 million rows keyed by
 * random UUIDs, and once the indexes outgrow the buffer cache every insert pays a random read
 * per index (the 3M load took 33 min that way, most of it there). Before the step the keys,
 * foreign keys and indexes of the register's tables are written down (`national_dropped`) and
 * dropped; after it they are created again from those definitions — a sort per index instead of
 * millions of random inserts — and the note is deleted in the same transaction. A run stopped
 * in between finds the note and finishes the job: nothing is lost and nothing is guessed, the
 * definitions are the catalogue's own (`pg_get_constraintdef`, `pg_get_indexdef`).
 */
import type { SqlClient } from '../../src/storage/sql-client.ts';

/** The tables the patients step writes. */
export const REGISTER_TABLES = [
  'ops_patients',
  'ops_attachments',
  'ops_registrations',
  'ops_commission_decisions',
] as const;

/** Order of re-creation: keys before the foreign keys that need them, then plain indexes. */
const ORDER = { p: 0, u: 1, f: 2, i: 3 } as const;

export async function dropRegisterIndexes(db: SqlClient): Promise<void> {
  await db.exec(`CREATE TABLE IF NOT EXISTS national_dropped (
      ord integer NOT NULL, name text NOT NULL, tbl text NOT NULL, kind text NOT NULL,
      def text NOT NULL, PRIMARY KEY (tbl, name))`);
  await db.transaction(async (tx) => {
    const noted = await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM national_dropped`);
    if (Number(noted[0]?.n ?? 0) > 0) return;
    // Keys of the tables, and the foreign keys pointing at them (those pointing elsewhere stay:
    // organisations and accounts are small, their checks cheap).
    const constraints = await tx.query<{ name: string; tbl: string; kind: string; def: string }>(
      `SELECT c.conname AS name, t.relname AS tbl, c.contype::text AS kind,
              pg_get_constraintdef(c.oid) AS def
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
         LEFT JOIN pg_class r ON r.oid = c.confrelid
        WHERE t.relnamespace = current_schema()::regnamespace
          AND ((c.contype IN ('p', 'u') AND t.relname = ANY ($1))
            OR (c.contype = 'f' AND r.relname = ANY ($1)))`,
      [REGISTER_TABLES],
    );
    const indexes = await tx.query<{ name: string; tbl: string; def: string }>(
      `SELECT i.relname AS name, t.relname AS tbl, pg_get_indexdef(i.oid) AS def
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY ($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid AND c.contype IN ('p', 'u'))`,
      [REGISTER_TABLES],
    );
    const rows = [
      ...constraints.map((c) => ({ ...c, ord: ORDER[c.kind as 'p' | 'u' | 'f'] })),
      ...indexes.map((i) => ({ ...i, kind: 'i', ord: ORDER.i })),
    ];
    for (const r of rows) {
      await tx.query(`INSERT INTO national_dropped VALUES ($1, $2, $3, $4, $5)`, [
        r.ord,
        r.name,
        r.tbl,
        r.kind,
        r.def,
      ]);
    }
    // Foreign keys first (they depend on the keys), then keys, then indexes.
    for (const r of [...rows].sort((a, b) => b.ord - a.ord)) {
      if (r.kind === 'i') await tx.exec(`DROP INDEX ${ident(r.name)}`);
      else await tx.exec(`ALTER TABLE ${ident(r.tbl)} DROP CONSTRAINT ${ident(r.name)}`);
    }
  });
}

/** Creates again what `dropRegisterIndexes` dropped (none if nothing was). */
export async function restoreRegisterIndexes(
  db: SqlClient,
  progress: (done: number, total: number) => void,
): Promise<void> {
  const exists = await db.query<{ t: string | null }>(
    `SELECT to_regclass('national_dropped')::text AS t`,
  );
  if (!exists[0]?.t) return;
  const rows = await db.query<{ name: string; tbl: string; kind: string; def: string }>(
    `SELECT name, tbl, kind, def FROM national_dropped ORDER BY ord, tbl, name`,
  );
  for (const [k, r] of rows.entries()) {
    await db.transaction(async (tx) => {
      // One sort of millions of rows: longer than the pool's statement timeout on a busy machine.
      await tx.exec(`SET LOCAL statement_timeout = 0; SET LOCAL maintenance_work_mem = '256MB'`);
      // pg_get_indexdef names the schema: the index is created where it was.
      if (r.kind === 'i') await tx.exec(r.def);
      else await tx.exec(`ALTER TABLE ${ident(r.tbl)} ADD CONSTRAINT ${ident(r.name)} ${r.def}`);
      await tx.query(`DELETE FROM national_dropped WHERE tbl = $1 AND name = $2`, [r.tbl, r.name]);
    });
    progress(k + 1, rows.length);
  }
}

const ident = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected identifier ${name}`);
  return `"${name}"`;
};
