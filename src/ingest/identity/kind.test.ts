/** The kind of a text: what makes a decision a list, and what does not. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify } from './kind.ts';

const decision = { selfType: 'decision', formula: 'maslikhat' } as const;

test('free travel to reach free medical care is not a list of medicines', () => {
  const { kind } = classify({
    ...decision,
    title: 'О предоставлении бесплатного проезда гражданам для получения медицинских услуг',
    operative:
      '1. Предоставить бесплатный проезд гражданам в рамках гарантированного объема бесплатной медицинской помощи.',
  });
  assert.equal(kind, 'other-maslikhat-decision');
});

test('a list decision whose first point is cut is read from its title', () => {
  const { kind, reason } = classify({
    ...decision,
    title:
      'Азаматтардың жекелеген санаттарына амбулаториялық емдеу кезінде тегін дәрілік заттарды қосымша беру туралы',
    operative:
      '1. Осы шешімнің қосымшасына сәйкес азаматтардың жекелеген санаттарына амбулаториялық е',
  });
  assert.equal(kind, 'list', reason);
});

test('a title about something else and a cut first point stay unknown, not a list', () => {
  const { kind } = classify({
    ...decision,
    title: 'Облыстық бюджет туралы',
    operative: '1. Облыстық бюджет',
  });
  assert.equal(kind, 'other-maslikhat-decision');
});
