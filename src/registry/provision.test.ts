import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoDate } from '../domain/date.ts';
import { parameterOn, provisionTable } from '../domain/provision.ts';
import { readDataDir } from './load-files.ts';
import { buildRegistry } from './build.ts';

describe('provision parameter files', () => {
  const files = readDataDir();

  it('load without problems, and the data answers with its status and source', () => {
    const { registry, issues } = buildRegistry(files);
    assert.deepEqual(issues, []);
    const table = provisionTable(registry.provisions.map((p) => p.file));
    const validity = parameterOn(table, 'KZ-27', 'validityDays', isoDate('2026-11-24'));
    assert.ok(validity.ok);
    assert.equal(validity.entry.status, 'default');
    const before = parameterOn(table, 'KZ-35', 'maxSupplyDaysContinuous', isoDate('2023-07-10'));
    const after = parameterOn(table, 'KZ-35', 'maxSupplyDaysContinuous', isoDate('2023-07-11'));
    assert.ok(before.ok && after.ok);
    assert.deepEqual([before.entry.value, after.entry.value], [30, 90]);
    assert.match(after.entry.source, /No 129 of 11\.07\.2023/);
  });

  it('reports a file in the wrong place and a second file for the same region', () => {
    const original = files.find((f) => f.path === 'KZ-27/provision.yaml');
    assert.ok(original);
    const { issues } = buildRegistry([
      ...files,
      { path: 'KZ-35/lists/provision.yaml', text: original.text },
    ]);
    assert.deepEqual(
      issues.map((i) => [i.code, i.file]),
      [
        ['DATA_FILE_PLACE', 'KZ-35/lists/provision.yaml'],
        ['DATA_DUPLICATE', 'KZ-35/lists/provision.yaml'],
      ],
    );
  });
});
