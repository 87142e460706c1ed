/**
 * Real published texts of regions other than our seeds (excerpts; each
 * fixture's header names its source and what part is present): lists in the
 * operative point, one-sentence grants and the effects of amending acts, with
 * readings written by hand. A synthetic amendment of our West Kazakhstan seed
 * checks the consolidated result against the held list.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildProducts } from '../src/ingest/products.ts';
import { readClause, readOperativeList } from '../src/ingest/layouts/operative-point.ts';
import { newFindings } from '../src/ingest/model.ts';
import { pointGroups } from '../src/ingest/points.ts';
import { repairLines, toLines } from '../src/ingest/repair.ts';
import { segment } from '../src/ingest/segment.ts';
import { consolidate, effectsDraft, type HeldLookup } from '../src/ingest/effects/resolve.ts';
import type { ActId } from '../src/domain/act.ts';
import { importText, registry, vocabulary } from './helpers/ingest.ts';

const DIR = new URL('./fixtures/ingest/real-layouts/', import.meta.url);

/** The fixture's text after its "---" header block. */
function fixture(name: string): string {
  const text = readFileSync(new URL(name, DIR), 'utf8');
  const at = text.indexOf('\n---\n');
  assert.ok(at > 0, `${name} has a header block`);
  return text.slice(at + 5);
}

function operative(name: string, lang: 'kk' | 'ru' = 'kk') {
  const { lines } = repairLines(toLines(fixture(name)), { lang, lexicon: vocabulary.lexicon });
  const context = { lang, findings: newFindings() };
  return readOperativeList(pointGroups(lines, segment(lines)), context);
}

const held: HeldLookup = {
  regions: registry.regions,
  hasAct: (id) => registry.act(id) !== undefined,
  listsOf: (id) => registry.versions.filter((v) => v.list.act === id).map((v) => v.list),
};

describe('lists in the operative point (Pavlodar 2014, kk)', () => {
  const read = operative('pavlodar-2014-point-list-kk.txt');
  const items = read?.list.sections[0]?.items ?? [];

  it('reads point 1 as a list of three clauses, population as written', () => {
    assert.equal(read?.layout, 'operative_point');
    assert.deepEqual(
      items.map((i) => [i.diagnosis, i.population]),
      [
        ['эпилепсия', 'эпилепсия ауруына шалдыққандар үшін'],
        ['муковисцидоз', 'муковисцидоз ауруына шалдыққандар үшін'],
        ['алғашқы иммунодефицит', 'алғашқы иммунодефицит ауруына шалдыққандар үшін'],
      ],
    );
  });

  it('keeps brands and bracketed INNs, and specialised foods as foods', () => {
    assert.deepEqual(
      items[0]?.products.map((p) => p.quoted),
      [['Леветирацетам', 'Кеппра']],
    );
    assert.deepEqual(
      items[1]?.products.map((p) => p.quoted ?? `${p.kind}: ${p.text}`),
      [
        ['Колистиметат', 'Колистин'],
        ['Тобрамицин', 'Тоби'],
        'food: Нутрикомп дринк плюс',
        'food: Нутриэнт стандарт',
      ],
    );
    assert.deepEqual(
      items[2]?.products.map((p) => p.quoted),
      [['интерферон гамма-1 рекомбинанттық', 'Имукин']],
    );
  });

  it('resolves INNs the vocabulary lacks through the national tables, never inventing an English INN', () => {
    const built = buildProducts(items[1]?.products ?? [], 'medicine', 'kk', vocabulary);
    assert.deepEqual(
      built.map((b) => [b.product.kind, b.product.inn, b.product.atc, b.innRu, b.source]),
      [
        // "Колистиметат" is written exactly so in the orphan medicines list.
        [
          'medicine',
          null,
          'J01XB01',
          'Колистин (Колистиметат)',
          'national-formulary (third-party)',
        ],
        // Tobramycin has two codes by form (J01GB01, S01AA12): none is chosen.
        ['medicine', null, null, 'Тобрамицин', 'national-formulary (third-party)'],
        ['food', null, null, null, null],
        ['food', null, null, null, null],
      ],
    );
    assert.match(
      built[0]?.product.mapping.note?.en ?? '',
      /third-party transcription.*not verified/u,
    );
    assert.equal(built[0]?.product.mapping.confidence, 'low');
    // "Имукин" and "интерферон гамма-1 рекомбинанттық" are in neither: unresolved, as written.
    const imukin = buildProducts(items[2]?.products ?? [], 'medicine', 'kk', vocabulary);
    assert.deepEqual(
      imukin.map((b) => [b.product.inn, b.product.atc, b.resolved, b.source]),
      [[null, null, false, null]],
    );
    assert.deepEqual(vocabulary.diagnosis('эпилепсия')?.disease.icd10, ['G40', 'G41']);
    assert.equal(vocabulary.diagnosis('алғашқы иммунодефицит'), null);
  });
});

describe('one-sentence grants (Astana 2008, kk)', () => {
  const read = operative('astana-2008-one-sentence-kk.txt');
  const item = read?.list.sections[0]?.items[0];

  it('reads the diagnosis, the population as written and the product', () => {
    assert.equal(read?.layout, 'one_sentence');
    assert.equal(item?.diagnosis, 'Жүйелі қызыл жегі');
    assert.equal(item?.population, '"Жүйелі қызыл жегі" дертімен ауыратын науқастар');
    assert.deepEqual(
      item?.products.map((p) => p.quoted),
      [['Мофетила микофенолат']],
    );
    assert.deepEqual(vocabulary.diagnosis(item?.diagnosis ?? '')?.disease.icd10, ['M32']);
  });

  it('resolves the inverted INN wording ("Мофетила микофенолат") in the vocabulary, saying so', () => {
    const built = buildProducts(item?.products ?? [], 'medicine', 'kk', vocabulary);
    assert.deepEqual(
      built.map((b) => [b.product.inn, b.resolved, b.source, b.form]),
      [['mycophenolate mofetil', true, 'vocabulary', 'word-order']],
    );
    assert.equal(built[0]?.product.mapping.confidence, 'medium');
    assert.match(built[0]?.product.mapping.note?.en ?? '', /matched in another word order/u);
  });
});

describe('Russian clauses (synthetic wording from the brief)', () => {
  it('reads "для больных эпилепсией – препарат «Кеппра» (Леветирацетам)"', () => {
    const item = readClause(
      'для больных эпилепсией – препарат «Кеппра» (Леветирацетам)',
      '1',
      [{ n: 1, text: '', blank: false }],
      'ru',
    );
    assert.equal(item?.diagnosis, 'эпилепсией');
    assert.equal(item?.population, 'для больных эпилепсией');
    assert.deepEqual(
      item?.products.map((p) => p.quoted),
      [['Леветирацетам', 'Кеппра']],
    );
  });
});

function effectsOf(name: string) {
  const result = importText(fixture(name), name);
  return { result, effects: result.report.effects?.effects ?? [] };
}

describe('effects of amending acts (real texts)', () => {
  it('Shymkent 2022: annex 1 replaced, and the new annex is missing from the text', () => {
    const { effects } = effectsOf('shymkent-2022-annex-replaced-kk.txt');
    assert.deepEqual(
      effects.map((e) => [
        e.kind,
        e.part,
        e.target.issuer,
        e.target.date,
        e.target.number,
        e.target.registration,
        e.newAnnex,
      ]),
      [
        [
          'annex_replaced',
          { kind: 'annex', annex: '1' },
          'Шымкент қаласы мәслихатының',
          '2020-12-15',
          '72/675-6с',
          '151',
          '1',
        ],
      ],
    );
    assert.match(
      effects[0]?.missing ?? '',
      /announces annex 1 in a new edition.*the annex is not in the text/u,
    );
  });

  it('Kyzylorda 2017: the title in a new wording, point 1 announced but cut off', () => {
    const { effects } = effectsOf('kyzylorda-2017-title-point-kk.txt');
    assert.deepEqual(
      effects.map((e) => [e.kind, e.part, e.target.date, e.target.number, e.target.registration]),
      [
        ['title_replaced', { kind: 'title' }, '2016-02-10', '347', '5404'],
        ['point_replaced', { kind: 'point', point: '1' }, '2016-02-10', '347', '5404'],
      ],
    );
    assert.match(effects[0]?.wording ?? '', /^"Қызылорда облысы азаматтарының .* беру туралы"$/u);
    assert.equal(effects[0]?.missing, null);
    assert.match(effects[1]?.missing ?? '', /point 1 .* the wording is not in the text/u);
  });

  it('South Kazakhstan 2011: the preamble replaced, its new wording cut off', () => {
    const { effects } = effectsOf('south-kazakhstan-2011-preamble-kk.txt');
    assert.deepEqual(
      effects.map((e) => [
        e.kind,
        e.target.issuer,
        e.target.date,
        e.target.number,
        e.target.registration,
      ]),
      [
        [
          'preamble_replaced',
          'Оңтүстік Қазақстан облыстық мәслихатының',
          '2008-04-11',
          '6/86-IV',
          '1983',
        ],
      ],
    );
    assert.match(effects[0]?.missing ?? '', /cut off/u);
  });

  it('North Kazakhstan 2017 (ru): the amended act is named, what changes is cut off', () => {
    const { effects } = effectsOf('north-kazakhstan-2017-amendment-ru.txt');
    assert.deepEqual(
      effects.map((e) => [e.kind, e.target.issuer, e.target.date, e.target.number]),
      [['act_amended', 'Северо-Казахстанского областного маслихата', '2016-12-21', '8/5']],
    );
    assert.match(effects[0]?.missing ?? '', /stops before saying what changes/u);
  });
});

describe('repeals (synthetic sentences)', () => {
  for (const [lang, text] of [
    [
      'kk',
      '      Павлодар облыстық мәслихаты ШЕШІМ ҚАБЫЛДАДЫ:\n      1. Павлодар облыстық мәслихатының 2014 жылғы 12 желтоқсандағы № 290/38 шешімінің күші жойылды деп танылсын.\n',
    ],
    [
      'ru',
      '      Павлодарский областной маслихат РЕШИЛ:\n      1. Признать утратившим силу решение Павлодарского областного маслихата от 12 декабря 2014 года № 290/38.\n',
    ],
  ] as const) {
    it(`reads a repeal (${lang})`, () => {
      const { effects } = effectsOf_(text);
      assert.deepEqual(
        effects.map((e) => [e.kind, e.target.date, e.target.number]),
        [['act_repealed', '2014-12-12', '290/38']],
      );
    });
  }
});

function effectsOf_(text: string) {
  const result = importText(text);
  return { effects: result.report.effects?.effects ?? [] };
}

describe('a synthetic amendment of our West Kazakhstan seed', () => {
  const { result, effects } = effectsOf('synthetic-wko-amendment-kk.txt');

  it("reads two excluded rows and one added row, from the act's own entry into force", () => {
    assert.deepEqual(
      effects.map((e) => [e.kind, e.part]),
      [
        ['item_excluded', { kind: 'item', annex: '1', section: '1', item: '28' }],
        ['item_excluded', { kind: 'item', annex: '1', section: '1', item: '29' }],
        ['item_added', { kind: 'item', annex: '1', section: '1', item: '57' }],
      ],
    );
    assert.deepEqual(result.report.effects?.from?.rule, {
      kind: 'after_publication',
      calendarDays: 10,
    });
    assert.equal(result.report.ok, true);
  });

  it('the effects draft names the held target act', () => {
    const draft = effectsDraft(result, held) as {
      effects: { target: { id: string; held: boolean } }[];
    };
    assert.deepEqual(draft.effects[0]?.target.id, 'KZ-27.maslikhat.2020-09-30.38-3');
    assert.equal(draft.effects[0]?.target.held, true);
  });

  it('consolidates the held list in memory: rows 1.28, 1.29 excluded, 1.57 added', () => {
    const [c] = consolidate(result, held, vocabulary);
    assert.ok(c);
    assert.deepEqual(
      c.changes.map((x) => [x.kind, x.row]),
      [
        ['excluded', '1.28'],
        ['excluded', '1.29'],
        ['added', '1.57'],
      ],
    );
    const items = c.list.sections[0]?.items ?? [];
    const byNumber = (n: string) => items.find((i) => i.number === n);
    assert.equal(byNumber('28')?.status, 'excluded');
    const added = byNumber('57');
    assert.equal(added?.status, 'in_force');
    if (added?.status === 'in_force') {
      assert.deepEqual(
        added.products.map((p) => p.inn),
        ['adalimumab'],
      );
      assert.ok(added.diagnosis.icd10.length > 0);
    }
    assert.ok(c.list.amendedBy.includes('KZ-27.maslikhat.2026-03-02.99-9' as ActId));
    // The held list itself is untouched.
    assert.equal(c.held.sections[0]?.items.find((i) => i.number === '28')?.status, 'in_force');
  });
});
