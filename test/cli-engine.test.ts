/** The engine-facing commands: entitlements, search, diff, compare — in kk, ru and en, readable and JSON. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from './support/cli.ts';

const run = runCli;

describe('tegin entitlements', () => {
  it('answers with the documented JSON contract', async () => {
    const { code, out } = await run(
      'entitlements',
      '--region',
      'KZ-27',
      '--date',
      '2026-11-24',
      '--age',
      '10',
      '--icd10',
      'M08.2',
      '--json',
    );
    assert.equal(code, 0);
    const answer = JSON.parse(out);
    const [e] = answer.entitlements;
    assert.equal(e.status, 'entitled');
    assert.equal(e.section, 'medicine');
    assert.equal(e.region, 'KZ-27');
    assert.equal(e.item, '2');
    assert.deepEqual(e.products[0], { ...e.products[0], inn: 'tocilizumab', atc: 'L04AC07' });
    assert.deepEqual(Object.keys(e.products[0].name), ['kk', 'ru', 'en']);
    assert.deepEqual(e.unmet, []);
    assert.equal(e.basis.act, 'KZ-27.maslikhat.2020-09-30.38-3');
    assert.deepEqual(Object.keys(e.explanation), ['kk', 'ru', 'en']);
    assert.ok(Array.isArray(answer.warnings));
  });

  it('flips registration and commission for every diagnosis with --not-registered and --commission', async () => {
    const args = [
      'entitlements',
      '--region',
      'KZ-27',
      '--date',
      '2026-11-24',
      '--age',
      '8',
      '--icd10',
      'G80.1',
      '--json',
    ];
    const plain = JSON.parse((await run(...args)).out).entitlements;
    assert.deepEqual(plain.find((e: { item: string }) => e.item === '7').unmet, [
      'commission_decision',
    ]);
    const flipped = JSON.parse(
      (await run(...args, '--not-registered', '--commission')).out,
    ).entitlements;
    assert.deepEqual(flipped.find((e: { item: string }) => e.item === '7').unmet, [
      'dispensary_registration',
    ]);
  });

  it('states its assumptions, and takes citizenship, attachment and a confirmed diagnosis as flags', async () => {
    const base = ['entitlements', '--region', 'KZ-35', '--date', '2026-11-24', '--age', '34'];
    const plain = await run(...base, '--icd10', 'E75.2');
    assert.match(
      plain.out,
      /CONDITIONAL +1\.20 .*\n.*E75\.2 \(Other sphingolipidosis\) also covers other conditions/,
    );
    assert.match(
      plain.out,
      /Assumed: The patient is taken to be a citizen of the Republic of Kazakhstan/,
    );
    const confirmed = JSON.parse(
      (
        await run(
          ...base,
          '--icd10',
          'E75.2',
          '--confirmed',
          '--citizenship',
          'KZ',
          '--served-in',
          'karaganda',
          '--json',
        )
      ).out,
    );
    assert.equal(confirmed.entitlements[0].status, 'entitled');
    assert.deepEqual(confirmed.entitlements[0].diagnosis.scope.relation, 'broader');
    assert.deepEqual(
      confirmed.assumptions.map((a: { fact: string }) => a.fact),
      ['dispensary_registration'],
    );
    const outside = JSON.parse(
      (await run(...base, '--icd10', 'M05.9', '--served-in', 'KZ-27', '--json')).out,
    );
    assert.equal(outside.entitlements[0].reason.code, 'not_served_in_region');
    const bad = await run(...base, '--icd10', 'M05.9', '--citizenship', 'mars');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--citizenship: /);
  });

  it('explains in each language', async () => {
    const base = [
      'entitlements',
      '--region',
      'karaganda',
      '--date',
      '2026-11-24',
      '--birth-date',
      '2016-05-01',
      '--icd10',
      'm080',
    ];
    assert.match((await run(...base)).out, /ENTITLED +1\.1 .*\n.*Entitled: canakinumab/);
    assert.match(
      (await run(...base, '--lang', 'ru')).out,
      /ПОЛОЖЕНО +1\.1 .*\n.*Положено бесплатно по диагнозу «Ювенильный идиопатический артрит»: Канакинумаб/,
    );
    assert.match(
      (await run(...base, '--lang', 'kk')).out,
      /БЕРІЛЕДІ +1\.1 .*\n.*«Ювенильді идиопатиялық артрит» диагнозы кезінде тегін беріледі: Канакинумаб/,
    );
    assert.match((await run(...base)).out, /UNKNOWN +1\.10 .*\n.*names no medicine/);
  });

  it('rejects bad input with exit 2, naming the flag and the reason', async () => {
    const base = ['entitlements', '--region', 'KZ-27', '--date', '2026-11-24'];
    const cases: [string[], RegExp][] = [
      [[...base, '--age', '10', '--icd10', 'M8'], /--icd10: "M8" is not an ICD-10 code/],
      [
        [...base, '--iin', '900101300125', '--icd10', 'M08'],
        /--iin: "900101300125" is not a valid IIN: check digit is 5, expected 6/,
      ],
      [[...base, '--icd10', 'M08'], /--age: give an age, a birth date or an IIN/],
      [
        [...base, '--age', 'ten', '--icd10', 'M08'],
        /--age: expected a whole number of years 0–130, not "ten"/,
      ],
      [
        [...base, '--age', '-3', '--icd10', 'M08'],
        /^tegin: --age: expected a whole number of years 0–130, not "-3"\n/,
      ],
      [
        [...base, '--age', '300', '--icd10', 'M08'],
        /^tegin: --age: expected a whole number of years 0–130, not "300"\n/,
      ],
      [
        [...base, '--birth-date', '0000-01-01', '--icd10', 'M08'],
        /--birth-date: "0000-01-01" is not a plausible date: the earliest is 1900-01-01/,
      ],
      [
        [...base, '--birth-date', '2027-01-01', '--icd10', 'M08'],
        /--birth-date: born 2027-01-01, after the query date 2026-11-24/,
      ],
      [
        [
          'entitlements',
          '--region',
          'KZ-27',
          '--date',
          '2050-01-01',
          '--birth-date',
          '1900-01-01',
          '--icd10',
          'M08',
        ],
        /--birth-date: born 1900-01-01, aged 150 on 2050-01-01: more than 130 years/,
      ],
      [[...base, '--age', '10'], /--icd10 is required/],
      [
        [
          'entitlements',
          '--region',
          'KZ-99',
          '--date',
          '2026-11-24',
          '--age',
          '1',
          '--icd10',
          'M08',
        ],
        /--region: "KZ-99" is not a region/,
      ],
      [
        [...base, '--birth-date', '2026-13-01', '--icd10', 'M08'],
        /--birth-date: "2026-13-01" is not a calendar date/,
      ],
    ];
    for (const [argv, message] of cases) {
      const { code, err } = await run(...argv);
      assert.equal(code, 2, argv.join(' '));
      assert.match(err, message);
    }
  });
});

describe('tegin search', () => {
  it('finds an item by Russian words in the Kazakh text despite letter variants', async () => {
    const { out } = await run('search', 'кан ую', '--json');
    const results = JSON.parse(out).results;
    assert.deepEqual(
      results.map((r: { region: string; item: string }) => `${r.region}:${r.item}`),
      ['KZ-27:9'],
    );
  });

  it('finds every region and item by INN, ICD-10 code and ATC code', async () => {
    const byInn = JSON.parse((await run('search', 'canakinumab', '--json')).out).results;
    assert.deepEqual(
      byInn.map((r: { region: string; item: string }) => `${r.region}:${r.item}`),
      ['KZ-27:2', 'KZ-35:1'],
    );
    const byCode = JSON.parse((await run('search', 'm08.2', '--json')).out).results;
    assert.deepEqual(
      byCode.map((r: { region: string; item: string }) => `${r.region}:${r.item}`),
      ['KZ-27:2', 'KZ-35:1', 'KZ-35:10'],
    );
    const byAtc = JSON.parse((await run('search', 'M09AX', '--json')).out).results;
    assert.deepEqual(
      byAtc.map((r: { region: string; item: string }) => `${r.region}:${r.item}`),
      ['KZ-27:31', 'KZ-35:15'],
    );
  });

  it('reads in each language', async () => {
    assert.match(
      (await run('search', 'Gaucher')).out,
      /Karaganda Region \(KZ-35\) 1\.20 +Gaucher disease \[E75\.2\]/,
    );
    assert.match(
      (await run('search', 'Гоше', '--lang', 'ru')).out,
      /Карагандинская область \(KZ-35\) 1\.20 +Болезнь Гоше/,
    );
    assert.match(
      (await run('search', 'гоше', '--lang', 'kk')).out,
      /Қарағанды облысы \(KZ-35\) 1\.20/,
    );
  });
});

describe('tegin diff', () => {
  it('says what it cannot compare and which acts took effect in between', async () => {
    const { code, out } = await run(
      'diff',
      '--region',
      'KZ-27',
      '--from',
      '2025-06-01',
      '--to',
      '2026-11-24',
      '--json',
    );
    assert.equal(code, 0);
    const diff = JSON.parse(out);
    assert.equal(diff.changes, null);
    assert.equal(diff.coverage.from.status, 'not_covered');
    const acts = diff.acts.map((a: { act: string; between: string }) => `${a.act}:${a.between}`);
    assert.deepEqual(acts, [
      'KZ-27.maslikhat.2024-10-24.15-3:unknown',
      'KZ-27.maslikhat.2024-12-13.16-6:unknown',
      'KZ-27.maslikhat.2025-06-16.18-6:yes',
      'KZ-27.maslikhat.2025-12-15.22-5:yes',
    ]);
    const last = diff.acts[3];
    assert.deepEqual(
      last.changes.map((c: { part: string }) => c.part),
      ['annex 1', 'annex 1, section 1, row 26', 'annex 1, section 1, row 27'],
    );
  });

  it('reports no change between two covered dates of one text, in each language', async () => {
    for (const [lang, phrase] of [
      ['en', 'no changes'],
      ['ru', 'изменений нет'],
      ['kk', 'өзгеріс жоқ'],
    ]) {
      const { out } = await run(
        'diff',
        '--region',
        'KZ-35',
        '--from',
        '2026-11-22',
        '--to',
        '2026-11-24',
        '--lang',
        lang as string,
      );
      assert.match(out, new RegExp(phrase as string));
    }
  });

  it('rejects dates in the wrong order', async () => {
    const { code, err } = await run(
      'diff',
      '--region',
      'KZ-35',
      '--from',
      '2026-11-24',
      '--to',
      '2026-01-01',
    );
    assert.equal(code, 2);
    assert.match(err, /--from \(2026-11-24\) is after --to \(2026-01-01\)/);
  });
});

describe('tegin compare', () => {
  it('shows what is covered in one region and not the other, and on which terms', async () => {
    const { out } = await run(
      'compare',
      '--regions',
      'KZ-27,karaganda',
      '--date',
      '2026-11-24',
      '--json',
    );
    const comparison = JSON.parse(out);
    const row = (key: string) => comparison.byDiagnosis.find((r: { key: string }) => r.key === key);
    assert.deepEqual(row('E75').coveredIn, ['KZ-35']);
    assert.deepEqual(row('I50').coveredIn, ['KZ-27']);
    assert.deepEqual(row('M08').coveredIn, ['KZ-27', 'KZ-35']);
    assert.equal(row('M08').cells['KZ-27'][0].age, 'children');
    assert.equal(row('M08').cells['KZ-35'][0].age, 'all');
    const canakinumab = comparison.byInn.find((r: { key: string }) => r.key === 'canakinumab');
    assert.deepEqual(canakinumab.coveredIn, ['KZ-27', 'KZ-35']);
  });

  it('reads in each language', async () => {
    const args = ['compare', '--regions', 'KZ-27,KZ-35', '--date', '2026-11-24'];
    assert.match((await run(...args)).out, /E75 +Gaucher disease — only KZ-35/);
    assert.match((await run(...args, '--lang', 'ru')).out, /E75 +Болезнь Гоше — только KZ-35/);
    assert.match((await run(...args, '--lang', 'kk')).out, /E75 +Болезнь Гоше — тек KZ-35/);
  });

  it("names each item in its annex's own units", async () => {
    const args = ['compare', '--regions', 'KZ-27,KZ-35', '--date', '2026-11-24', '--lang', 'kk'];
    const { out } = await run(...args);
    assert.match(
      out,
      /KZ-27: 1-бөлімнің реттік нөмірі 4-жолы: .* \| 2-бөлімнің реттік нөмірі 1-жолы: /,
    );
    assert.match(out, /KZ-35: 2-тармақ: /);
    assert.match(out, /KZ-35: 1-тармақтың 20\) тармақшасы: /);
  });

  it('says every label in the language: names, not lower-case INNs; no raw enum values or dashes', async () => {
    const args = ['compare', '--regions', 'KZ-27,KZ-35', '--date', '2026-11-24'];
    for (const lang of ['kk', 'ru']) {
      const { out } = await run(...args, '--lang', lang);
      assert.match(out, /^KZ-27 · KZ-35 — 24\.11\.2026$/m);
      assert.doesNotMatch(out, /—, —|\b(medicine|device|food) \d/, lang);
      // A cell names the products: after "KZ-27: <place>: ", no English word of four letters or more.
      for (const line of out.split('\n').filter((l) => /^ {6}KZ-\d\d: /.test(l))) {
        const products = line.replace(/^ {6}KZ-\d\d: [^:]*: /, '').replace(/\([^)]*\)/g, '');
        // (Roman numerals, as in "VIII факторы", are not English.)
        assert.doesNotMatch(products, /\b(?![IVXLC]+\b)[A-Za-z]{4,}/, `${lang}: ${line}`);
      }
    }
  });
});

describe('tegin diff in each language', () => {
  it("a header in the language's word order, parts and changes named, no raw enum values", async () => {
    const args = ['diff', '--region', 'KZ-27', '--from', '2025-06-01', '--to', '2026-11-24'];
    const headers = {
      kk: 'Батыс Қазақстан облысы (KZ-27): 01.06.2025 және 24.11.2026 аралығындағы өзгерістер',
      ru: 'Западно-Казахстанская область (KZ-27): изменения с 01.06.2025 по 24.11.2026',
      en: 'West Kazakhstan Region (KZ-27): changes from 01.06.2025 to 24.11.2026',
    };
    const parts = {
      kk: '1-қосымша, 1-бөлімнің реттік нөмірі 26-жолы: алынып тасталды',
      ru: 'приложение 1, строка, порядковый номер 26, раздела 1: исключено',
      en: 'annex 1, section 1, row 26: excluded',
    };
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const { out } = await run(...args, '--lang', lang);
      assert.equal(out.split('\n')[0], headers[lang]);
      assert.ok(out.includes(parts[lang]), `${lang}: ${parts[lang]}`);
      assert.doesNotMatch(out, /new_edition|_/, lang);
      if (lang !== 'en')
        assert.doesNotMatch(out, /\b(annex|section|item|row|amended|excluded)\b/, lang);
    }
  });
});
