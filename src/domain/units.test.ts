import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoDate } from './date.ts';
import { basisPhrase } from './explain.ts';
import type { Region } from './region.ts';
import { placeIn, placeOf, unitsOf, unitsText } from './units.ts';

const POINTS = { section: 'point', item: 'sub_point' } as const;
const TABLE = { section: 'section', item: 'row' } as const;

describe('citation units', () => {
  it('names a sub-point of a point the way the amending acts do', () => {
    const units = unitsOf(POINTS, '1', '14');
    assert.deepEqual(units, [
      { kind: 'point', number: '1' },
      { kind: 'sub_point', number: '14' },
    ]);
    assert.deepEqual(unitsText(units), {
      kk: '1-тармақтың 14) тармақшасы',
      ru: 'подпункт 14) пункта 1',
      en: 'point 1, sub-point 14)',
    });
    assert.deepEqual(placeOf('1', units), {
      kk: '1-қосымшасының 1-тармағының 14) тармақшасы',
      ru: 'подпункт 14) пункта 1 приложения 1',
      en: 'sub-point 14) of point 1 of annex 1',
    });
  });

  it('cites an unnumbered item by its point only', () => {
    const units = unitsOf(POINTS, '2', null);
    assert.deepEqual(units, [{ kind: 'point', number: '2' }]);
    assert.deepEqual(placeIn('1', units), {
      kk: '1-қосымша, 2-тармақ',
      ru: 'приложение 1, пункт 2',
      en: 'annex 1, point 2',
    });
    assert.deepEqual(placeOf('1', units), {
      kk: '1-қосымшасының 2-тармағы',
      ru: 'пункт 2 приложения 1',
      en: 'point 2 of annex 1',
    });
  });

  it('names a table row by its serial number within its section', () => {
    const units = unitsOf(TABLE, '1', '5');
    assert.deepEqual(placeIn('1', units), {
      kk: '1-қосымша, 1-бөлімнің реттік нөмірі 5-жолы',
      ru: 'приложение 1, строка, порядковый номер 5, раздела 1',
      en: 'annex 1, section 1, row 5',
    });
    assert.deepEqual(placeOf('1', units), {
      kk: '1-қосымшасының 1-бөлімінің реттік нөмірі 5-жолы',
      ru: 'строка, порядковый номер 5, раздела 1 приложения 1',
      en: 'row 5 of section 1 of annex 1',
    });
  });

  it('puts the units into the basis of an explanation', () => {
    const region = {
      maslikhat: {
        kk: 'Қарағанды облыстық мәслихатының',
        ru: 'Карагандинского областного маслихата',
        en: 'Karaganda oblast maslikhat',
      },
    } as Region;
    const act = { adopted: isoDate('2021-02-25'), number: '34' };
    assert.deepEqual(basisPhrase(act, region, '1', unitsOf(POINTS, '1', '14')), {
      kk: 'Қарағанды облыстық мәслихатының 25.02.2021 № 34 шешімінің 1-қосымшасының 1-тармағының 14) тармақшасы',
      ru: 'подпункт 14) пункта 1 приложения 1 к решению Карагандинского областного маслихата от 25.02.2021 № 34',
      en: 'sub-point 14) of point 1 of annex 1 to the decision of the Karaganda oblast maslikhat No 34 of 25.02.2021',
    });
  });
});
