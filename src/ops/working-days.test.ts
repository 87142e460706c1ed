import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoDate } from '../domain/date.ts';
import { addWorkingDays, isWorkingDay, weekday } from './working-days.ts';

const d = isoDate;

describe('working days (Monday to Friday; public holidays are not known to tegin)', () => {
  it('knows the day of the week from the date alone', () => {
    // 2026-11-30 is a Monday; 2024-02-29 a Thursday; 2000-01-01 a Saturday.
    assert.equal(weekday(d('2026-11-30')), 1);
    assert.equal(weekday(d('2024-02-29')), 4);
    assert.equal(weekday(d('2000-01-01')), 6);
    assert.deepEqual(
      ['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07'].map((x) => isWorkingDay(d(x))),
      [true, false, false, true],
    );
  });

  it('counts from the day after: Friday + 1 and Saturday + 1 are both Monday', () => {
    assert.equal(addWorkingDays(d('2026-12-04'), 1), '2026-12-07');
    assert.equal(addWorkingDays(d('2026-12-05'), 1), '2026-12-07');
    assert.equal(addWorkingDays(d('2026-12-06'), 1), '2026-12-07');
    assert.equal(addWorkingDays(d('2026-12-02'), 3), '2026-12-07');
    assert.equal(addWorkingDays(d('2026-12-02'), 2), '2026-12-04');
  });

  it('makes ten working days two calendar weeks from a Monday, across a month end', () => {
    assert.equal(addWorkingDays(d('2026-11-30'), 10), '2026-12-14');
    assert.equal(addWorkingDays(d('2026-12-28'), 10), '2027-01-11');
  });

  it('counts straight through a public holiday it does not know (16 December, Independence Day)', () => {
    assert.equal(addWorkingDays(d('2026-12-15'), 1), '2026-12-16');
  });

  it('keeps the day for 0 and refuses a negative or fractional count', () => {
    assert.equal(addWorkingDays(d('2026-12-05'), 0), '2026-12-05');
    assert.throws(() => addWorkingDays(d('2026-12-05'), -1), /whole number/);
    assert.throws(() => addWorkingDays(d('2026-12-05'), 1.5), /whole number/);
  });
});
