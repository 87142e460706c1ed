/**
 * Property over the whole registry (docs/adr/0004): an item never answers `entitled` for a
 * code broader than its words, an alternative code, or words that require more than any
 * code says, unless the clinician confirmed the diagnosis — whatever the age, date, other
 * facts and spelling of the code.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addDays, isoDate } from '../src/domain/date.ts';
import { Engine } from '../src/domain/engine.ts';
import { resolvePatient } from '../src/domain/patient.ts';
import { readDataDir } from '../src/registry/load-files.ts';
import { buildRegistry } from '../src/registry/build.ts';

const { registry, issues } = buildRegistry(readDataDir());
assert.deepEqual(issues, []);
const engine = new Engine(registry);

/** Every scope entry of every in-force item: region, code, whether it needs confirmation. */
const entries = registry.versions.flatMap((v) =>
  v.list.sections.flatMap((s) =>
    s.items.flatMap((item) =>
      item.status === 'in_force'
        ? (item.diagnosis.scope ?? []).map((scope) => ({
            region: v.list.region,
            code: scope.code,
            guarded: scope.relation === 'broader' || scope.relation === 'alternative',
            requires: item.diagnosis.requires !== undefined,
          }))
        : [],
    ),
  ),
);
const guarded = entries.filter((e) => e.guarded || e.requires);

test('the registry has codes that need confirmation, so the property is not vacuous', () => {
  assert.ok(guarded.length > 0);
});

const facts = fc.record({
  entry: fc.constantFrom(...entries),
  subcode: fc.option(fc.integer({ min: 0, max: 9 })),
  age: fc.integer({ min: 0, max: 100 }),
  days: fc.integer({ min: -800, max: 800 }),
  registered: fc.option(fc.boolean()),
  verified: fc.boolean(),
  commission: fc.boolean(),
  confirmed: fc.boolean(),
  citizenship: fc.option(fc.constantFrom('KZ', 'other', 'unknown')),
  servedIn: fc.option(fc.constantFrom('KZ-27', 'KZ-35', 'unknown')),
});

test('no answer is entitled on a code needing confirmation unless the diagnosis was confirmed', () => {
  let checked = 0;
  fc.assert(
    fc.property(facts, (f) => {
      const code =
        f.subcode !== null && !f.entry.code.includes('.')
          ? `${f.entry.code}.${f.subcode}`
          : f.entry.code;
      const resolved = resolvePatient(
        {
          region: f.entry.region,
          date: addDays(isoDate('2026-01-01'), f.days),
          age: f.age,
          ...(f.citizenship === null ? {} : { citizenship: f.citizenship }),
          ...(f.servedIn === null ? {} : { servedIn: f.servedIn }),
          diagnoses: [
            {
              code,
              verified: f.verified,
              commission: f.commission,
              confirmed: f.confirmed,
              ...(f.registered === null ? {} : { registered: f.registered }),
            },
          ],
        },
        (key) => registry.region(key),
      );
      assert.ok(resolved.ok);
      for (const e of engine.evaluate(resolved.patient).entitlements) {
        const needs =
          e.diagnosis.scope.relation === 'broader' ||
          e.diagnosis.scope.relation === 'alternative' ||
          e.diagnosis.requires !== null;
        if (!needs) continue;
        checked++;
        if (!f.confirmed) assert.notEqual(e.status, 'entitled', e.explanation.en);
        if (e.status === 'conditional' && !f.confirmed) {
          assert.ok(e.unmet.includes('diagnosis_confirmation'), e.explanation.en);
        }
      }
    }),
    { numRuns: 3000, seed: 20261129 },
  );
  assert.ok(checked > 0, 'some answers needed confirmation');
});

test('a patient outside the beneficiaries is never entitled', () => {
  fc.assert(
    fc.property(facts, (f) => {
      const resolved = resolvePatient(
        {
          region: f.entry.region,
          date: '2026-11-24',
          age: f.age,
          citizenship: 'other',
          diagnoses: [{ code: f.entry.code, confirmed: true, commission: true, verified: true }],
        },
        (key) => registry.region(key),
      );
      assert.ok(resolved.ok);
      for (const e of engine.evaluate(resolved.patient).entitlements) {
        assert.equal(e.status, 'not_entitled', e.explanation.en);
      }
    }),
    { numRuns: 500, seed: 7 },
  );
});
