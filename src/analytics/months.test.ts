import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoDate } from '../domain/date.ts';
import { monthsBefore } from './gaps.ts';
import { suppress } from './publish.ts';

describe('the window of a gap analysis', () => {
  it('goes back whole calendar months, to the last day of a shorter month', () => {
    assert.equal(monthsBefore(isoDate('2026-11-29'), 3), '2026-08-29');
    assert.equal(monthsBefore(isoDate('2026-05-31'), 3), '2026-02-28');
    assert.equal(monthsBefore(isoDate('2028-05-31'), 3), '2028-02-29');
    assert.equal(monthsBefore(isoDate('2027-01-15'), 1), '2026-12-15');
    assert.equal(monthsBefore(isoDate('2027-03-31'), 13), '2026-02-28');
  });
});

describe('small-cell suppression', () => {
  it('hides counts from 1 to threshold − 1, keeps zero and the rest', () => {
    assert.deepEqual(
      [0, 1, 4, 5, 120].map((n) => suppress(n, 5)),
      [0, null, null, 5, 120],
    );
  });
});
