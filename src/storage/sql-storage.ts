/**
 * The Storage port over any SqlClient. The SQL is plain PostgreSQL, shared by
 * PGlite and the PostgreSQL server.
 */
import { createHash } from 'node:crypto';
import type { ListFile } from '../domain/list.ts';
import { buildRegistry } from '../registry/build.ts';
import type { RawFile } from '../registry/load-files.ts';
import { migrate } from './migrate.ts';
import type { SqlClient } from './sql-client.ts';
import type { FileRevision, ItemRow, LoadResult, RegistryVersionInfo, Storage } from './storage.ts';

interface VersionRow extends Record<string, unknown> {
  id: number;
  content_hash: string;
  loaded_at: Date | string;
  file_count: number;
  note: string | null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function toInfo(row: VersionRow): RegistryVersionInfo {
  const loadedAt =
    row.loaded_at instanceof Date ? row.loaded_at.toISOString() : String(row.loaded_at);
  return {
    id: Number(row.id),
    contentHash: row.content_hash,
    loadedAt,
    fileCount: Number(row.file_count),
    note: row.note,
  };
}

export class SqlStorage implements Storage {
  constructor(
    readonly kind: string,
    private readonly db: SqlClient,
  ) {}

  migrate(): Promise<number[]> {
    return migrate(this.db);
  }

  async load(files: readonly RawFile[], note?: string): Promise<LoadResult> {
    const { registry, issues } = buildRegistry(files);
    if (issues.length > 0) return { ok: false, issues };
    const hashed = [...files]
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((f) => ({ ...f, sha256: sha256(f.text) }));
    const contentHash = sha256(hashed.map((f) => `${f.path}\0${f.sha256}`).join('\n'));
    return this.db.transaction(async (tx) => {
      // One loader at a time: the version number and the comparison must not race.
      await tx.query('LOCK TABLE registry_versions IN EXCLUSIVE MODE');
      const [current] = await tx.query<VersionRow>(
        'SELECT * FROM registry_versions ORDER BY id DESC LIMIT 1',
      );
      const before = new Map<string, string>();
      if (current) {
        for (const r of await tx.query<{ path: string; sha256: string }>(
          'SELECT path, sha256 FROM registry_files WHERE version_id = $1',
          [current.id],
        )) {
          before.set(r.path, r.sha256);
        }
      }
      const added = hashed.filter((f) => !before.has(f.path)).map((f) => f.path);
      const modified = hashed
        .filter((f) => before.has(f.path) && before.get(f.path) !== f.sha256)
        .map((f) => f.path);
      const paths = new Set(hashed.map((f) => f.path));
      const removed = [...before.keys()].filter((p) => !paths.has(p)).sort();
      if (current && current.content_hash === contentHash) {
        return {
          ok: true,
          changed: false,
          version: toInfo(current),
          added: [],
          modified: [],
          removed: [],
        };
      }
      const id = current ? Number(current.id) + 1 : 1;
      await tx.query(
        `INSERT INTO file_blobs (sha256, body)
         SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (sha256) DO NOTHING`,
        [hashed.map((f) => f.sha256), hashed.map((f) => f.text)],
      );
      const [inserted] = await tx.query<VersionRow>(
        'INSERT INTO registry_versions (id, content_hash, file_count, note) VALUES ($1, $2, $3, $4) RETURNING *',
        [id, contentHash, hashed.length, note ?? null],
      );
      await tx.query(
        `INSERT INTO registry_files (version_id, path, sha256)
         SELECT $1, * FROM unnest($2::text[], $3::text[])`,
        [id, hashed.map((f) => f.path), hashed.map((f) => f.sha256)],
      );
      const items = registry.versions.flatMap((v) => itemRows(v.list));
      if (items.length > 0) {
        await tx.query(
          `INSERT INTO list_items (version_id, region, act, annex, edition, section, section_kind, item, status,
                                   diagnosis_kk, icd10, inns, atcs)
           SELECT $1, r.region, r.act, r.annex, r.edition, r.section, r.section_kind, r.item, r.status,
                  r.diagnosis_kk, r.icd10, r.inns, r.atcs
           FROM jsonb_to_recordset($2::jsonb) AS r(region text, act text, annex text, edition text, section text,
                section_kind text, item text, status text, diagnosis_kk text, icd10 text[], inns text[], atcs text[])`,
          [id, JSON.stringify(items)],
        );
      }
      return {
        ok: true,
        changed: true,
        version: toInfo(inserted as VersionRow),
        added,
        modified,
        removed,
      };
    });
  }

  async currentVersion(): Promise<RegistryVersionInfo | null> {
    const [row] = await this.db.query<VersionRow>(
      'SELECT * FROM registry_versions ORDER BY id DESC LIMIT 1',
    );
    return row ? toInfo(row) : null;
  }

  async versions(): Promise<RegistryVersionInfo[]> {
    return (await this.db.query<VersionRow>('SELECT * FROM registry_versions ORDER BY id')).map(
      toInfo,
    );
  }

  async files(versionId?: number): Promise<RawFile[]> {
    const id = versionId ?? (await this.currentVersion())?.id;
    if (id === undefined) return [];
    return this.db.query<{ path: string; text: string }>(
      `SELECT f.path, b.body AS text FROM registry_files f JOIN file_blobs b USING (sha256)
       WHERE f.version_id = $1 ORDER BY f.path`,
      [id],
    );
  }

  async fileHistory(path: string): Promise<FileRevision[]> {
    const rows = await this.db.query<{
      version_id: number;
      sha256: string;
      loaded_at: Date | string;
    }>(
      `SELECT f.version_id, f.sha256, v.loaded_at FROM registry_files f
       JOIN registry_versions v ON v.id = f.version_id WHERE f.path = $1 ORDER BY f.version_id`,
      [path],
    );
    const history: FileRevision[] = [];
    for (const r of rows) {
      if (history.at(-1)?.sha256 === r.sha256) continue;
      const loadedAt =
        r.loaded_at instanceof Date ? r.loaded_at.toISOString() : String(r.loaded_at);
      history.push({ versionId: Number(r.version_id), sha256: r.sha256, loadedAt });
    }
    return history;
  }

  async itemsWithCode(code: string): Promise<ItemRow[]> {
    return this.db.query<ItemRow & Record<string, unknown>>(
      `SELECT region, act, section, item, status, icd10, inns FROM list_items
       WHERE version_id = (SELECT max(id) FROM registry_versions) AND $1 = ANY (icd10)
       ORDER BY region, section, item::int`,
      [code],
    );
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

function itemRows(list: ListFile): Record<string, unknown>[] {
  return list.sections.flatMap((section) =>
    section.items.map((item) => ({
      region: list.region,
      act: list.act,
      annex: list.annex,
      edition: list.edition,
      section: section.number,
      section_kind: section.kind,
      item: item.number,
      status: item.status,
      diagnosis_kk: item.status === 'in_force' ? item.diagnosis.text.kk : null,
      icd10: item.status === 'in_force' ? item.diagnosis.icd10 : [],
      inns: item.status === 'in_force' ? item.products.flatMap((p) => (p.inn ? [p.inn] : [])) : [],
      atcs: item.status === 'in_force' ? item.products.flatMap((p) => (p.atc ? [p.atc] : [])) : [],
    })),
  );
}
