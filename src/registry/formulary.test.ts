/** The national tables' medicine names: the repository's file passes, each bad line is named with its column. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FORMULARY_FILE, formularyNamesOf, parseFormularyNames } from './formulary.ts';
import { readFormularyFile } from './load-files.ts';

const HEAD = '# provenance\nname,kind,inn_ru,atc,table\n';

describe('reference/formulary/names.csv', () => {
  it("passes, says it is a third-party transcription, not law and not verified, and knows its tables' names", () => {
    const file = readFormularyFile();
    assert.ok(file, 'the file is in the repository');
    const { names, issues } = parseFormularyNames(file.path, file.text);
    assert.deepEqual(issues, []);
    assert.ok(names.length > 4000);
    const header = file.text
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .join(' ');
    for (const words of [
      /third-party transcription/u,
      /NOT LAW/u,
      /Not\s+# verified/u,
      /ДСМ-41 of 18\.05\.2021/u,
    ])
      assert.match(header, words);
    const keppra = names.find((n) => n.name === 'Кеппра');
    assert.deepEqual(
      [keppra?.kind, keppra?.innRu, keppra?.atc],
      ['trade', 'Леветирацетам', ['N03AX14']],
    );
  });

  it('reads quoted fields with commas and doubled quotes', () => {
    const { names, issues } = parseFormularyNames(
      FORMULARY_FILE,
      `${HEAD}"Вирус кори, живой ослабленный",inn,"Вирус кори, живой ослабленный",J07BD01,formulary\n"Х ""ЛХ""",trade,Лоперамид,A07DA03 A07DA05,formulary\n`,
    );
    assert.deepEqual(issues, []);
    assert.deepEqual(
      names.map((n) => [n.name, n.atc]),
      [
        ['Вирус кори, живой ослабленный', ['J07BD01']],
        ['Х "ЛХ"', ['A07DA03', 'A07DA05']],
      ],
    );
  });

  it('names the line and column of each problem', () => {
    const { names, issues } = parseFormularyNames(
      FORMULARY_FILE,
      `${HEAD}Кеппра,trade,Леветирацетам,N03AX1,formulary\nКеппра,brand,Леветирацетам,N03AX14,formulary\n"Кеппра,trade\nЛеветирацетам,inn,Леветирацетам,N03AX14,formulary\nЛеветирацетам,inn,Леветирацетам,N03AX14,orphan\nа,inn,б\n`,
    );
    assert.equal(names.length, 1);
    assert.deepEqual(
      issues.map((i) => [i.code, i.line, i.path.join('.')]),
      [
        ['DATA_SCHEMA', 3, 'atc.0'],
        ['DATA_SCHEMA', 4, 'kind'],
        ['DATA_SCHEMA', 5, ''],
        ['DATA_DUPLICATE', 7, 'name'],
        ['DATA_SCHEMA', 8, ''],
      ],
    );
    assert.equal(parseFormularyNames(FORMULARY_FILE, 'a,b\n').issues[0]?.line, 1);
  });

  it('gives no names when the file is absent', () => {
    assert.deepEqual(formularyNamesOf(null), []);
  });
});
