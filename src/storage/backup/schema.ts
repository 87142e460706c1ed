/**
 * What a backup covers, read from the catalogue of the current schema: every tegin table but
 * schema_migrations (its ids are the header's `migrations`), parents before children (foreign
 * keys), each with its columns, its key order and the columns that point into the same table.
 */
import type { SqlClient } from '../sql-client.ts';

export interface TableSchema {
  name: string;
  /** Stored columns in table order (generated columns are recomputed, not backed up). */
  columns: ColumnSchema[];
  /** ORDER BY of the canonical order: the primary key, else every column. */
  orderBy: string;
  /** Columns of foreign keys into this same table: restored as NULL, then set (see restore.ts). */
  selfReferences: string[];
  /** The primary key's columns (needed to set `selfReferences` afterwards). */
  key: string[];
}

export interface ColumnSchema {
  name: string;
  /** format_type(): the cast a restored text value takes. */
  type: string;
  isIdentity: boolean;
  isCollatable: boolean;
}

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The tegin tables of the current schema in dependency order. */
export async function readTables(db: SqlClient): Promise<TableSchema[]> {
  const columns = await db.query<{
    table_name: string;
    name: string;
    attnum: number;
    type: string;
    identity: string;
    generated: string;
    collatable: boolean;
  }>(
    `SELECT c.relname AS table_name, a.attname AS name, a.attnum::int AS attnum,
            format_type(a.atttypid, a.atttypmod) AS type, a.attidentity::text AS identity,
            a.attgenerated::text AS generated, t.typcollation <> 0 AS collatable
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0
        AND NOT a.attisdropped AND c.relname <> 'schema_migrations'
      ORDER BY c.relname, a.attnum`,
  );
  const constraints = await db.query<{
    table_name: string;
    kind: string;
    keys: string;
    refers_to: string | null;
  }>(
    `SELECT c.relname AS table_name, con.contype::text AS kind,
            array_to_string(con.conkey, ',') AS keys, r.relname AS refers_to
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_class r ON r.oid = con.confrelid
      WHERE n.nspname = current_schema() AND con.contype IN ('p', 'f')
      ORDER BY c.relname, con.conname`,
  );
  const byTable = new Map<string, typeof columns>();
  for (const c of columns) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c]);

  const tables = new Map<string, TableSchema & { parents: Set<string> }>();
  for (const [name, cols] of byTable) {
    const nameOf = (attnum: number) => cols.find((c) => Number(c.attnum) === attnum)?.name ?? '';
    const own = constraints.filter((k) => k.table_name === name);
    const attnums = (keys: string) => keys.split(',').map(Number);
    const pk = own.find((k) => k.kind === 'p');
    const key = pk ? attnums(pk.keys).map(nameOf) : [];
    const stored = cols
      .filter((c) => c.generated === '')
      .map((c) => ({
        name: c.name,
        type: c.type,
        isIdentity: c.identity !== '',
        isCollatable: Boolean(c.collatable),
      }));
    const order = key.length > 0 ? stored.filter((c) => key.includes(c.name)) : stored;
    const sorted = key.length > 0 ? key.flatMap((k) => order.filter((c) => c.name === k)) : order;
    tables.set(name, {
      name,
      columns: stored,
      key,
      orderBy: sorted
        .map((c) => `${quoteIdent(c.name)}${c.isCollatable ? ' COLLATE "C"' : ''}`)
        .join(', '),
      selfReferences: own
        .filter((k) => k.kind === 'f' && k.refers_to === name)
        .flatMap((k) => attnums(k.keys).map(nameOf)),
      parents: new Set(
        own.filter((k) => k.kind === 'f' && k.refers_to !== name).map((k) => k.refers_to ?? ''),
      ),
    });
  }
  return dependencyOrder(tables);
}

/** Parents first; among tables free to go, by name (the same order on every server). */
function dependencyOrder(
  tables: Map<string, TableSchema & { parents: Set<string> }>,
): TableSchema[] {
  const ordered: TableSchema[] = [];
  const placed = new Set<string>();
  while (placed.size < tables.size) {
    const ready = [...tables.values()]
      .filter((t) => !placed.has(t.name) && [...t.parents].every((p) => placed.has(p)))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const [next] = ready;
    if (!next) throw new Error('the foreign keys between tables form a cycle');
    ordered.push({
      name: next.name,
      columns: next.columns,
      orderBy: next.orderBy,
      selfReferences: next.selfReferences,
      key: next.key,
    });
    placed.add(next.name);
  }
  return ordered;
}
