import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Icd10Code } from '../domain/codes.ts';
import type { Diagnosis } from '../domain/list.ts';
import { checkScope } from './validate.ts';

const text = { kk: 'Гоше ауруы', ru: 'Болезнь Гоше', en: 'Gaucher disease' };
const entry = (code: string, relation: 'exact' | 'part' | 'broader' | 'alternative') => ({
  code: code as Icd10Code,
  relation,
  title: 'Other sphingolipidosis',
  rationale: 'why',
});
function problems(diagnosis: Diagnosis): string[] {
  const found: string[] = [];
  checkScope(diagnosis, ['d'], (code, path, message) =>
    found.push(`${code} ${path.join('.')} ${message}`),
  );
  return found;
}
const base = (scope?: Diagnosis['scope']): Diagnosis => ({
  text,
  icd10: ['E75.2' as Icd10Code],
  mapping: { confidence: 'high', alternatives: ['E75.5' as Icd10Code] },
  ...(scope ? { scope } : {}),
});

test('a scope giving each code and alternative once passes', () => {
  assert.deepEqual(problems(base([entry('E75.2', 'broader'), entry('E75.5', 'alternative')])), []);
});

test('a missing scope is a problem', () => {
  assert.match(problems(base())[0] ?? '', /^DATA_SCOPE d\.scope no scope/);
});

test('a code without an entry, a duplicate and a stranger are problems', () => {
  assert.deepEqual(
    problems(base([entry('E75.2', 'exact'), entry('E75.2', 'exact'), entry('E76', 'part')])),
    [
      'DATA_SCOPE d.scope.1.code E75.2 appears twice',
      'DATA_SCOPE d.scope.2.code E76 is neither in icd10 nor among the alternatives',
      'DATA_SCOPE d.scope E75.5 has no scope entry',
    ],
  );
});

test('an alternative must be related as alternative, and a listed code must not', () => {
  assert.deepEqual(problems(base([entry('E75.2', 'alternative'), entry('E75.5', 'exact')])), [
    'DATA_SCOPE d.scope.0.relation E75.2 is in icd10: "alternative" belongs to mapping.alternatives',
    'DATA_SCOPE d.scope.1.relation E75.5 is an alternative: its relation is "alternative"',
  ]);
});
