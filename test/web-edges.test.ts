/**
 * The pages at their edges, in-process:
 * - the web checker gives the engine's verdict, the same as the API: for a sample of regions
 *   (with and without lists), dates (before, inside and after the texts held, and inside an
 *   unknown entry-into-force window) and ICD-10 codes (listed and not), the coverage status and
 *   the status of every item rendered on the page equal the API's answer, in kk, ru and en; a
 *   diagnosis no item covers is "not entitled" only where the list is in force on the date;
 * - a date in an address that is not one answers 400 naming the field, in the page's language,
 *   never today's page in its place;
 * - Kazakh and Russian pages carry no English: every page type rendered in kk and ru, its text
 *   and its visible attributes hold no Latin word but INNs, codes, file names, the names tegin,
 *   Adilet and API, and the data's English notes, which are marked `lang="en"`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Services } from '../src/app/services.ts';
import { LANGS } from '../src/domain/text.ts';
import { messagesFor } from '../src/web/i18n/messages.ts';
import { escapeHtml, PAGES } from './support/web-pages.ts';
import { testApp, testServices, type TestApp } from './support/app.ts';

let services: Services;
let app: TestApp;

before(async () => {
  services = await testServices();
  app = testApp(services);
});
after(() => services.storage.close());

/** The checker answers a form post only (its facts never travel in an address). */
function postCheck(lang: string, form: string) {
  return app.request(`/${lang}/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
}

interface ApiAnswer {
  coverage: { status: string };
  entitlements: { status: string; item: string; basis: { section: string } }[];
  diagnoses: { code: string; items: number }[];
}

const DATES = ['2019-01-01', '2025-06-01', '2026-01-10', '2026-06-01', '2026-11-24', '2031-03-01'];
const CODES = [['M08.2'], ['J06.9'], ['G80.1', 'I50.9'], ['C92.0', 'E10']];

/** What the page marks as its verdict: the coverage, then each card's status, sorted. */
function pageVerdict(body: string) {
  const coverage = [...body.matchAll(/data-coverage="([a-z_]+)"/g)].map((m) => m[1]);
  const items = [...body.matchAll(/data-status="([a-z_]+)" data-item="([^"]+)"/g)]
    .map((m) => `${m[2]} ${m[1]}`)
    .sort();
  const unlisted = [...body.matchAll(/data-status="([a-z_]+)" data-dx="([^"]+)"/g)]
    .map((m) => `${m[2]} ${m[1]}`)
    .sort();
  return { coverage, items, unlisted };
}

describe('the web checker and the API give the same verdict', () => {
  it('for regions with and without lists, dates across coverage, codes in and out, in kk, ru, en', async () => {
    const withList = services.registry.regions.filter(
      (r) => services.registry.listVersions(r.code).length > 0,
    );
    const without = services.registry.regions.filter(
      (r) => services.registry.listVersions(r.code).length === 0,
    );
    assert.ok(without.length > 0, 'the sample has a region without a list');
    const regions = [...withList, ...without.slice(0, 2)];
    const seen = new Set<string>();
    for (const region of regions) {
      for (const date of DATES) {
        for (const codes of CODES) {
          const api = await app.request('/api/v1/entitlements', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              region: region.code,
              date,
              age: 8,
              diagnoses: codes.map((code) => ({ code })),
            }),
          });
          assert.equal(api.status, 200);
          const answer = (await api.json()) as ApiAnswer;
          seen.add(answer.coverage.status);
          const expected = {
            coverage: [answer.coverage.status],
            items: answer.entitlements
              .map((e) => `${e.basis.section}/${e.item} ${e.status}`)
              .sort(),
            unlisted: answer.diagnoses
              .filter((d) => d.items === 0)
              .map(
                (d) =>
                  `${d.code} ${answer.coverage.status === 'covered' ? 'not_entitled' : 'unknown'}`,
              )
              .sort(),
          };
          for (const lang of LANGS) {
            const fields: [string, string][] = [
              ['go', '1'],
              ['region', region.code],
              ['date', date],
              ['age', '8'],
              ['registered', '1'],
              ...codes.map((code): [string, string] => ['dx', code]),
            ];
            const res = await app.request(`/${lang}/check`, {
              method: 'POST',
              body: new URLSearchParams(fields).toString(),
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            });
            const body = await res.text();
            const where = `${lang} ${region.code} ${date} ${codes.join('+')}`;
            assert.equal(res.status, 200, where);
            assert.deepEqual(pageVerdict(body), expected, where);
            const m = messagesFor(lang);
            assert.ok(
              body.includes(escapeHtml(m.common.coverage[answer.coverage.status as 'covered'])),
              `${where}: the coverage said in words`,
            );
            for (const line of [...expected.items, ...expected.unlisted]) {
              const status = line.split(' ')[1] as 'entitled';
              assert.ok(
                body.includes(escapeHtml(m.check.statusTitle[status])),
                `${where}: ${line}`,
              );
            }
          }
        }
      }
    }
    for (const status of ['covered', 'uncertain', 'not_covered', 'no_list']) {
      assert.ok(seen.has(status), `the sample meets coverage "${status}"`);
    }
  });
});

describe('a date in the address that is not one', () => {
  const cases = [
    { path: '/regions/KZ-27?date=2026-02-30', field: 'date', value: '2026-02-30' },
    { path: '/regions/KZ-27?date=0000-01-01', field: 'date', value: '0000-01-01' },
    { path: '/regions/KZ-27/items/1/5?date=yesterday', field: 'date', value: 'yesterday' },
    {
      path: '/regions/KZ-27/changes?from=0099-01-01&to=2026-11-24',
      field: 'from',
      value: '0099-01-01',
    },
    {
      path: '/regions/KZ-27/changes?from=2025-01-01&to=2026-13-01',
      field: 'to',
      value: '2026-13-01',
    },
    { path: '/compare?a=KZ-27&b=KZ-35&date=1899-12-31', field: 'date', value: '1899-12-31' },
    { path: '/medicines/canakinumab?date=24.11.2026', field: 'date', value: '24.11.2026' },
    { path: '/diagnoses/M08?date=2026-11-31', field: 'date', value: '2026-11-31' },
  ] as const;
  for (const lang of LANGS) {
    it(`answers 400 naming the field, in ${lang}`, async () => {
      const m = messagesFor(lang);
      for (const { path, field, value } of cases) {
        const res = await app.request(`/${lang}${path}`);
        const body = await res.text();
        assert.equal(res.status, 400, path);
        assert.match(body, new RegExp(`^<!doctype html><html lang="${lang}">`));
        const label = field === 'date' ? m.common.date : m.changes[field];
        assert.ok(body.includes(escapeHtml(m.common.badDate(label, value))), `${lang}${path}`);
      }
    });
  }

  it('an empty date is no date: the page for today', async () => {
    const res = await app.request('/en/regions/KZ-27?date=');
    assert.equal(res.status, 200);
  });

  it('the checker names its own date fields, before 1900 and over 130 years too', async () => {
    for (const lang of LANGS) {
      const e = messagesFor(lang).check.errors;
      for (const [query, message] of [
        ['date=0050-01-01&age=8', e.date],
        ['birthDate=0000-01-01', e.birthDate],
        ['birthDate=2027-01-01', e.birthAfter],
        ['date=2050-01-01&birthDate=1900-01-01', e.birthTooOld],
      ] as const) {
        const res = await postCheck(lang, `region=KZ-27&dx=M08.2&${query}`);
        const body = await res.text();
        assert.equal(res.status, 400, `${lang} ${query}`);
        assert.ok(body.includes(escapeHtml(message)), `${lang} ${query}: ${message}`);
      }
    }
  });
});

describe('no English on Kazakh and Russian pages', () => {
  const EXTRA = [
    '/regions/KZ-10',
    '/regions/KZ-27?date=2019-01-01',
    '/regions/KZ-35/changes?from=2021-01-01&to=2026-11-24',
    '/acts/KZ-35.maslikhat.2021-02-25.34',
    '/check?region=KZ-10&age=8&dx=M08.2',
    '/check?region=KZ-35&date=2026-06-01&age=8&dx=M08.2&dx=J06.9',
    '/check?region=KZ-27&age=40&dx=M08.2&registered=0',
    '/check?region=KZ-27&dx=M08.2',
    '/regions/KZ-27?date=2026-02-30',
    '/search?q=жжжж',
    '/no-such-page',
  ];
  /** Words that are names, not English: the product names tegin, Adilet, the API. */
  const ALLOWED = new Set(['tegin', 'adilet', 'api', 'kz']);

  it('every page type, in kk and ru: no Latin word but INNs, codes, file names and names', async () => {
    const inns = new Set(
      [...services.registry.medicines.keys()].flatMap((inn) => inn.toLowerCase().split(/[^a-z]+/)),
    );
    const found: string[] = [];
    for (const lang of ['kk', 'ru'] as const) {
      for (const path of [...PAGES.map((p) => p.path), ...EXTRA]) {
        const body = await (
          path.startsWith('/check?')
            ? await postCheck(lang, path.slice('/check?'.length))
            : await app.request(`/${lang}${path}`)
        ).text();
        const visibleAttributes = [
          ...body.matchAll(/ (?:title|aria-label|placeholder|alt)="([^"]*)"/g),
        ].map((m) => m[1] ?? '');
        const text = body
          .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
          .replace(/<(\w+)[^>]*lang="en"[^>]*>[\s\S]*?<\/\1>/g, ' ')
          .replace(/<code[\s\S]*?<\/code>/g, ' ')
          .replace(/<[^>]+>/g, ' ')
          .replace(/&[a-z#0-9]+;/g, ' ');
        for (const chunk of [text, ...visibleAttributes]) {
          const words = chunk
            .replace(/\S+\/\S+\.txt/g, ' ') // source file names
            .replace(/KZ-\d\d\.[a-z]+\.\d{4}-\d\d-\d\d\.[\w.-]+/g, ' ') // act ids
            .replace(/\b[A-Z]\d\d(\.\d+)?\b|\b[A-Z]\d\d[A-Z]{2}\d\d\b/g, ' ') // ICD-10, ATC
            .match(/[A-Za-z]{2,}/g);
          for (const word of words ?? []) {
            const w = word.toLowerCase();
            if (ALLOWED.has(w) || inns.has(w) || /^[ivxlc]+$/.test(w)) continue;
            found.push(`${lang}${path}: ${word}`);
          }
        }
      }
    }
    assert.deepEqual([...new Set(found)], []);
  });
});
