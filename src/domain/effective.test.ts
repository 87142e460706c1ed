import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoDate } from './date.ts';
import { applyRule, effectiveDateOf, isInForceOn, laterOf, type Effective } from './effective.ts';

const d = isoDate;
const timing = (over: Partial<Parameters<typeof effectiveDateOf>[0]>) => ({
  adopted: d('2025-09-11'),
  registration: null,
  publications: [],
  entryIntoForce: null,
  inForceBy: [],
  ...over,
});
const source = { act: 'KZ-35.maslikhat.2021-02-25.34' as never };

describe('entry into force', () => {
  it('applies each rule to a known publication day', () => {
    const published = d('2021-03-01');
    assert.equal(applyRule({ kind: 'on_publication' }, published), '2021-03-01');
    // Ten full calendar days after 1 March are 2–11 March: in force on 12 March.
    assert.equal(
      applyRule({ kind: 'after_publication', calendarDays: 10 }, published),
      '2021-03-12',
    );
    assert.equal(applyRule({ kind: 'after_publication' }, published), '2021-03-02');
    assert.equal(applyRule({ kind: 'fixed_date', date: d('2026-01-01') }, published), '2026-01-01');
  });

  it('computes a known date from the first publication', () => {
    const effective = effectiveDateOf(
      timing({
        entryIntoForce: {
          rule: { kind: 'after_publication', calendarDays: 10 },
          wording: { kk: 'x' },
          source,
        },
        publications: [
          { medium: 'etalon_bank', date: d('2025-09-20') },
          { medium: 'newspaper', date: d('2025-09-18'), name: 'Орталық Қазақстан' },
        ],
      }),
    );
    assert.deepEqual(effective, { kind: 'known', date: '2025-09-29', basis: 'publication' });
  });

  it('gives a window when the publication day is unknown', () => {
    const effective = effectiveDateOf(
      timing({
        entryIntoForce: {
          rule: { kind: 'after_publication', calendarDays: 10 },
          wording: { kk: 'x' },
          source,
        },
        inForceBy: [
          { date: d('2026-11-22'), basis: { kk: 'x', ru: 'x', en: 'consolidated text' } },
          { date: d('2026-06-01'), basis: { kk: 'x', ru: 'x', en: 'a later act applied it' } },
        ],
      }),
    );
    assert.equal(effective.kind, 'window');
    if (effective.kind === 'window') {
      assert.equal(effective.earliest, '2025-09-22');
      assert.equal(effective.latest, '2026-06-01');
    }
  });

  it('starts the window at state registration when that follows adoption', () => {
    const effective = effectiveDateOf(
      timing({
        adopted: d('2020-09-30'),
        registration: { number: '6407', date: d('2020-10-02'), body: null },
        entryIntoForce: { rule: { kind: 'on_publication' }, wording: { kk: 'x' }, source },
      }),
    );
    assert.equal(effective.kind === 'window' && effective.earliest, '2020-10-02');
  });

  it('prefers an officially stated date', () => {
    const effective = effectiveDateOf(
      timing({
        entryIntoForce: {
          rule: { kind: 'after_publication' },
          wording: { kk: 'x' },
          source,
          statedDate: { date: d('2026-01-01'), source },
        },
      }),
    );
    assert.deepEqual(effective, { kind: 'known', date: '2026-01-01', basis: 'stated_date' });
  });

  it('answers yes, no or unknown on both sides of a window', () => {
    const window: Effective = {
      kind: 'window',
      earliest: d('2025-09-22'),
      latest: d('2026-11-22'),
      reason: 'r',
    };
    assert.equal(isInForceOn(window, d('2025-09-21')), 'no');
    assert.equal(isInForceOn(window, d('2025-09-22')), 'unknown');
    assert.equal(isInForceOn(window, d('2026-11-21')), 'unknown');
    assert.equal(isInForceOn(window, d('2026-11-22')), 'yes');
    const known: Effective = { kind: 'known', date: d('2026-01-01'), basis: 'stated_date' };
    assert.equal(isInForceOn(known, d('2025-12-31')), 'no');
    assert.equal(isInForceOn(known, d('2026-01-01')), 'yes');
  });

  it('combines the parts of a consolidated text', () => {
    const known: Effective = { kind: 'known', date: d('2026-01-01'), basis: 'stated_date' };
    const closedBefore: Effective = {
      kind: 'window',
      earliest: d('2024-10-25'),
      latest: d('2026-01-01'),
      reason: 'r',
    };
    assert.deepEqual(laterOf(closedBefore, known), known);
    const open: Effective = {
      kind: 'window',
      earliest: d('2024-10-25'),
      latest: null,
      reason: 'r',
    };
    assert.deepEqual(laterOf(open, known), {
      kind: 'window',
      earliest: '2026-01-01',
      latest: null,
      reason: 'r',
    });
    const later: Effective = {
      kind: 'window',
      earliest: d('2026-02-01'),
      latest: d('2026-11-22'),
      reason: 'r',
    };
    assert.deepEqual(laterOf(known, later), {
      kind: 'window',
      earliest: '2026-02-01',
      latest: '2026-11-22',
      reason: 'r',
    });
  });
});
