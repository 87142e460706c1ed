import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogFor, evaluateFor } from '../app/queries.ts';
import { isoDate } from '../domain/date.ts';
import { Engine } from '../domain/engine.ts';
import { deepFreeze } from '../domain/freeze.ts';
import { readDataDir } from '../registry/load-files.ts';
import { buildRegistry } from '../registry/build.ts';
import { toJson } from './json.ts';

describe('cached JSON serialisation', () => {
  it('is byte-identical to JSON.stringify on answers, twice in a row (cold and cached)', () => {
    const { registry } = buildRegistry(readDataDir());
    const engine = new Engine(registry);
    const answers: unknown[] = [];
    for (const [region, date, age, codes] of [
      ['KZ-27', '2026-11-24', 8, ['G80.1', 'M08.2']],
      ['KZ-27', '2025-12-31', 40, ['C92.0', 'Q39.3']],
      ['KZ-35', '2026-01-10', 17, ['M08', 'D61.0', 'X99']],
      ['KZ-71', '2026-11-24', 3, ['E84.0']],
    ] as const) {
      const r = evaluateFor(registry, engine, {
        region,
        date,
        age,
        diagnoses: codes.map((code) => ({ code, commission: ['venetoclax'] })),
      });
      assert.ok(r.ok);
      answers.push(r.result);
    }
    for (const code of ['KZ-27', 'KZ-35']) {
      const region = registry.region(code);
      assert.ok(region);
      answers.push(catalogFor(registry, region, isoDate('2026-11-24')));
    }
    for (const answer of answers) {
      assert.equal(toJson(answer), JSON.stringify(answer));
      assert.equal(toJson(answer), JSON.stringify(answer));
    }
  });

  it('follows JSON.stringify on the corner cases', () => {
    const value = deepFreeze({
      a: undefined,
      b: [undefined, () => 1, NaN, -0, 1e21],
      c: 'quote " \u2028',
      d: { toJSON: () => 'x' },
      e: null,
      f: true,
    });
    assert.equal(toJson(value), JSON.stringify(value));
  });
});
