import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ListFile } from '../domain/list.ts';
import { compareLists, normaliseWording } from './compare.ts';

function list(items: object[]): ListFile {
  return {
    act: 'KZ-35.maslikhat.2021-02-25.34',
    annex: '1',
    sections: [{ number: '1', items }],
  } as unknown as ListFile;
}

const item = {
  number: '1',
  status: 'in_force',
  diagnosis: { text: { kk: 'Бехчет ауруы' }, icd10: ['M35.2'] },
  population: { age: 'all', dispensaryRegistration: 'not_stated' },
  indication: { conditions: [] },
  products: [{ inn: 'azathioprine' }, { inn: null, innAbsent: 'not_applicable' }],
};

describe('comparison with the curated list', () => {
  it('counts an item exact when every compared field agrees', () => {
    const c = compareLists(
      list([item]),
      list([
        {
          ...item,
          diagnosis: { ...item.diagnosis, text: { kk: 'бехчет  ауруы' } },
          products: [{ inn: 'azathioprine' }],
        },
      ]),
    );
    assert.deepEqual([c.items, c.exact, c.accuracy, c.differences], [1, 1, 1, []]);
  });

  it('names each field that differs, and missing or extra items', () => {
    const other = {
      ...item,
      number: '1',
      diagnosis: { text: { kk: 'Бехчет ауруы' }, icd10: ['M35'] },
      products: [{ inn: 'methotrexate' }],
    };
    const c = compareLists(list([item, { ...item, number: '2' }]), list([other]));
    assert.deepEqual(
      c.differences.map((d) => `${d.item} ${d.field}`),
      ['1 icd10', '1 products', '2 presence'],
    );
    assert.equal(c.accuracy, 0);
  });

  it('normalises case and spacing around brackets', () => {
    assert.equal(
      normaliseWording('Жүйелі беріштену ( жүйелі склеродермия )'),
      'жүйелі беріштену (жүйелі склеродермия)',
    );
  });
});
