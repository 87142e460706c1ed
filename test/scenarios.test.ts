/**
 * Legal scenarios (test/scenarios/*.yaml), in the spirit of OpenFisca's YAML
 * tests: a sentence, a date, a patient, the expected outcome per item with its
 * status, unmet conditions, reason, products and citation. The expected
 * entitlements are the complete set: an extra or missing item fails.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { Engine } from '../src/domain/engine.ts';
import { resolvePatient } from '../src/domain/patient.ts';
import { readDataDir } from '../src/registry/load-files.ts';
import { buildRegistry } from '../src/registry/build.ts';

const Expected = z.strictObject({
  item: z.string().regex(/^\d+\.\d+$/),
  status: z.enum(['entitled', 'conditional', 'not_entitled', 'unknown']),
  unmet: z.array(z.string()).optional(),
  reason: z.string().optional(),
  /** INNs in order; '-' for a product without one. */
  products: z.array(z.string()).optional(),
  /** A fragment of the English citation. */
  basis: z.string().optional(),
  /** A fragment of the English explanation. */
  explanation: z.string().optional(),
});

const Scenario = z.strictObject({
  name: z.string().min(10),
  region: z.string(),
  date: z.string(),
  patient: z.record(z.string(), z.unknown()),
  expect: z
    .strictObject({
      coverage: z.enum(['covered', 'uncertain', 'not_covered', 'no_list']).optional(),
      entitlements: z.array(Expected),
      unmatched: z.array(z.string()).optional(),
      /** The facts the answer assumed, exactly (citizenship, served_in, dispensary_registration). */
      assumptions: z.array(z.string()).optional(),
      warnings: z.array(z.string()).optional(),
    })
    .optional(),
  error: z.strictObject({ code: z.string(), path: z.string(), message: z.string() }).optional(),
});

const dir = fileURLToPath(new URL('./scenarios/', import.meta.url));
const { registry, issues } = buildRegistry(readDataDir());
assert.deepEqual(issues, []);
const engine = new Engine(registry);

for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()) {
  const scenarios = z.array(Scenario).parse(parse(readFileSync(dir + file, 'utf8')));
  describe(`scenarios/${file}`, () => {
    for (const scenario of scenarios) {
      it(scenario.name, () => {
        const resolved = resolvePatient(
          { ...scenario.patient, region: scenario.region, date: scenario.date },
          (key) => registry.region(key),
        );
        if (scenario.error) {
          assert.equal(resolved.ok, false, 'expected an error');
          if (resolved.ok) return;
          const issue = resolved.issues.find((i) => i.code === scenario.error?.code);
          assert.ok(
            issue,
            `expected ${scenario.error.code}, got ${JSON.stringify(resolved.issues)}`,
          );
          assert.equal(issue.path.join('.'), scenario.error.path);
          assert.ok(issue.message.includes(scenario.error.message), issue.message);
          return;
        }
        assert.ok(resolved.ok, JSON.stringify(!resolved.ok && resolved.issues));
        assert.ok(scenario.expect, 'a scenario expects an outcome or an error');
        const result = engine.evaluate(resolved.patient);
        const expect = scenario.expect;
        if (expect.coverage) assert.equal(result.coverage.status, expect.coverage);
        const actual = result.entitlements.map((e) => `${e.basis.section}.${e.item}`).sort();
        assert.deepEqual(actual, expect.entitlements.map((e) => e.item).sort(), 'items');
        for (const want of expect.entitlements) {
          const got = result.entitlements.find((e) => `${e.basis.section}.${e.item}` === want.item);
          assert.ok(got);
          assert.equal(got.status, want.status, `${want.item} status`);
          if (want.unmet) assert.deepEqual(got.unmet, want.unmet, `${want.item} unmet`);
          else if (want.status !== 'conditional') assert.deepEqual(got.unmet, []);
          if (want.reason) assert.equal(got.reason?.code, want.reason, `${want.item} reason`);
          if (want.products)
            assert.deepEqual(
              got.products.map((p) => p.inn ?? '-'),
              want.products,
            );
          if (want.basis) assert.ok(got.basis.text.en.includes(want.basis), got.basis.text.en);
          if (want.explanation) {
            assert.ok(got.explanation.en.includes(want.explanation), got.explanation.en);
          }
          for (const lang of ['kk', 'ru', 'en'] as const) {
            assert.ok(got.explanation[lang].length > 20, `${want.item} explanation in ${lang}`);
          }
        }
        if (expect.assumptions) {
          assert.deepEqual(
            result.assumptions.map((a) => a.fact),
            expect.assumptions,
          );
        }
        if (expect.unmatched) {
          assert.deepEqual(
            result.diagnoses.filter((d) => d.items === 0).map((d) => d.code),
            expect.unmatched,
          );
        }
        const warnings = [...resolved.warnings, ...result.warnings].map((w) => w.en);
        if (expect.warnings) {
          for (const fragment of expect.warnings) {
            assert.ok(
              warnings.some((w) => w.includes(fragment)),
              `warning "${fragment}" in ${JSON.stringify(warnings)}`,
            );
          }
          if (expect.warnings.length === 0) assert.deepEqual(warnings, []);
        }
      });
    }
  });
}
