/** The reference files are validated like the law: file, path, line and a stable code. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRegistry } from './build.ts';
import { readDataDir, readReferenceDir } from './load-files.ts';
import { buildReference } from './reference.ts';

const { registry } = buildRegistry(readDataDir());

const doses = (entry: string, path = 'doses/d.yaml') => ({
  path,
  text: `kind: doses
source: { title: t, publisher: p, edition: e, verified: false }
applies: { from: '2025-01-01', to: null, basis: b }
doses:
${entry}
`,
});

describe('reference data check', () => {
  it('passes the reference files of the repository', () => {
    const { issues, reference } = buildReference(readReferenceDir(), registry.medicines);
    assert.deepEqual(issues, []);
    assert.ok(reference.prices.length > 0 && reference.doses.length > 0);
  });

  it('names an INN the vocabulary lacks, and an ATC code it does not give the INN, with their lines', () => {
    const { issues } = buildReference(
      [
        doses(`  - { inn: no such inn, atc: L04AX01, route: O, basis: who_ddd, dose: { amount: 1, unit: mg }, confidence: high }
  - { inn: azathioprine, atc: L04AX03, route: O, basis: who_ddd, dose: { amount: 1, unit: mg }, confidence: high }`),
      ],
      registry.medicines,
    );
    assert.deepEqual(
      issues.map((i) => [i.code, i.file, i.line, i.path.join('.')]),
      [
        ['DATA_INN_UNKNOWN', 'doses/d.yaml', 5, 'doses.0.inn'],
        ['DATA_ATC_MISMATCH', 'doses/d.yaml', 6, 'doses.1.atc'],
      ],
    );
  });

  it('refuses a missing dose without a note, a file outside its folder, and a value given twice', () => {
    const entry = `  - { inn: azathioprine, atc: L04AX01, route: O, basis: who_ddd, dose: null, confidence: high }`;
    const schema = buildReference([doses(entry)], registry.medicines).issues;
    assert.deepEqual(
      schema.map((i) => [i.code, i.path.join('.')]),
      [['DATA_SCHEMA', 'doses.0.note']],
    );
    const twice = `  - { inn: azathioprine, atc: L04AX01, route: O, basis: who_ddd, dose: { amount: 1, unit: mg }, confidence: high }`;
    const placed = buildReference(
      [doses(`${twice}\n${twice}`, 'prices/d.yaml')],
      registry.medicines,
    );
    assert.deepEqual(
      placed.issues.map((i) => i.code),
      ['DATA_FILE_PLACE', 'DATA_DUPLICATE'],
    );
  });
});
