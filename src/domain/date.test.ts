import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, ageOn, isCalendarDate, isoDate } from './date.ts';

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
});
