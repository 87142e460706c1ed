import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoDate } from '../domain/date.ts';
import type { EntitledProduct } from '../domain/engine.ts';
import {
  matchingProduct,
  productKey,
  registerStep,
  statusOn,
  supplyConflict,
  supplyEnd,
  validityWindow,
  type SupplyPeriod,
} from './prescribing.ts';

const d = isoDate;
const window = { days: 7, shortDays: 3, shortSupplyBelowDays: 21 };
const period = (issuedOn: string, days: number): SupplyPeriod => ({
  number: 'KZ-27-2026-000001',
  issuedOn: d(issuedOn),
  supplyTo: supplyEnd(d(issuedOn), days),
  daysOfSupply: days,
});
const next = (issuedOn: string, days: number) => ({
  issuedOn: d(issuedOn),
  supplyTo: supplyEnd(d(issuedOn), days),
});
const product = (inn: string | null, en: string): EntitledProduct => ({
  kind: inn ? 'medicine' : 'device',
  inn,
  atc: null,
  name: { kk: `${en} kk`, ru: `${en} ru`, en },
  form: null,
  innAbsent: null,
});

describe('prescribing rules', () => {
  it('counts validity and supply with both ends included', () => {
    assert.deepEqual(validityWindow(d('2026-01-31'), 30), {
      validFrom: '2026-01-31',
      validTo: '2026-03-01',
    });
    assert.equal(supplyEnd(d('2026-01-01'), 30), '2026-01-30');
  });

  it('matches a product by INN in any case, and one without an INN by its name', () => {
    const products = [product('eplerenone', 'eplerenone'), product(null, 'Bandage X')];
    assert.equal(matchingProduct(products, { inn: 'EPLERENONE', name: null }), products[0]);
    assert.equal(matchingProduct(products, { inn: null, name: 'bandage x' }), products[1]);
    assert.equal(matchingProduct(products, { inn: 'bandage x', name: null }), null);
    assert.equal(productKey({ inn: null, name: ' Bandage X ' }), 'bandage x');
  });

  it('refuses an overlapping supply, and allows a renewal from 7 days before the previous supply ends', () => {
    const previous = [period('2026-01-01', 30)]; // supply to 2026-01-30
    assert.equal(
      supplyConflict(previous, next('2026-01-23', 30), window)?.renewalFrom,
      '2026-01-24',
    );
    assert.equal(supplyConflict(previous, next('2026-01-24', 30), window), null);
    assert.equal(supplyConflict(previous, next('2026-01-31', 30), window), null);
  });

  it('gives a supply shorter than 21 days a 3-day window', () => {
    const previous = [period('2026-01-01', 20)]; // supply to 2026-01-20
    assert.ok(supplyConflict(previous, next('2026-01-17', 20), window));
    assert.equal(supplyConflict(previous, next('2026-01-18', 20), window), null);
    // 21 days is not shorter than 21: the 7-day window (supply to 2026-01-21, renewal from the 15th).
    assert.equal(supplyConflict([period('2026-01-01', 21)], next('2026-01-15', 20), window), null);
    assert.ok(supplyConflict([period('2026-01-01', 21)], next('2026-01-14', 20), window));
  });

  it('refuses a supply that ends inside a later one (a back-dated issue is no renewal)', () => {
    assert.ok(supplyConflict([period('2026-02-01', 30)], next('2026-01-20', 30), window));
    assert.equal(supplyConflict([period('2026-02-01', 30)], next('2026-01-01', 30), window), null);
  });

  it('says what to record on the register for each unmet condition', () => {
    assert.equal(
      registerStep('commission_decision', 'G80.1', 'botulinum toxin type a'),
      'record a commission decision naming botulinum toxin type a for G80.1 first',
    );
    assert.equal(
      registerStep('dispensary_registration', 'K90.0', 'x'),
      'register the patient for K90.0 first',
    );
    assert.match(registerStep('diagnosis_confirmation', 'I50.0', 'x'), /confirm the diagnosis/);
  });

  it('shows an active prescription as expired from the day after its validity ends', () => {
    assert.equal(statusOn('active', d('2026-01-30'), d('2026-01-30')), 'active');
    assert.equal(statusOn('active', d('2026-01-30'), d('2026-01-31')), 'expired');
    assert.equal(statusOn('cancelled', d('2026-01-30'), d('2026-02-28')), 'cancelled');
  });
});
