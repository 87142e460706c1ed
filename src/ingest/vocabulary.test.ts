import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Disease } from '../domain/diseases.ts';
import type { Medicine } from '../domain/vocabulary.ts';
import { IngestVocabulary, keyOf } from './vocabulary.ts';

const medicines = [
  { inn: 'prednisolone', ru: 'Преднизолон', atc: ['H02AB06'], confidence: 'high' },
  { inn: 'methylprednisolone', ru: 'Метилпреднизолон', atc: ['H02AB04'], confidence: 'high' },
  { inn: 'tenofovir disoproxil', ru: 'Тенофовир', atc: ['J05AF07'], confidence: 'high' },
  {
    inn: 'tenofovir alafenamide',
    ru: 'Тенофовир алафенамид',
    atc: ['J05AF13'],
    confidence: 'high',
  },
  {
    inn: 'sacubitril + valsartan',
    ru: 'Сакубитрил+Валсартан',
    atc: ['C09DX04'],
    confidence: 'high',
  },
  {
    inn: 'c1 esterase inhibitor, human',
    ru: 'С1 эстеразы ингибитор',
    atc: ['B06AC01'],
    confidence: 'high',
    aliases: [{ name: 'С1 эстераза тежегіші', kind: 'kk' }],
  },
  {
    inn: 'teriparatide',
    ru: 'Терипаратид',
    atc: ['H05AA02'],
    confidence: 'high',
    aliases: [{ name: 'Терипаротид', kind: 'misspelling', note: 'a typo' }],
  },
] as unknown as Medicine[];
const diseases = [
  {
    kk: 'Жүйелі қызыл жегі',
    ru: 'Системная красная волчанка',
    en: 'SLE',
    icd10: ['M32'],
    confidence: 'high',
  },
] as unknown as Disease[];
const vocabulary = new IngestVocabulary({ medicines, diseases });

describe('the importer vocabulary', () => {
  it('folds case, Kazakh letters, Latin look-alikes and spacing', () => {
    assert.equal(keyOf('ЖҮЙЕЛІ  қызыл жегі'), keyOf('жуиели кызыл жеги'));
    assert.equal(
      vocabulary.product('C1 эстераза тежегіші')?.medicine.inn,
      'c1 esterase inhibitor, human',
    );
    assert.equal(vocabulary.diagnosis('Жүйелі қызыл жегі;')?.disease.icd10[0], 'M32');
    assert.equal(vocabulary.diagnosis('Системная красная волчанка')?.matchedBy, 'ru');
  });

  it('codes whole wordings only, and suggests the known part of others', () => {
    assert.equal(vocabulary.diagnosis('Жүйелі қызыл жегі нефритпен'), null);
    assert.deepEqual(
      vocabulary.suggestDiagnoses('Жүйелі қызыл жегі нефритпен').map((d) => d.kk),
      ['Жүйелі қызыл жегі'],
    );
  });

  it('scans a cell for names at word boundaries, longest first', () => {
    const found = vocabulary.scanProducts(
      'Преднизолон таблеткасы, Метилпреднизолон таблеткасы, Тенофовир таблеткалар, Тенофовир Алафенамид, Сакубитрил+ Валсартан',
    );
    assert.deepEqual(
      found.map((m) => m.medicine.inn),
      [
        'prednisolone',
        'methylprednisolone',
        'tenofovir disoproxil',
        'tenofovir alafenamide',
        'sacubitril + valsartan',
      ],
    );
  });

  it('reports a recorded misspelling as such', () => {
    assert.equal(vocabulary.product('Терипаротид')?.matchedBy, 'misspelling');
  });
});
