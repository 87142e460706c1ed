/**
 * Operational parameter scenarios (test/parameters/*.yaml): a sentence a
 * reviewer can check, a region, a date, a parameter and the expected value,
 * status and source — against the real data files.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { isoDate } from '../src/domain/date.ts';
import {
  parameterOn,
  PROVISION_PARAMETERS,
  provisionTable,
  type ParameterName,
} from '../src/domain/provision.ts';
import { readDataDir } from '../src/registry/load-files.ts';
import { buildRegistry } from '../src/registry/build.ts';

const Scenario = z.strictObject({
  name: z.string().min(10),
  region: z.string(),
  date: z.string(),
  parameter: z.enum(Object.keys(PROVISION_PARAMETERS) as [ParameterName, ...ParameterName[]]),
  expect: z.union([
    z.strictObject({
      value: z.union([z.number(), z.string()]),
      status: z.enum(['law', 'reported', 'default']),
      source: z.string().optional(),
    }),
    z.strictObject({ none: z.enum(['before_first_value', 'region_unknown']) }),
  ]),
});

const dir = fileURLToPath(new URL('./parameters/', import.meta.url));
const { registry } = buildRegistry(readDataDir());
const table = provisionTable(registry.provisions.map((p) => p.file));

for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
  describe(`parameters: ${file}`, () => {
    const scenarios = z.array(Scenario).parse(parse(readFileSync(dir + file, 'utf8')));
    for (const s of scenarios) {
      it(s.name, () => {
        const answer = parameterOn(table, s.region, s.parameter, isoDate(s.date));
        if ('none' in s.expect) {
          assert.deepEqual(answer.ok ? answer.entry : answer.code, s.expect.none);
          return;
        }
        assert.ok(answer.ok, answer.ok ? '' : answer.message);
        assert.deepEqual(
          [answer.entry.value, answer.entry.status],
          [s.expect.value, s.expect.status],
        );
        assert.equal(answer.isLaw, s.expect.status === 'law');
        if (s.expect.source)
          assert.ok(answer.entry.source.includes(s.expect.source), answer.entry.source);
      });
    }
  });
}
