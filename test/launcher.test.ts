/**
 * bin/fresh.js, the launchers' choice between dist/ and the sources: a build is used only
 * while every source it holds is unchanged (a touched file with the same content still is).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { whyStale } from '../bin/fresh.js';

const root = mkdtempSync(join(tmpdir(), 'tegin-fresh-'));
after(() => rmSync(root, { recursive: true, force: true }));

function stampOf(paths: string[]): void {
  const sha = (path: string) =>
    createHash('sha256')
      .update(readFileSync(join(root, path)))
      .digest('hex');
  const inputs = paths.map((path) => {
    const { size, mtimeMs } = statSync(join(root, path));
    return { path, size, mtimeMs, sha256: sha(path) };
  });
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist', 'build.json'), JSON.stringify({ inputs }));
}

describe('bin/fresh.js', () => {
  it('says why without a build', () => {
    assert.equal(whyStale(root), 'dist/ is missing');
  });

  it('uses a build whose sources are unchanged, even touched', () => {
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(join(root, 'src/a.ts'), 'export const a = 1;\n');
    stampOf(['src/a.ts']);
    assert.equal(whyStale(root), undefined);
    utimesSync(join(root, 'src/a.ts'), new Date(), new Date(Date.now() + 60_000));
    assert.equal(whyStale(root), undefined);
  });

  it('refuses a build whose source changed or is gone', () => {
    writeFileSync(join(root, 'src/a.ts'), 'export const a = 2;\n');
    assert.equal(whyStale(root), 'src/a.ts changed since the build');
    rmSync(join(root, 'src/a.ts'));
    assert.equal(whyStale(root), 'src/a.ts is gone');
  });
});
