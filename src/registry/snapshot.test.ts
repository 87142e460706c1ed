/**
 * A registry restored from its snapshot (through JSON, as the cache stores it) answers
 * exactly as the registry built from the files: every region's list on dates across the
 * data's span, search, diff, and the engine over a synthetic population.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogFor, diffFor, searchFor } from '../app/queries.ts';
import { addDays, isoDate } from '../domain/date.ts';
import { Engine } from '../domain/engine.ts';
import { population, resolveAll } from '../../bench/engine.ts';
import { buildRegistry } from './build.ts';
import { readDataDir } from './load-files.ts';
import { fromSnapshot, SNAPSHOT_FORMAT, toSnapshot } from './snapshot.ts';

const { registry: built, issues } = buildRegistry(readDataDir());
const restored = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(built))));

describe('registry snapshot', () => {
  it('is taken of data without problems and restores', () => {
    assert.deepEqual(issues, []);
    assert.ok(restored);
  });

  it('restores the same regions, acts, vocabularies, sources and list texts', () => {
    assert.ok(restored);
    assert.deepEqual(restored.regions, built.regions);
    assert.deepEqual([...restored.acts.keys()], [...built.acts.keys()]);
    assert.deepEqual([...restored.medicines.keys()], [...built.medicines.keys()]);
    assert.deepEqual(restored.diseases, built.diseases);
    assert.deepEqual([...restored.sources], [...built.sources]);
    assert.deepEqual(
      restored.versions.map((v) => [v.path, v.list, v.effective]),
      built.versions.map((v) => [v.path, v.list, v.effective]),
    );
  });

  it('answers every list on dates across the data as the built registry does', () => {
    assert.ok(restored);
    const dates = Array.from({ length: 40 }, (_, i) => addDays(isoDate('2020-01-01'), i * 61));
    for (const region of built.regions) {
      for (const date of dates) {
        assert.deepEqual(catalogFor(restored, region, date), catalogFor(built, region, date));
      }
      const from = isoDate('2020-01-01');
      const to = isoDate('2026-11-24');
      assert.deepEqual(diffFor(restored, region, from, to), diffFor(built, region, from, to));
    }
    for (const query of ['M08', 'canakinumab', 'L04AC', 'артрит', 'қан']) {
      assert.deepEqual(searchFor(restored, query), searchFor(built, query));
    }
  });

  it('gives the engine the same answers for 2000 synthetic patients', () => {
    assert.ok(restored);
    const fresh = new Engine(built);
    const fromSnapshotEngine = new Engine(restored);
    const patients = resolveAll(built, population(built, 2000, 7));
    for (const patient of patients) {
      assert.deepEqual(fromSnapshotEngine.evaluate(patient), fresh.evaluate(patient));
    }
  });

  it('refuses a value of another format or shape', () => {
    assert.equal(fromSnapshot(null), undefined);
    assert.equal(fromSnapshot({ ...toSnapshot(built), format: SNAPSHOT_FORMAT + 1 }), undefined);
    assert.equal(fromSnapshot({ ...toSnapshot(built), lists: 'x' }), undefined);
  });
});
