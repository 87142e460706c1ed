/**
 * The registry, built once per content: a validated snapshot (snapshot.ts) stored as JSON under
 * `.tegin/cache/` and keyed by a hash of the data files, of the code that turns them into a
 * registry (src/domain, src/registry) and of the snapshot format. Any change to a data file or
 * to that code (or to the locked dependency versions, the YAML parser's among them) is a new key, so a stale snapshot is never read; data with problems is never
 * snapshotted (those problems are reported by the full build every time). A cache that cannot be
 * read or written only costs time: the registry is then built from the files.
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../paths.ts';
import type { RawFile } from './load-files.ts';
import type { BuildResult } from './build.ts';
import { fromSnapshot, SNAPSHOT_FORMAT, toSnapshot } from './snapshot.ts';

export const DEFAULT_CACHE_DIR = join(ROOT, '.tegin', 'cache');
const CODE_DIRS = ['src/domain', 'src/registry'];
/** Snapshots kept: a few data directories (tests' fixtures, worktrees) can share one cache. */
const KEEP = 8;

export interface CachedBuild extends BuildResult {
  /** Where the registry came from: the snapshot, or a build from the files. */
  source: 'snapshot' | 'files';
}

let codeHash: string | undefined;

/** A hash of the code that shapes a registry (the tests beside it excluded). */
export function registryCodeHash(root: string = ROOT): string {
  if (codeHash !== undefined && root === ROOT) return codeHash;
  const hash = createHash('sha256');
  for (const dir of CODE_DIRS) {
    let names: string[];
    try {
      names = readdirSync(join(root, dir)).filter(
        (n) => n.endsWith('.ts') && !n.includes('.test.'),
      );
    } catch {
      names = []; // an installation without sources: the lockfile and format still key it
    }
    for (const name of names.sort()) {
      hash
        .update(`${dir}/${name}\0`)
        .update(readFileSync(join(root, dir, name)))
        .update('\0');
    }
  }
  try {
    hash.update(readFileSync(join(root, 'package-lock.json')));
  } catch {
    hash.update('no lockfile');
  }
  const digest = hash.digest('hex');
  if (root === ROOT) codeHash = digest;
  return digest;
}

/** The cache key of a set of data files. */
export function snapshotKey(files: readonly RawFile[], code: string = registryCodeHash()): string {
  const hash = createHash('sha256').update(`format ${SNAPSHOT_FORMAT}\0code ${code}\0`);
  for (const file of files) hash.update(`${file.path}\0${file.text}\0`);
  return hash.digest('hex').slice(0, 32);
}

/** The registry of `files`, from the snapshot of the same content when there is one. */
export async function loadRegistry(
  files: readonly RawFile[],
  cacheDir: string | null = DEFAULT_CACHE_DIR,
): Promise<CachedBuild> {
  // The builder (YAML parser, validators) is loaded only when there is no snapshot to read.
  const build = async () => (await import('./build.ts')).buildRegistry(files);
  if (cacheDir === null) return { ...(await build()), source: 'files' };
  const key = snapshotKey(files);
  const path = join(cacheDir, `registry-${key}.json`);
  const cached = readSnapshot(path);
  if (cached) return { registry: cached, issues: [], source: 'snapshot' };
  const built = await build();
  if (built.issues.length === 0)
    writeSnapshot(cacheDir, path, JSON.stringify(toSnapshot(built.registry)));
  return { ...built, source: 'files' };
}

function readSnapshot(path: string): ReturnType<typeof fromSnapshot> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return fromSnapshot(JSON.parse(text));
  } catch {
    return undefined; // a damaged snapshot is rebuilt
  }
}

/** Writes atomically (a temporary file renamed), then removes all but the newest snapshots. */
function writeSnapshot(dir: string, path: string, text: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, path);
    const older = readdirSync(dir)
      .filter((name) => /^registry-[0-9a-f]+\.json$/.test(name))
      .map((name) => ({ path: join(dir, name), time: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.time - a.time)
      .slice(KEEP);
    for (const file of older) rmSync(file.path, { force: true });
  } catch {
    // A read-only or full disk: the next start builds from the files again.
  }
}
