/**
 * A CLI call loads what its command uses: `--help` no command, `regions` and `entitlements`
 * (with the registry snapshot in the cache) neither a database driver nor the YAML parser nor
 * the validators. Each call runs in a child process that records every module it resolves.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadRegistry } from '../src/registry/cache.ts';
import { readDataDir } from '../src/registry/load-files.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tegin-imports-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function modulesLoadedBy(...argv: string[]): string[] {
  const log = join(dir, `${argv[0] ?? 'none'}.log`);
  const script = `const { main } = await import('./src/cli/main.ts');
process.exitCode = await main(${JSON.stringify(argv)}, { stdout() {}, stderr: (t) => process.stderr.write(t) });`;
  execFileSync(
    process.execPath,
    [
      '--import',
      './test/support/record-imports.mjs',
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      script,
    ],
    { cwd: ROOT, env: { ...process.env, TEGIN_IMPORTS_LOG: log }, stdio: 'inherit' },
  );
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const HEAVY = [
  '/node_modules/pg/',
  '/node_modules/@electric-sql/pglite/',
  '/node_modules/yaml/',
  '/src/registry/validate.ts',
  // The storage adapters and migrations; src/storage/errors.ts (the error classes main.ts maps
  // to exit code 4) is a few lines and loads nothing else.
  '/src/storage/pglite',
  '/src/storage/postgres',
  '/src/storage/sql-',
  '/src/storage/migrate',
];

describe('what a CLI call loads', () => {
  before(async () => {
    await loadRegistry(readDataDir()); // the snapshot of today's data, as after any first call
  });

  it('--help loads no command', () => {
    const loaded = modulesLoadedBy('--help');
    assert.ok(loaded.some((url) => url.endsWith('/src/cli/main.ts')));
    assert.deepEqual(
      loaded.filter((url) => url.includes('/src/cli/commands/')),
      [],
    );
  });

  for (const argv of [
    ['regions'],
    ['entitlements', '--region', 'KZ-27', '--date', '2026-11-24', '--age', '8', '--icd10', 'G80.1'],
  ]) {
    it(`${argv[0]} loads no database driver, YAML parser or validator`, () => {
      const loaded = modulesLoadedBy(...argv);
      assert.ok(loaded.some((url) => url.includes(`/src/cli/commands/`)));
      assert.deepEqual(
        loaded.filter((url) => HEAVY.some((part) => url.includes(part))),
        [],
      );
    });
  }
});
