import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Icd10Code } from '../domain/codes.ts';
import { isoDate } from '../domain/date.ts';
import type { Region } from '../domain/region.ts';
import { searchableItemsOf } from '../domain/search.ts';
import { readDataDir } from '../registry/load-files.ts';
import { buildRegistry } from '../registry/build.ts';
import { realData } from '../../test/support/fixture.ts';
import {
  diagnosisAcrossRegions,
  matchingItemKeys,
  medicineAcrossRegions,
  medicineEntry,
  readDiagnosis,
  suggestDiagnoses,
} from './browse.ts';

const { registry } = realData();
const wk = registry.region('west-kazakhstan');
const ka = registry.region('karaganda');

describe('reading a typed diagnosis', () => {
  it('reads a code however it is typed, and a picked suggestion', () => {
    assert.deepEqual(readDiagnosis(registry, 'm082', 'en'), { kind: 'code', code: 'M08.2' });
    assert.deepEqual(readDiagnosis(registry, 'M08 — Juvenile arthritis', 'en'), {
      kind: 'code',
      code: 'M08',
    });
  });

  it('reads words one list uses, preferring the chosen region', () => {
    const read = readDiagnosis(registry, 'Ювенильный артрит', 'ru', wk);
    assert.equal(read.kind, 'named');
    assert.ok(read.kind === 'named' && read.codes.join() === 'M08,M09');
  });

  it('lists candidates when the words fit several diagnoses, and says unknown for none', () => {
    const read = readDiagnosis(registry, 'arthritis', 'en', wk);
    assert.equal(read.kind, 'ambiguous');
    assert.ok(read.kind === 'ambiguous' && read.options.some((o) => o.code === 'M08, M09'));
    assert.deepEqual(readDiagnosis(registry, 'zzzz qqqq', 'en'), { kind: 'unknown' });
  });
});

describe('browsing', () => {
  it('suggests codes with the wording in the language', () => {
    const kk = suggestDiagnoses(registry, 'M08', 'kk');
    assert.ok(kk.some((s) => s.code === 'M08' && s.label === 'Ювенильдық артрит'));
    assert.deepEqual(suggestDiagnoses(registry, 'M', 'kk'), []);
  });

  it('suggests each wording once for words, however many subcodes its item lists', () => {
    const labels = suggestDiagnoses(registry, 'артрит', 'ru').map((s) => s.label);
    assert.equal(new Set(labels).size, labels.length);
    assert.ok(labels.some((l) => /ювенильный/i.test(l)));
  });

  it('finds items on a date, and none where the date is not covered', () => {
    assert.ok(wk && ka);
    assert.ok(matchingItemKeys(registry, wk, isoDate('2026-11-24'), 'canakinumab').has('1.2'));
    assert.equal(matchingItemKeys(registry, wk, isoDate('2025-12-31'), 'canakinumab').size, 0);
  });

  it('a diagnosis and a medicine across regions, with each region’s coverage', () => {
    const byCode = diagnosisAcrossRegions(registry, 'M08' as Icd10Code, isoDate('2026-06-01'));
    const karaganda = byCode.find((r) => r.region.code === 'KZ-35');
    assert.equal(karaganda?.catalog.coverage.status, 'uncertain');
    assert.ok(karaganda?.items.every((i) => i.item.status === 'unknown'));
    assert.equal(medicineEntry(registry, 'Канакинумаб')?.inn, 'canakinumab');
    const byInn = medicineAcrossRegions(registry, 'valsartan', isoDate('2026-11-24'));
    assert.ok(
      byInn.find((r) => r.region.code === 'KZ-27')?.items.some((i) => i.item.number === '1'),
    );
  });
});

describe('the search index', () => {
  it('is built once per list text, and anew for another registry version', () => {
    const versions = registry.listVersions((wk as Region).code);
    const list = versions.at(-1)?.list;
    assert.ok(list);
    const first = searchableItemsOf(list);
    assert.ok(first.length > 0);
    // Queries of every kind reuse it: the same array, not a rebuilt one.
    matchingItemKeys(registry, wk as Region, isoDate('2026-11-24'), 'артрит');
    suggestDiagnoses(registry, 'M08', 'en');
    assert.equal(searchableItemsOf(list), first);
    // A registry built again from the same files (as for a new version) has its own index.
    const again = buildRegistry(readDataDir())
      .registry.listVersions((wk as Region).code)
      .at(-1)?.list;
    assert.ok(again && again !== list);
    assert.notEqual(searchableItemsOf(again), first);
    assert.deepEqual(
      searchableItemsOf(again).map((e) => e.haystack),
      first.map((e) => e.haystack),
    );
  });
});
