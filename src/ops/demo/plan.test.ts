import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { catalogFor } from '../../app/queries.ts';
import { addDays, ageOn, isoDate } from '../../domain/date.ts';
import { decodeIin } from '../../domain/iin.ts';
import { realData } from '../../../test/support/fixture.ts';
import { DemoPopulationFile, demoCount, planPopulation } from './plan.ts';
import { seeded } from './random.ts';

const file = DemoPopulationFile.parse(
  parse(readFileSync(new URL('../../../demo/population.yaml', import.meta.url), 'utf8')),
);
const { registry } = realData();
// A day both lists are known to be in force (KZ-35's edition is certain from 22.11.2026).
const from = isoDate('2026-11-24');

function plan(region: string, seed = 7) {
  const r = registry.region(region);
  assert.ok(r);
  const items = catalogFor(registry, r, from).items;
  return {
    items,
    people: planPopulation({ file, region, items, from, random: seeded(seed), taken: new Set() }),
  };
}

describe('the demo population plan', () => {
  for (const region of ['KZ-27', 'KZ-35']) {
    it(`${region}: every in-force item with a diagnosis has its patients, of the item's ages`, () => {
      const { items, people } = plan(region);
      const inForce = items.filter((i) => i.status === 'in_force' && i.diagnosis);
      assert.ok(inForce.length > 10);
      for (const item of inForce) {
        const mine = people.filter((p) =>
          p.diagnoses.some((d) => d.item === item.number && d.section === item.sectionNumber),
        );
        assert.equal(mine.length, demoCount(file, region, item.diagnosis?.icd10 ?? []));
        for (const p of mine) {
          const ages = [ageOn(p.birthDate, from), ageOn(p.birthDate, addDays(from, 365))];
          if (item.population?.age === 'children')
            assert.ok(
              ages.every((a) => a < 18),
              `${a(ages)}`,
            );
          if (item.population?.age === 'adults')
            assert.ok(
              ages.every((a) => a >= 18),
              `${a(ages)}`,
            );
          const d = p.diagnoses[0];
          assert.ok(d && d.registeredFrom < from);
          const needs = item.indication?.conditions.includes('commission_decision') ?? false;
          assert.equal(d.commission !== null, needs && item.products.some((x) => x.inn !== null));
        }
      }
    });
  }

  it('gives every person a valid IIN of their own birth date and sex, unique across regions', () => {
    const taken = new Set<string>();
    const random = seeded(1);
    const people = ['KZ-27', 'KZ-35'].flatMap((region) => {
      const r = registry.region(region);
      assert.ok(r);
      return planPopulation({
        file,
        region,
        items: catalogFor(registry, r, from).items,
        from,
        random,
        taken,
      });
    });
    assert.equal(new Set(people.map((p) => p.iin)).size, people.length);
    for (const p of people) {
      const decoded = decodeIin(p.iin);
      assert.ok(decoded.ok);
      assert.equal(decoded.value.birthDate, p.birthDate);
      assert.equal(decoded.value.sex, p.sex);
    }
  });

  it('is the same for the same seed, and differs for another', () => {
    assert.deepEqual(plan('KZ-35', 3).people, plan('KZ-35', 3).people);
    assert.notDeepEqual(plan('KZ-35', 3).people, plan('KZ-35', 4).people);
  });
});

const a = (ages: number[]) => `ages ${ages.join(', ')}`;
