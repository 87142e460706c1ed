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
import { crc32 } from '../src/app/exports/zip.ts';
import { columnName, toXlsx } from '../src/app/exports/xlsx.ts';
import { coverageMatrix, matrixTable } from '../src/app/matrix.ts';
import { type Services } from '../src/app/services.ts';
import { isoDate } from '../src/domain/date.ts';
import { testApp, testServices, type TestApp } from './support/app.ts';
import { childrenNamed, parseXml, type XmlElement } from './support/xml.ts';

let services: Services;
let app: TestApp;
before(async () => {
  services = await testServices();
  app = testApp(services);
});
after(() => services.storage.close());

/** RFC 4180 reader: quoted fields with doubled quotes, CRLF records. */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (ch === '\n' || ch === '\r' || ch === '"') {
      throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('last record without CRLF');
  return records;
}

/** The stored entries of a ZIP, checking every signature, size and CRC-32 against the directory. */
function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  assert.equal(view.getUint32(end, true), 0x06054b50, 'end of central directory');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  assert.equal(at + view.getUint32(end + 12, true), end, 'directory ends at the end record');
  const files = new Map<string, Uint8Array>();
  for (let n = 0; n < count; n++) {
    assert.equal(view.getUint32(at, true), 0x02014b50, 'central header');
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const offset = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    assert.equal(view.getUint32(offset, true), 0x04034b50, `local header of ${name}`);
    assert.equal(view.getUint16(offset + 8, true), 0, 'stored');
    assert.equal(view.getUint32(offset + 14, true), crc);
    const start =
      offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
    const data = bytes.subarray(start, start + size);
    assert.equal(crc32(data), crc, `CRC-32 of ${name}`);
    files.set(name, data);
    at += 46 + nameLength + extra;
  }
  return files;
}

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
