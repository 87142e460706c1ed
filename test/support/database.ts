/**
 * TEST SUPPORT: fresh in-memory PGlite databases started from a template instead of built from
 * nothing. Building one costs seconds of CPU (initdb ≈ 3–7 s, the migrations and the first load of
 * the repository's data ≈ 2 s more); starting PGlite from a dump of the finished state costs a
 * third of that. Each clone is its own database: what one test writes no other sees.
 *
 * - `blankPglite()`: a cluster fresh from initdb, nothing migrated (the contract suites migrate
 *   it themselves, as they do any database they are given);
 * - `loadedDatabase()`: what a first start leaves (src/app/services.ts `startServices`): the
 *   registry migrated with the repository's data loaded as its first version, the operations
 *   migrated — the state every in-process app test begins from.
 *
 * A template is built by the same code the tests would run, once per content: its dump is kept in
 * the system's temporary directory under a hash of every source file, data file and migration
 * and of the PGlite version, so a change to any of them builds a new one (the test files run in
 * processes of their own; the first to need a template writes it, atomically, for the rest).
 * The tests of migrating, loading and first start themselves open their databases directly
 * (src/storage/*.int.test.ts, test/cli-start.test.ts) and never see a template.
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
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { databaseOn, type Database } from '../../src/app/database.ts';
import { startServices } from '../../src/app/services.ts';
import { ROOT } from '../../src/paths.ts';
import { pgliteSqlClient } from '../../src/storage/pglite.ts';
import type { SqlClient } from '../../src/storage/sql-client.ts';

const CACHE = join(tmpdir(), 'tegin-test-templates');
/** Older templates of a kind are removed when a new one is written (an edit makes a new key). */
const STALE_MS = 60 * 60 * 1000;

type TemplateKind = 'blank' | 'loaded';

/** Every file whose content could change a template: sources, migrations, data, PGlite itself. */
function contentKey(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.endsWith('.test.ts')) hash.update(full).update(readFileSync(full));
    }
  };
  walk(join(ROOT, 'src'));
  walk(join(ROOT, 'data'));
  hash.update(readFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/package.json')));
  return hash.digest('hex').slice(0, 32);
}

let key: string | undefined;
const dumps = new Map<TemplateKind, Promise<Uint8Array>>();

async function build(kind: TemplateKind): Promise<Uint8Array> {
  const db = new PGlite();
  await db.waitReady;
  if (kind === 'loaded') {
    const database = databaseOn('pglite', pgliteSqlClient(db));
    await startServices(database.storage, { info: () => undefined });
    await database.ops.migrate();
  }
  const dump = new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
  await db.close();
  return dump;
}

function prune(kind: TemplateKind): void {
  const now = Date.now();
  for (const name of readdirSync(CACHE).filter((n) => n.startsWith(`${kind}-`))) {
    const file = join(CACHE, name);
    try {
      if (now - statSync(file).mtimeMs > STALE_MS) rmSync(file, { force: true });
    } catch {
      // Another process removed it first.
    }
  }
}

/** The template's dump: from this process's memory, else the cache file, else built and kept. */
function templateDump(kind: TemplateKind): Promise<Uint8Array> {
  let dump = dumps.get(kind);
  if (!dump) {
    dump = (async () => {
      key ??= contentKey();
      const file = join(CACHE, `${kind}-${key}.tar`);
      try {
        return new Uint8Array(readFileSync(file));
      } catch {
        const built = await build(kind);
        mkdirSync(CACHE, { recursive: true });
        const partial = `${file}.${process.pid}.partial`;
        writeFileSync(partial, built);
        renameSync(partial, file);
        prune(kind);
        return built;
      }
    })();
    dumps.set(kind, dump);
  }
  return dump;
}

async function clone(kind: TemplateKind): Promise<SqlClient> {
  const db = new PGlite({ loadDataDir: new Blob([await templateDump(kind)]) });
  await db.waitReady;
  return pgliteSqlClient(db);
}

/** A new in-memory cluster, fresh from initdb: nothing migrated. */
export function blankPglite(): Promise<SqlClient> {
  return clone('blank');
}

/**
 * A new in-memory database as a first start leaves it: the registry migrated with the
 * repository's data loaded, the operations migrated.
 */
export async function loadedDatabase(): Promise<Database> {
  return databaseOn('pglite', await clone('loaded'));
}
