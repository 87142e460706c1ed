import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Disease } from '../domain/diseases.ts';
import type { FormularyName } from '../domain/formulary.ts';
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
  { kk: 'Эпилепсия', ru: 'Эпилепсия', en: 'Epilepsy', icd10: ['G40'], confidence: 'high' },
  { kk: 'Қант диабеті', ru: 'Сахарный диабет', en: 'Diabetes', icd10: ['E10'], confidence: 'high' },
] as unknown as Disease[];
const vocabulary = new IngestVocabulary({ medicines, diseases });

const row = (
  name: string,
  kind: 'inn' | 'trade',
  innRu: string,
  atc: string[],
  table = 'formulary',
) => ({ name, kind, innRu, atc, table }) as FormularyName;
/** Rows as reference/formulary/names.csv gives them (the names are real, the selection is the test's). */
const formulary = [
  row('Леветирацетам', 'inn', 'Леветирацетам', ['N03AX14']),
  row('Кеппра', 'trade', 'Леветирацетам', ['N03AX14']),
  row('Колистиметат натрия', 'inn', 'Колистин (Колистиметат натрия)', ['J01XB01']),
  row('Тобрамицин', 'inn', 'Тобрамицин', ['J01GB01', 'S01AA12'], 'formulary+orphan'),
  // A name the vocabulary also has: the vocabulary answers first.
  row('Преднизолон', 'inn', 'Преднизолон', ['H02AB06']),
  // One trade name under two substances of different codes: ambiguous.
  row('Кандид', 'trade', 'Клотримазол', ['A01AB18']),
  row('Кандид', 'trade', 'Миконазол', ['A01AB09']),
];
const withFormulary = new IngestVocabulary({ medicines, diseases, formulary });

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

describe('diagnoses in other case forms', () => {
  it('reads "эпилепсией" and "сахарным диабетом" as their vocabulary wordings, saying so', () => {
    assert.deepEqual(
      ['эпилепсией', 'сахарным диабетом', 'Қант диабетімен'].map((t) => {
        const m = vocabulary.diagnosis(t, t.startsWith('Қ') ? 'kk' : 'ru');
        return [m?.disease.icd10[0], m?.form];
      }),
      [
        ['G40', 'case-form'],
        ['E10', 'case-form'],
        ['E10', 'case-form'],
      ],
    );
    assert.equal(vocabulary.diagnosis('Эпилепсия')?.form, 'exact');
  });

  it('never reads extra or other words as a known wording', () => {
    assert.equal(vocabulary.diagnosis('несахарным диабетом', 'ru'), null);
    assert.equal(vocabulary.diagnosis('эпилепсией и диабетом', 'ru'), null);
  });
});

describe('medicine names: the vocabulary, then the national tables (third-party)', () => {
  const resolve = (name: string, lang: 'kk' | 'ru' = 'kk') => {
    const r = withFormulary.resolveName(name, lang);
    if (!r) return null;
    return r.source === 'vocabulary'
      ? [r.source, r.form, r.medicine.inn]
      : [r.source, r.form, r.entry.innRu, r.atc.join(' ')];
  };

  it('answers from the vocabulary first, even when the tables know the name too', () => {
    assert.deepEqual(resolve('Преднизолон'), ['vocabulary', 'exact', 'prednisolone']);
    assert.deepEqual(resolve('Тенофовира алафенамид', 'ru'), [
      'vocabulary',
      'case-form',
      'tenofovir alafenamide',
    ]);
  });

  it('resolves INNs and trade names the vocabulary lacks through the tables, with their ATC codes', () => {
    assert.deepEqual(resolve('Леветирацетам'), [
      'national-formulary (third-party)',
      'exact',
      'Леветирацетам',
      'N03AX14',
    ]);
    assert.deepEqual(resolve('«Кеппра»'), [
      'national-formulary (third-party)',
      'exact',
      'Леветирацетам',
      'N03AX14',
    ]);
    assert.deepEqual(resolve('Леветирацетаммен'), [
      'national-formulary (third-party)',
      'case-form',
      'Леветирацетам',
      'N03AX14',
    ]);
    assert.deepEqual(resolve('Колистиметат'), [
      'national-formulary (third-party)',
      'without-salt',
      'Колистин (Колистиметат натрия)',
      'J01XB01',
    ]);
    assert.deepEqual(resolve('Тобрамицин'), [
      'national-formulary (third-party)',
      'exact',
      'Тобрамицин',
      'J01GB01 S01AA12',
    ]);
  });

  it('leaves unknown and ambiguous names unresolved', () => {
    assert.equal(resolve('Имукин'), null);
    assert.equal(resolve('интерферон гамма-1 рекомбинанттық'), null);
    assert.equal(resolve('Кандид'), null);
    assert.equal(vocabulary.resolveName('Леветирацетам'), null, 'no tables, no answer');
  });
});
