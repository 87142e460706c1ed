/**
 * The storage port: registry versions on a database. One interface, two
 * implementations (PGlite embedded, PostgreSQL), one shared contract suite.
 */
import type { DataIssue } from '../domain/issues.ts';
import type { RawFile } from '../registry/load-files.ts';

export interface RegistryVersionInfo {
  id: number;
  contentHash: string;
  loadedAt: string;
  fileCount: number;
  note: string | null;
}

export type LoadResult =
  | {
      ok: true;
      changed: boolean;
      version: RegistryVersionInfo;
      added: string[];
      modified: string[];
      removed: string[];
    }
  | { ok: false; issues: DataIssue[] };

export interface FileRevision {
  versionId: number;
  sha256: string;
  loadedAt: string;
}

export interface ItemRow {
  region: string;
  act: string;
  section: string;
  item: string;
  status: string;
  icd10: string[];
  inns: string[];
}

export interface Storage {
  /** Which implementation, for logs: `pglite` or `postgres`. */
  readonly kind: string;
  /** Applies pending migrations; returns the ids applied now. */
  migrate(): Promise<number[]>;
  /**
   * Loads data files as a new registry version, atomically: invalid data or any
   * failure changes nothing; identical content creates no new version.
   */
  load(files: readonly RawFile[], note?: string): Promise<LoadResult>;
  currentVersion(): Promise<RegistryVersionInfo | null>;
  versions(): Promise<RegistryVersionInfo[]>;
  /** The files of a version (default: the current one). */
  files(versionId?: number): Promise<RawFile[]>;
  /** Every version in which `path` changed, oldest first. */
  fileHistory(path: string): Promise<FileRevision[]>;
  /** Items of the current version whose ICD-10 codes include `code` exactly. */
  itemsWithCode(code: string): Promise<ItemRow[]>;
  close(): Promise<void>;
}
