/**
 * Lists over time, on a fixture built from the real Karaganda data plus one
 * fictional later act (No 999 of 15.01.2027, in force from 01.02.2027) that
 * excludes item 5. Checks that the catalogue switches texts on the right day
 * and that the engine tells a patient the item was excluded, and by which act.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogOn } from '../src/domain/catalog.ts';
import { isoDate } from '../src/domain/date.ts';
import { Engine } from '../src/domain/engine.ts';
import { resolvePatient } from '../src/domain/patient.ts';
import { buildRegistry } from '../src/registry/build.ts';
import { fictionalExclusion } from './support/fictional-exclusion.ts';

describe('a list with two consolidated texts', () => {
  const { registry, issues } = buildRegistry(fictionalExclusion());
  const region = registry.region('KZ-35');
  assert.ok(region);

  it('loads without problems and orders the texts by entry into force', () => {
    assert.deepEqual(issues, []);
    const versions = registry.listVersions(region.code);
    assert.equal(versions.length, 2);
    assert.deepEqual(versions[1]?.effective, {
      kind: 'known',
      date: '2027-02-01',
      basis: 'fixed_date',
    });
  });

  it('switches from the earlier text to the later on the day the later enters into force', () => {
    const on = (date: string) =>
      catalogOn({
        region,
        date: isoDate(date),
        versions: registry.listVersions(region.code),
        context: registry,
      });
    const before = on('2027-01-31').items.find((i) => i.number === '5' && i.section === 'medicine');
    const after = on('2027-02-01').items.find((i) => i.number === '5' && i.section === 'medicine');
    assert.equal(before?.status, 'in_force');
    assert.equal(after?.status, 'excluded');
    assert.match(
      after?.reason?.en ?? '',
      /Excluded by decision of the Karaganda oblast maslikhat No 999 of 15\.01\.2027 \(in force from 01\.02\.2027\)/,
    );
  });

  it('tells a patient the item that covered them was excluded, and by which act', () => {
    const engine = new Engine(registry);
    const evaluate = (date: string) => {
      const resolved = resolvePatient(
        { region: 'KZ-35', date, age: 40, diagnoses: [{ code: 'M35.2' }] },
        (key) => registry.region(key),
      );
      assert.ok(resolved.ok);
      return engine.evaluate(resolved.patient).entitlements;
    };
    const before = evaluate('2027-01-31');
    assert.deepEqual(
      before.map((e) => [e.item, e.status]),
      [['5', 'entitled']],
    );
    const after = evaluate('2027-02-01');
    assert.deepEqual(
      after.map((e) => [e.item, e.status, e.reason?.code]),
      [['5', 'not_entitled', 'excluded']],
    );
    assert.match(
      after[0]?.explanation.en ?? '',
      /^Not entitled: Excluded by decision of the Karaganda oblast maslikhat No 999/,
    );
    assert.deepEqual(
      after[0]?.products.map((p) => p.inn),
      ['azathioprine'],
    );
  });
});
