import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoDate } from './date.ts';
import { parameterOn, ProvisionFile, provisionTable } from './provision.ts';

const entry = (from: string, value: number | string, status = 'default') => ({
  from,
  value,
  status,
  source: 'test source',
});
const days = (value: number) => [entry('2021-08-20', value)];
const file = (
  region: string,
  continuous = [entry('2021-08-20', 30), entry('2023-07-11', 90, 'reported')],
) =>
  ProvisionFile.parse({
    kind: 'provision',
    region,
    parameters: {
      validityDays: days(30),
      maxSupplyDays: [entry('2021-08-20', 30), entry('2025-01-01', 60, 'law')],
      maxSupplyDaysContinuous: continuous,
      renewalWindowDays: days(7),
      renewalWindowShortDays: days(3),
      renewalShortSupplyBelowDays: days(21),
      deferredDueWorkingDays: days(10),
      deferredUrgentDueWorkingDays: days(3),
      excludedItemPolicy: [entry('2021-08-20', 'honour_until_expiry')],
    },
  });

describe('parameterOn', () => {
  const table = provisionTable([file('KZ-27')]);

  it('gives the value in force on each side of an effective date, with its source and status', () => {
    const before = parameterOn(table, 'KZ-27', 'maxSupplyDaysContinuous', isoDate('2023-07-10'));
    const on = parameterOn(table, 'KZ-27', 'maxSupplyDaysContinuous', isoDate('2023-07-11'));
    assert.ok(before.ok && on.ok);
    assert.deepEqual(
      [before.entry.value, before.entry.status, before.isLaw],
      [30, 'default', false],
    );
    assert.deepEqual([on.entry.value, on.entry.status, on.isLaw], [90, 'reported', false]);
    assert.equal(on.entry.source, 'test source');
  });

  it('says when a value is law', () => {
    const law = parameterOn(table, 'KZ-27', 'maxSupplyDays', isoDate('2025-01-01'));
    const day = parameterOn(table, 'KZ-27', 'maxSupplyDays', isoDate('2024-12-31'));
    assert.ok(law.ok && day.ok);
    assert.deepEqual([law.entry.value, law.isLaw], [60, true]);
    assert.deepEqual([day.entry.value, day.isLaw], [30, false]);
  });

  it('has no value before the first entry, and none for a region without a file', () => {
    const early = parameterOn(table, 'KZ-27', 'validityDays', isoDate('2021-08-19'));
    assert.deepEqual(early.ok ? null : early.code, 'before_first_value');
    const other = parameterOn(table, 'KZ-35', 'validityDays', isoDate('2024-01-01'));
    assert.deepEqual(other.ok ? null : other.code, 'region_unknown');
  });

  it('refuses entries out of date order, naming the entry', () => {
    const result = ProvisionFile.safeParse({
      ...file('KZ-27'),
      parameters: {
        ...file('KZ-27').parameters,
        maxSupplyDaysContinuous: [entry('2023-07-11', 90), entry('2023-07-11', 30)],
      },
    });
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues[0]?.path, [
      'parameters',
      'maxSupplyDaysContinuous',
      1,
      'from',
    ]);
  });

  it('refuses a missing parameter and a value of the wrong type', () => {
    const rest: Record<string, unknown> = { ...file('KZ-27').parameters };
    delete rest.validityDays;
    assert.equal(ProvisionFile.safeParse({ ...file('KZ-27'), parameters: rest }).success, false);
    const wrong = ProvisionFile.safeParse({
      ...file('KZ-27'),
      parameters: {
        ...file('KZ-27').parameters,
        excludedItemPolicy: [entry('2021-08-20', 'always')],
      },
    });
    assert.deepEqual(wrong.error?.issues[0]?.path, [
      'parameters',
      'excludedItemPolicy',
      0,
      'value',
    ]);
  });
});
