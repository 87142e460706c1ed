import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newFindings } from '../model.ts';
import { toLines } from '../repair.ts';
import { readClause } from './numbered-list.ts';
import { readRunningClause } from './running-text.ts';
import { parseTable } from './table.ts';

describe('numbered-list clauses', () => {
  it('kk: quoted products, the dash, the quoted diagnosis', () => {
    const item = readClause(
      '"Этеплирсен", "Голодирсен", "Касимерсен" дәрілік заттары – "Дюшеннің бұлшықет дистрофиясы" диагнозында;',
      1,
    );
    assert.equal(item.diagnosis, 'Дюшеннің бұлшықет дистрофиясы');
    assert.deepEqual(
      item.products.map((p) => p.text),
      ['Этеплирсен', 'Голодирсен', 'Касимерсен'],
    );
    assert.equal(item.population, null);
  });

  it('kk: an unquoted name is kept and noted; "дәрілік зат" alone is an unnamed product', () => {
    const item = readClause(
      '"Секукинумаб", Гуселькумаб дәрілік заттары - "Псориаз" диагнозында;',
      1,
    );
    assert.deepEqual(
      item.products.map((p) => p.text),
      ['Секукинумаб', 'Гуселькумаб'],
    );
    assert.equal(item.notes[0]?.kind, 'typo');
    const unnamed = readClause('дәрілік зат- "Эпилепсия" диагнозында;', 1);
    assert.deepEqual(unnamed.products, [{ text: 'дәрілік зат', unnamed: true, line: 1 }]);
    assert.equal(unnamed.diagnosis, 'Эпилепсия');
  });

  it('kk: a device item with its persons after the diagnosis', () => {
    const item = readClause(
      'медициналық бұйымдар (рецепт бойынша) "Буллезді эпидермолиз" диагнозы бар азаматтарға.',
      1,
    );
    assert.equal(item.diagnosis, 'Буллезді эпидермолиз');
    assert.equal(item.population, 'диагнозы бар азаматтарға');
    assert.equal(item.products[0]?.text, 'медициналық бұйымдар (рецепт бойынша)');
  });

  it('ru: "лекарственное средство "X" – при диагнозе "Y""', () => {
    const item = readClause(
      'лекарственные средства "Секукинумаб", "Гуселькумаб" – при диагнозе "Псориаз";',
      1,
    );
    assert.equal(item.diagnosis, 'Псориаз');
    assert.deepEqual(
      item.products.map((p) => p.text),
      ['Секукинумаб', 'Гуселькумаб'],
    );
    const persons = readClause(
      'медицинские изделия (по рецепту) гражданам с диагнозом "Буллезный эпидермолиз".',
      1,
    );
    assert.equal(persons.population, 'гражданам с диагнозом');
  });
});

describe('running-text clauses', () => {
  it('disease, colon, brand names in quotes with the INN in brackets', () => {
    const item = readRunningClause(
      'Ревматоидты артрит: "Хумира" (адалимумаб), "Актемра" (тоцилизумаб)',
      3,
    );
    assert.equal(item?.diagnosis, 'Ревматоидты артрит');
    assert.deepEqual(
      item?.products.map((p) => p.quoted),
      [
        ['адалимумаб', 'Хумира'],
        ['тоцилизумаб', 'Актемра'],
      ],
    );
  });

  it('disease, dash, products; not a clause without either', () => {
    assert.equal(
      readRunningClause('Бехтерев ауруы – "Хумира" (адалимумаб)', 1)?.diagnosis,
      'Бехтерев ауруы',
    );
    assert.equal(readRunningClause('Сессия төрағасы Б. Ахметов', 1), null);
  });
});

describe('the flattened table', () => {
  const text = [
    '1. Тегін медициналық көмектің кепілдік берілген көлемі шеңберіндегі дәрілік заттар',
    '',
    '1',
    '',
    'Созылмалы жүрек ',
    'жеткіліксіздігі',
    '',
    'Диспансерлік ',
    'есепте тұрған ',
    'барлық санаттар',
    '',
    'Ауырлықтың ',
    'барлық сатысы мен ',
    'дәрежесі',
    '',
    'Эплеренон үлбірлі ',
    '',
    '',
    '',
    'қабықпен қапталған',
    '',
    'Адамның қалыпты ',
    'G иммуноглобулині',
    '',
    '',
    '',
    '2 Ювенильдық дерматомиазит',
    'Диспансерлік ',
    'есепте тұрған ',
    'балалар',
    '',
    'Ауырлықтың ',
    'барлық сатысы мен ',
    'дәрежесі',
    '',
    ', инфузияға ',
    'арналған ерітінді;',
    '',
    '3 Алынып тасталды - Батыс Қазақстан облыстық мәслихатының 15.12.2025  № 22-5',
    'шешімімен (алғашқы ресми жарияланған күнінен кейін қолданысқа енгізіледі)',
  ].join('\n');
  const findings = newFindings();
  const list = parseTable(toLines(text), { lang: 'kk', findings });
  const items = list.sections[0]?.items ?? [];

  it('reads rows, joining a cell split by a page break', () => {
    assert.equal(items.length, 3);
    assert.equal(items[0]?.diagnosis, 'Созылмалы жүрек жеткіліксіздігі');
    assert.equal(items[0]?.population, 'Диспансерлік есепте тұрған барлық санаттар');
    assert.equal(items[0]?.products[0]?.text, 'Эплеренон үлбірлі қабықпен қапталған');
  });

  it('moves cell text a page break pushed into the previous row', () => {
    assert.equal(items[1]?.diagnosis, 'Ювенильдық дерматомиазит');
    assert.equal(
      items[1]?.products[0]?.text,
      'Адамның қалыпты G иммуноглобулині, инфузияға арналған ерітінді;',
    );
    assert.ok(findings.repairs.some((r) => r.kind === 'page_break_spill' && r.line === 22));
    assert.ok(findings.repairs.some((r) => r.kind === 'detached_row_number' && r.line === 3));
  });

  it('reads an excluded row with its act', () => {
    assert.deepEqual(
      items[2]?.excluded && { date: items[2].excluded.date, number: items[2].excluded.number },
      { date: '2025-12-15', number: '22-5' },
    );
  });
});

describe('ICD-10 codes written in the source', () => {
  it('are read with normaliseIcd10 and taken off the wording', async () => {
    const { writtenCodes } = await import('../draft.ts');
    assert.deepEqual(writtenCodes('Іріңді гидраденит (L73.2)'), {
      wording: 'Іріңді гидраденит',
      codes: ['L73.2'],
    });
    assert.deepEqual(writtenCodes('Ревматоидты артрит [МКБ-10: M05, M06]'), {
      wording: 'Ревматоидты артрит',
      codes: ['M05', 'M06'],
    });
    assert.deepEqual(writtenCodes('Псориаз (вульгарлы)'), {
      wording: 'Псориаз (вульгарлы)',
      codes: [],
    });
  });
});
