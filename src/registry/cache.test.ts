/**
 * The snapshot cache: built from the files once, read from the snapshot after, rebuilt when a
 * data file changes or the snapshot is damaged, and never written for data with problems.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadRegistry, snapshotKey } from './cache.ts';
import { readDataDir } from './load-files.ts';

const files = readDataDir();
const dir = mkdtempSync(join(tmpdir(), 'tegin-cache-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const snapshots = () => readdirSync(dir).filter((n) => n.endsWith('.json'));

describe('registry cache', () => {
  it('builds from the files once, then reads the snapshot', async () => {
    const first = await loadRegistry(files, dir);
    assert.equal(first.source, 'files');
    assert.deepEqual(first.issues, []);
    assert.equal(snapshots().length, 1);
    const second = await loadRegistry(files, dir);
    assert.equal(second.source, 'snapshot');
    assert.equal(second.registry.regions.length, first.registry.regions.length);
    assert.equal(second.registry.versions.length, first.registry.versions.length);
  });

  it('keys the snapshot by the content of every file and by the code', () => {
    const edited = files.map((f, i) =>
      i === files.length - 1 ? { ...f, text: `${f.text}\n` } : f,
    );
    assert.notEqual(snapshotKey(edited), snapshotKey(files));
    assert.notEqual(snapshotKey(files, 'other code'), snapshotKey(files));
    assert.equal(snapshotKey([...files]), snapshotKey(files));
  });

  it('builds again when a data file changes', async () => {
    const last = files.length - 1;
    const edited = files.map((f, i) => (i === last ? { ...f, text: `${f.text}\n` } : f));
    assert.equal((await loadRegistry(edited, dir)).source, 'files');
    assert.equal((await loadRegistry(edited, dir)).source, 'snapshot');
  });

  it('rebuilds over a damaged snapshot', async () => {
    const path = join(dir, `registry-${snapshotKey(files)}.json`);
    writeFileSync(path, '{"format": 1, "regions": [');
    assert.equal((await loadRegistry(files, dir)).source, 'files');
    writeFileSync(path, '{"format": 999}');
    assert.equal((await loadRegistry(files, dir)).source, 'files');
    assert.equal((await loadRegistry(files, dir)).source, 'snapshot');
  });

  it('never snapshots data with problems: they are reported at every load', async () => {
    const broken = files.map((f) =>
      f.path === 'regions.yaml' ? { ...f, text: `${f.text}\nnot: [valid` } : f,
    );
    const before = snapshots().length;
    const result = await loadRegistry(broken, dir);
    assert.equal(result.source, 'files');
    assert.ok(result.issues.length > 0);
    assert.equal(snapshots().length, before);
    assert.ok((await loadRegistry(broken, dir)).issues.length > 0);
  });

  it('works without a cache directory', async () => {
    assert.equal((await loadRegistry(files, null)).source, 'files');
  });
});
