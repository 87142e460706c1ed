/**
 * The entitlement engine over random patients (fast-check): a warm engine, which has answered
 * thousands of patients before, answers exactly as a fresh one; and the engine agrees with the
 * same rules written for json-rules-engine (the benchmark's peer) on a seeded population.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Engine } from '../src/domain/engine.ts';
import {
  engineSummary,
  population,
  resolveAll,
  rulesEngine,
  rulesSummary,
  type Facts,
} from '../bench/engine.ts';
import { realData } from './support/fixture.ts';

const { registry } = realData();
const withLists = registry.regions.filter((r) => registry.listVersions(r.code).length > 0);
const listed = [
  ...new Set(
    registry.versions.flatMap((v) =>
      v.list.sections.flatMap((s) =>
        s.items.flatMap((i) => (i.status === 'in_force' ? i.diagnosis.icd10 : [])),
      ),
    ),
  ),
];

const code = fc.oneof(
  fc.constantFrom(...listed),
  fc
    .tuple(fc.constantFrom(...listed), fc.integer({ min: 0, max: 9 }))
    .map(([c, d]) => (c.length === 3 ? `${c}.${d}` : c)),
  fc
    .tuple(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), fc.integer({ min: 0, max: 99 }))
    .map(([letter, n]) => `${letter}${String(n).padStart(2, '0')}`),
);
const day = fc
  .integer({ min: 0, max: 365 * 7 })
  .map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const patient: fc.Arbitrary<Facts> = fc.record({
  region: fc.constantFrom(...withLists.map((r) => r.code), ...registry.regions.map((r) => r.slug)),
  date: day,
  age: fc.integer({ min: 0, max: 110 }),
  diagnoses: fc.array(code, { minLength: 1, maxLength: 4 }),
  registered: fc.boolean(),
  commission: fc.boolean(),
  verified: fc.boolean(),
  confirmed: fc.boolean(),
});

describe('entitlement engine', () => {
  it('has lists and codes to draw patients from', () => {
    assert.ok(withLists.length > 0 && listed.length > 0);
  });

  it('answers warm exactly as fresh, for any patient', () => {
    const warm = new Engine(registry);
    for (const p of resolveAll(registry, population(registry, 3000, 11))) warm.evaluate(p);
    fc.assert(
      fc.property(patient, (facts) => {
        const [resolved] = resolveAll(registry, [facts]);
        assert.ok(resolved);
        assert.deepEqual(warm.evaluate(resolved), new Engine(registry).evaluate(resolved));
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with the json-rules-engine rules on 200 patients', async () => {
    const engine = new Engine(registry);
    const rules = rulesEngine(registry);
    const people = population(registry, 200, 5);
    const patients = resolveAll(registry, people);
    for (const [i, facts] of people.entries()) {
      const ours = engineSummary(engine, patients[i] as (typeof patients)[number]);
      assert.deepEqual(ours, await rulesSummary(rules, facts), JSON.stringify(facts));
    }
  });
});
