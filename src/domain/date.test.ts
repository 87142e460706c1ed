import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, ageOn, dateProblem, isCalendarDate, isoDate, IsoDate } from './date.ts';

describe('calendar dates', () => {
  it('accepts real days and rejects impossible ones', () => {
    assert.equal(isCalendarDate('2024-02-29'), true);
    assert.equal(isCalendarDate('2025-02-29'), false);
    assert.equal(isCalendarDate('2025-13-01'), false);
    assert.equal(isCalendarDate('2025-04-31'), false);
    assert.equal(isCalendarDate('25-04-01'), false);
    assert.equal(isCalendarDate('2025-4-1'), false);
  });

  it('adds days across month and year ends', () => {
    assert.equal(addDays(isoDate('2025-12-31'), 1), '2026-01-01');
    assert.equal(addDays(isoDate('2024-02-28'), 1), '2024-02-29');
    assert.equal(addDays(isoDate('2025-09-11'), 11), '2025-09-22');
    assert.equal(addDays(isoDate('2026-03-01'), -1), '2026-02-28');
  });

  it('counts completed years, turning 18 on the birthday itself', () => {
    assert.equal(ageOn(isoDate('2008-11-24'), isoDate('2026-11-23')), 17);
    assert.equal(ageOn(isoDate('2008-11-24'), isoDate('2026-11-24')), 18);
    // Born on 29 February: a year completes on 1 March in common years.
    assert.equal(ageOn(isoDate('2008-02-29'), isoDate('2026-02-28')), 17);
    assert.equal(ageOn(isoDate('2008-02-29'), isoDate('2026-03-01')), 18);
  });

  it('computes without Date, so years 0000–0099 are not read as 1900–1999', () => {
    const early = (text: string) => text as IsoDate;
    assert.equal(addDays(early('0050-03-01'), -1), '0050-02-28');
    assert.equal(addDays(early('0004-03-01'), -1), '0004-02-29');
    assert.equal(addDays(early('0000-12-31'), 1), '0001-01-01');
    assert.equal(addDays(early('1900-03-01'), -1), '1900-02-28');
    assert.equal(addDays(early('2000-03-01'), -1), '2000-02-29');
    assert.equal(addDays(early('9999-12-30'), 1), '9999-12-31');
  });

  it('agrees with the calendar for every day of 1900–2100, forwards and back', () => {
    for (let day = Date.UTC(1900, 0, 1); day <= Date.UTC(2100, 11, 31); day += 86_400_000 * 37) {
      const date = new Date(day).toISOString().slice(0, 10) as IsoDate;
      const next = new Date(day + 86_400_000 * 400).toISOString().slice(0, 10);
      assert.equal(addDays(date, 400), next);
      assert.equal(addDays(isoDate(next), -400), date);
    }
  });

  it('refuses dates before 1900-01-01 as not plausible, naming the date', () => {
    for (const text of ['0000-01-01', '0099-12-31', '1899-12-31']) {
      assert.equal(IsoDate.safeParse(text).success, false, text);
      assert.equal(
        dateProblem(text),
        `"${text}" is not a plausible date: the earliest is 1900-01-01`,
      );
    }
    assert.equal(IsoDate.safeParse('1900-01-01').success, true);
    assert.equal(dateProblem('1900-01-01'), null);
    assert.equal(dateProblem('2025-02-29'), '"2025-02-29" is not a calendar date as YYYY-MM-DD');
  });
});
