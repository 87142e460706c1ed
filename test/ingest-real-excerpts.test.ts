/**
 * Real excerpts as a search tool or a web page gives them (no indent, often without the act's
 * header; test/fixtures/ingest/real/ and real-layouts/, each header names its source): the list
 * is still read and reported, the report says exactly what is missing, a budget decision says
 * once that it is no list, and an act number with a slash never makes an unsafe path.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { actFileStem } from '../src/domain/act.ts';
import { buildRegistry } from '../src/registry/build.ts';
import { readDataDir } from '../src/registry/load-files.ts';
import { readClause } from '../src/ingest/layouts/operative-point.ts';
import { buildItem } from '../src/ingest/draft.ts';
import { importText, vocabulary } from './helpers/ingest.ts';

/** A fixture with its "# " header lines blanked, so line numbers stay the file's. */
function real(name: string): string {
  return readFileSync(new URL(`./fixtures/ingest/real/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .map((l) => (l.startsWith('# ') ? '' : l))
    .join('\n');
}

function layout(name: string): string {
  const text = readFileSync(
    new URL(`./fixtures/ingest/real-layouts/${name}`, import.meta.url),
    'utf8',
  );
  return text.slice(text.indexOf('\n---\n') + 5);
}

describe('an excerpt that starts at its editorial note (Pavlodar 2014, kk, no indent)', () => {
  const { report, acts, lists } = importText(real('pavlodar-2014-kk-repealed-note-first.txt'));

  it("says precisely that the act's own header is missing, and where the text begins", () => {
    const header = report.issues.filter((i) => i.code === 'PARSE_METADATA');
    assert.deepEqual(
      header.map((i) => [i.severity, i.line]),
      [['error', 4]],
    );
    assert.match(
      header[0]?.message ?? '',
      /does not give the act's own header \(issuer, adoption date and number\): it begins at line 4 with an editorial note; the region \(KZ-55\)/u,
    );
    assert.equal(report.issues.filter((i) => i.code === 'PARSE_NOT_A_DECISION').length, 0);
    assert.deepEqual([acts.length, lists.length, report.drafts.length], [0, 0, 0]);
  });

  it('still reads and reports the list in point 1, its names resolved with their source', () => {
    assert.equal(report.source.layout, 'operative_point');
    assert.deepEqual(
      report.items.map((i) => [i.diagnosis?.text, i.products.map((p) => [p.inn, p.atc, p.source])]),
      [
        ['эпилепсия', [[null, 'N03AX14', 'national-formulary (third-party)']]],
        [
          'муковисцидоз',
          [
            [null, 'J01XB01', 'national-formulary (third-party)'],
            [null, null, 'national-formulary (third-party)'],
            [null, null, null],
            [null, null, null],
          ],
        ],
        ['алғашқы иммунодефицит', [[null, null, null]]],
      ],
    );
    assert.deepEqual(
      report.unresolved.filter((u) => u.kind === 'product').map((u) => u.text),
      ['"Имукин" интерферон гамма-1 рекомбинанттық'],
    );
    // The last line is a note cut mid-word, not an item: no truncation of item 3 is claimed.
    assert.equal(report.issues.filter((i) => i.code === 'PARSE_TRUNCATED').length, 0);
  });
});

describe('a budget decision (Karaganda district 2023, ru)', () => {
  it('says once that it is not a list', () => {
    const { report } = importText(real('karaganda-district-2023-ru-budget-amendment.txt'));
    assert.equal(report.identity?.kind, 'other-maslikhat-decision');
    assert.deepEqual(
      report.issues.filter((i) => i.code === 'PARSE_NOT_A_LIST').map((i) => i.severity),
      ['error'],
    );
    assert.equal(report.items.length, 0);
  });
});

describe('an act number with a slash (Astana 2008, "N 117/18-IV")', () => {
  const { report } = importText(layout('astana-2008-one-sentence-kk.txt'));

  it("takes the act's own header the older reading missed, keeps the number in the id, never in a path", () => {
    assert.equal(report.act?.id, 'KZ-71.maslikhat.2008-07-09.117/18-IV');
    assert.deepEqual(
      report.drafts.map((d) => d.path),
      [
        'KZ-71/acts/2008-07-09.117-18-IV.yaml',
        'KZ-71/lists/2008-07-09.117-18-IV.annex-point-1.yaml',
      ],
    );
    assert.equal(report.issues.filter((i) => i.severity === 'error').length, 0);
    assert.deepEqual(
      report.items[0]?.products.map((p) => [p.inn, p.source, p.form]),
      [['mycophenolate mofetil', 'vocabulary', 'word-order']],
    );
  });

  it('makes a file stem of letters, digits, "-" and one dot, whatever the number holds', () => {
    assert.equal(actFileStem('2022-06-06', '72/675-6с'), '2022-06-06.72-675-6с');
    assert.equal(actFileStem('2022-06-06', '../../x\\y:z'), '2022-06-06.------x-y-z');
    assert.equal(encodeURIComponent('KZ-79.maslikhat.2020-12-15.72/675-6с').includes('/'), false);
  });

  it('the registry expects the act where the importer writes its draft', () => {
    const act = readFileSync(
      new URL('../data/KZ-27/acts/2017-06-01.10-8.yaml', import.meta.url),
      'utf8',
    )
      .replaceAll('2017-06-01.10-8', '2017-06-02.10/9')
      .replace('adopted: 2017-06-01', 'adopted: 2017-06-02')
      .replace('number: 10-8', "number: '10/9'");
    const place = (path: string) =>
      buildRegistry([...readDataDir(), { path, text: act }])
        .issues.filter((i) => i.file === path && /DATA_FILE_PLACE|DATA_ID_MISMATCH/u.test(i.code))
        .map((i) => i.message);
    assert.deepEqual(place('KZ-27/acts/2017-06-02.10-9.yaml'), []);
    assert.deepEqual(place('KZ-27/acts/2017-06-02.10-8.yaml'), [
      'an act file for KZ-27.maslikhat.2017-06-02.10/9 belongs at KZ-27/acts/2017-06-02.10-9.yaml',
    ]);
  });
});

describe('a Russian clause with an inflected diagnosis', () => {
  it('codes "эпилепсией" as the vocabulary\'s epilepsy and "Леветирацетам" through the national tables', () => {
    const item = readClause(
      'для больных эпилепсией – препарат «Кеппра» (Леветирацетам)',
      '1',
      [{ n: 1, text: '', blank: false }],
      'ru',
    );
    assert.ok(item);
    const { report } = buildItem(item, 'medicine', '1.1', 'ru', vocabulary, [], []);
    assert.deepEqual(report.diagnosis?.icd10, ['G40', 'G41']);
    assert.equal(report.diagnosis?.resolved, true);
    assert.match(
      report.notes.map((n) => n.text).join(' '),
      /read as "Эпилепсия" in another case form/u,
    );
    assert.deepEqual(
      report.products.map((p) => [p.inn, p.innRu, p.atc, p.source]),
      [[null, 'Леветирацетам', 'N03AX14', 'national-formulary (third-party)']],
    );
  });
});
