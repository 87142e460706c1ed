/**
 * The coverage matrix and its exports: the API's JSON against the comparison it is built on,
 * every cell citing its item; CSV as RFC 4180 with a BOM and formula-safe cells (read back by a
 * parser written here); XLSX read back by a ZIP reader written here (signatures, CRC-32, sizes)
 * and each part by the strict XML reader, its cells equal to the CSV's; the web page's table and
 * chart; all public and tagged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { toCsv } from '../src/app/exports/csv.ts';
import { columnName, toXlsx } from '../src/app/exports/xlsx.ts';
import { coverageMatrix, matrixTable } from '../src/app/matrix.ts';
import { type Services } from '../src/app/services.ts';
import { isoDate } from '../src/domain/date.ts';
import { testApp, testServices, type TestApp } from './support/app.ts';
import { readCsv, readZip } from './support/exports-read.ts';
import { childrenNamed, parseXml, type XmlElement } from './support/xml.ts';

let services: Services;
let app: TestApp;
before(async () => {
  services = await testServices();
  app = testApp(services);
});
after(() => services.storage.close());

describe('exports', () => {
  it('CSV: BOM, CRLF, quoting, and formula cells defused', () => {
    const csv = toCsv({
      header: ['a', 'b'],
      rows: [
        ['=HYPERLINK("x")', '+1'],
        ['-2', '@SUM(A1)'],
        ['say "hi", then\nbye', -3],
        ['\tx', null],
        ['plain', 'ҚҰ'],
      ],
    });
    assert.ok(csv.startsWith('\uFEFF'));
    assert.deepEqual(readCsv(csv.slice(1)), [
      ['a', 'b'],
      ['\'=HYPERLINK("x")', "'+1"],
      ["'-2", "'@SUM(A1)"],
      ['say "hi", then\nbye', '-3'],
      ["'\tx", ''],
      ['plain', 'ҚҰ'],
    ]);
  });

  it('XLSX: a valid ZIP of well-formed parts whose cells are the table, defused', () => {
    const table = {
      name: 'test: [a]',
      header: ['h1', 'h2'],
      rows: [
        ['=1+1', 2],
        ['<&>"', null],
      ],
    };
    const files = readZip(toXlsx([table]));
    for (const name of [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
    ]) {
      const data = files.get(name);
      assert.ok(data, name);
      parseXml(new TextDecoder().decode(data));
    }
    const sheet = parseXml(new TextDecoder().decode(files.get('xl/worksheets/sheet1.xml')));
    const cells = childrenNamed(one(sheet, 'sheetData'), 'row').map((row) =>
      childrenNamed(row, 'c').map((c) =>
        c.attributes.get('t') === 'inlineStr'
          ? one(one(c, 'is'), 't').text
          : Number(one(c, 'v').text),
      ),
    );
    assert.deepEqual(cells, [['h1', 'h2'], ["'=1+1", 2], ['<&>"']]);
    assert.equal(columnName(0), 'A');
    assert.equal(columnName(25), 'Z');
    assert.equal(columnName(26), 'AA');
    assert.equal(columnName(701), 'ZZ');
    assert.equal(columnName(702), 'AAA');
  });

  it('the matrix holds every region with a list, each cell citing its item', () => {
    const matrix = coverageMatrix(services.registry, isoDate('2026-11-24'));
    const withLists = services.registry.regions.filter(
      (r) => services.registry.listVersions(r.code).length > 0,
    );
    assert.deepEqual(
      matrix.regions.map((r) => r.code),
      withLists.map((r) => r.code),
    );
    assert.ok(matrix.rows.some((r) => r.axis === 'diagnosis'));
    assert.ok(matrix.rows.some((r) => r.axis === 'inn'));
    for (const row of matrix.rows) {
      for (const cells of Object.values(row.cells)) {
        for (const c of cells) {
          assert.ok(c.citation.act && c.citation.source.file, 'cited');
          assert.equal(c.commission, c.conditions.includes('commission_decision'));
        }
      }
    }
  });

  it('API: JSON, CSV and XLSX agree, and are public with an ETag', async () => {
    const json = (await (await app.request('/api/v1/compare/matrix?date=2026-11-24')).json()) as {
      rows: unknown[];
    };
    const expected = matrixTable(coverageMatrix(services.registry, isoDate('2026-11-24')), 'ru');
    assert.equal(
      json.rows.length,
      coverageMatrix(services.registry, isoDate('2026-11-24')).rows.length,
    );
    const res = await app.request('/api/v1/compare/matrix.csv?date=2026-11-24&lang=ru');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(res.headers.get('cache-control') ?? '', /^public/);
    assert.ok(res.headers.get('etag'));
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    assert.ok(text.startsWith('\uFEFF'), 'BOM');
    const records = readCsv(text.slice(1));
    assert.deepEqual(records[0], expected.header);
    assert.equal(records.length, expected.rows.length + 1);
    assert.ok(records.length > 1);
    const xlsx = await app.request('/api/v1/compare/matrix.xlsx?date=2026-11-24&lang=ru');
    assert.equal(xlsx.status, 200);
    const files = readZip(new Uint8Array(await xlsx.arrayBuffer()));
    const sheet = parseXml(new TextDecoder().decode(files.get('xl/worksheets/sheet1.xml')));
    const rows = childrenNamed(one(sheet, 'sheetData'), 'row');
    assert.equal(rows.length, records.length);
    const first = childrenNamed(rows[1] as XmlElement, 'c').map((c) => one(one(c, 'is'), 't').text);
    assert.deepEqual(first, records[1]);
  });

  it('the web page: a captioned table per axis, a titled chart, the downloads', async () => {
    for (const lang of ['kk', 'ru', 'en']) {
      const res = await app.request(`/${lang}/compare/all?date=2026-11-24`);
      assert.equal(res.status, 200);
      const body = await res.text();
      assert.match(body, new RegExp(`<html lang="${lang}">`));
      assert.equal((body.match(/<table /g) ?? []).length, 2);
      assert.equal((body.match(/<caption /g) ?? []).length, 2);
      assert.match(body, /<svg role="img" aria-labelledby="chart-title chart-desc"/);
      assert.match(body, /<title id="chart-title">/);
      assert.ok(!/ style=/.test(body), 'no inline style');
      assert.ok(body.includes(`/api/v1/compare/matrix.csv?date=2026-11-24&amp;lang=${lang}`));
    }
    assert.equal((await app.request('/en/compare/all?date=nope')).status, 400);
  });
});

function one(parent: XmlElement, name: string): XmlElement {
  const found = childrenNamed(parent, name);
  assert.equal(found.length, 1, `<${parent.name}> has one <${name}>`);
  return found[0] as XmlElement;
}
