/** The need arithmetic on hand-computed cases. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DosesFile, PacksFile, PricesFile } from '../domain/reference.ts';
import {
  consumptionLine,
  monthsObserved,
  morbidityLine,
  totalOf,
  type NeedReference,
  type PopulationLine,
} from './need.ts';
import { routeOfForm } from './route.ts';
import { convert } from './units.ts';

const source = { title: 't', publisher: 'p', edition: 'e', verified: false };
const applies = { from: '2025-01-01', to: null, basis: 'test' };
const doses = DosesFile.parse({
  kind: 'doses',
  source,
  applies,
  doses: [
    {
      inn: 'alpha',
      atc: 'A01AA01',
      route: 'O',
      basis: 'who_ddd',
      dose: { amount: 150, unit: 'mg' },
      confidence: 'high',
    },
    {
      inn: 'beta',
      atc: 'B01AA01',
      route: 'P',
      basis: 'who_ddd',
      dose: { amount: 20, unit: 'mcg' },
      confidence: 'high',
    },
    {
      inn: 'beta',
      atc: 'B01AA01',
      route: 'O',
      basis: 'who_ddd',
      dose: { amount: 1, unit: 'mg' },
      confidence: 'high',
    },
    {
      inn: 'gamma',
      atc: 'L01AA01',
      route: 'O',
      basis: 'who_ddd',
      dose: null,
      confidence: 'medium',
      note: 'no DDD',
    },
    {
      inn: 'delta',
      atc: 'D01AA01',
      route: 'O',
      basis: 'who_ddd',
      dose: { amount: 10, unit: 'mg' },
      confidence: 'high',
    },
    {
      inn: 'delta',
      atc: 'D01AA01',
      route: 'O',
      basis: 'prescribed',
      dose: { amount: 5, unit: 'mg' },
      confidence: 'high',
    },
  ],
});
const price = (
  inn: string,
  atc: string,
  row: number,
  route: 'O' | 'P',
  content: { amount: number; unit: 'mg' | 'mcg' | 'U' } | null,
  p: number,
) => ({
  inn,
  atc,
  row,
  name: inn,
  characteristic: 'c',
  unit: 'u',
  route,
  content,
  price: p,
});
const prices = PricesFile.parse({
  kind: 'prices',
  source,
  currency: 'KZT',
  applies,
  prices: [
    price('alpha', 'A01AA01', 1, 'O', { amount: 1, unit: 'mg' }, 2),
    price('beta', 'B01AA01', 2, 'P', { amount: 600, unit: 'mcg' }, 120_000),
    price('beta', 'B01AA01', 3, 'P', { amount: 300, unit: 'mcg' }, 30_000),
    price('delta', 'D01AA01', 4, 'O', { amount: 1000, unit: 'U' }, 5),
  ],
});
const packs = PacksFile.parse({
  kind: 'packs',
  source,
  packs: [
    {
      inn: 'alpha',
      atc: 'A01AA01',
      route: 'O',
      content: { amount: 50, unit: 'mg' },
      unitsPerPack: 100,
      source: 'label',
      confidence: 'high',
    },
  ],
});
const ref: NeedReference = {
  doses: [{ path: 'doses/d.yaml', file: doses }],
  prices: [{ path: 'prices/p.yaml', file: prices }],
  packs: [{ path: 'packs/k.yaml', file: packs }],
};
const line = (
  inn: string,
  atc: string,
  route: 'O' | 'P' | null,
  days: number,
  extra: Partial<PopulationLine> = {},
): PopulationLine => ({
  item: '1.1',
  act: 'KZ-00.maslikhat.2020-01-01.1',
  itemProducts: 1,
  product: { inn, atc, form: null },
  route,
  entitled: { patients: 2, patientDays: days },
  conditional: { patients: 0, patientDays: 0 },
  ...extra,
});

describe('the morbidity method', () => {
  it('two patients for 365 and 200 days at a DDD of 150 mg need 84,750 mg: 17 packs of 100 × 50 mg, 169,500 tenge at 2 per mg', () => {
    const m = morbidityLine(line('alpha', 'A01AA01', 'O', 565), ref);
    assert.ok(m.dose.ok && m.dose.basis === 'who_ddd' && m.dose.routeFrom === 'form');
    assert.deepEqual(m.entitled.units, { amount: 84_750, unit: 'mg' });
    // 84,750 ÷ (50 × 100) = 16.95 → 17 packs.
    assert.equal(m.entitled.packs, 17);
    assert.ok(m.entitled.cost.ok);
    assert.equal(m.entitled.cost.low, 169_500);
    assert.equal(m.entitled.cost.high, 169_500);
  });

  it('prices two pens of different content per mcg of the dose: a range, lowest to highest', () => {
    // 30 days × 20 mcg = 600 mcg; row 2: 200 per mcg → 120,000; row 3: 100 per mcg → 60,000.
    const m = morbidityLine(line('beta', 'B01AA01', 'P', 30), ref);
    assert.ok(m.entitled.cost.ok);
    assert.equal(m.entitled.cost.low, 60_000);
    assert.equal(m.entitled.cost.high, 120_000);
    assert.equal(m.entitled.packs, null, 'no pack size: packs unknown');
  });

  it('takes no route it cannot tell: the list states none and the dose source has two', () => {
    const m = morbidityLine(line('beta', 'B01AA01', null, 30), ref);
    assert.equal(m.dose.ok, false);
    assert.equal(m.entitled.units, null);
    assert.equal(m.entitled.cost.ok, false);
  });

  it('uses the only route the dose source has where the list states none, and says so', () => {
    const m = morbidityLine(line('alpha', 'A01AA01', null, 10), ref);
    assert.ok(m.dose.ok);
    assert.equal(m.dose.routeFrom, 'only_route');
  });

  it('prefers a prescribed dose to the WHO DDD, and cannot price mg with a price per unit of activity', () => {
    const m = morbidityLine(line('delta', 'D01AA01', 'O', 10), ref);
    assert.ok(m.dose.ok);
    assert.equal(m.dose.basis, 'prescribed');
    assert.deepEqual(m.entitled.units, { amount: 50, unit: 'mg' });
    assert.equal(m.entitled.cost.ok, false);
  });

  it('reports a dose the source declines to assign as missing with its reason', () => {
    const m = morbidityLine(line('gamma', 'L01AA01', 'O', 10), ref);
    assert.deepEqual(m.dose, { ok: false, reason: 'no DDD' });
  });

  it('totals add only known costs and count each line left out, never as zero', () => {
    const lines = [
      morbidityLine(line('alpha', 'A01AA01', 'O', 565), ref),
      morbidityLine(line('beta', 'B01AA01', 'P', 30), ref),
      morbidityLine(line('beta', 'B01AA01', 'P', 30, { itemProducts: 2 }), ref),
      morbidityLine(line('gamma', 'L01AA01', 'O', 10), ref),
      morbidityLine(line('delta', 'D01AA01', 'O', 10), ref),
    ];
    const total = totalOf(lines, 'entitled');
    assert.deepEqual(total.known, { low: 229_500, high: 289_500 });
    assert.equal(total.summed, 2);
    assert.deepEqual(total.leftOut, { noDose: 1, noPrice: 1, choice: 1 });
    assert.equal(total.patientsLeftOut, 6);
  });
});

describe('the consumption method', () => {
  it('120 packs in 12 months with 61 days out of stock: 120 ÷ (12 − 61 ÷ 30.4) ≈ 12.0 a month', () => {
    const c = consumptionLine(
      {
        item: '1.1',
        productKey: 'alpha',
        unit: 'pack',
        monthly: Array(12).fill(10),
        daysOutOfStock: 61,
      },
      12,
    );
    assert.equal(c.consumed, 120);
    const expected = 120 / (12 - 61 / 30.4);
    assert.ok(c.adjustedMonthly !== null && Math.abs(c.adjustedMonthly - expected) < 1e-9);
    assert.ok(c.annual !== null && Math.abs(c.annual - expected * 12) < 1e-9);
  });

  it('cannot adjust use when the product was out of stock the whole period', () => {
    const c = consumptionLine(
      {
        item: '1.1',
        productKey: 'alpha',
        unit: 'pack',
        monthly: Array(12).fill(0),
        daysOutOfStock: 366,
      },
      12,
    );
    assert.equal(c.adjustedMonthly, null);
    assert.ok(c.reason);
  });

  it('counts the months of a year observed so far', () => {
    assert.equal(monthsObserved(365, 365), 12);
    assert.equal(monthsObserved(183, 366), 6);
  });
});

describe('routes and units', () => {
  it('reads a route from a form, and none from a form naming two', () => {
    assert.equal(routeOfForm('film-coated tablets'), 'O');
    assert.equal(routeOfForm('solution for subcutaneous injection'), 'P');
    assert.equal(routeOfForm('film-coated tablets; solution for intravenous injection'), null);
    assert.equal(routeOfForm(null), null);
  });

  it('converts within mass and activity, never across', () => {
    assert.equal(convert({ amount: 1.4, unit: 'g' }, 'mg'), 1400);
    assert.equal(convert({ amount: 600, unit: 'mcg' }, 'mg'), 0.6);
    assert.equal(convert({ amount: 9.6, unit: 'MU' }, 'U'), 9_600_000);
    assert.equal(convert({ amount: 1, unit: 'mg' }, 'U'), null);
  });
});
