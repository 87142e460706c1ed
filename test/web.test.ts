/**
 * The web pages in-process (`app.request()`): every page in kk, ru and en
 * (status, `lang`, key content in that language), escaping of every value a
 * visitor can send, the honest answers (uncertain, not covered, excluded,
 * unnamed products), citations on every item, the checker as a plain form
 * post, the filter and suggestion endpoints, the assets and the JS budget,
 * and that the API's responses are untouched.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { evaluateFor } from '../src/app/queries.ts';
import { type Services } from '../src/app/services.ts';
import { MISSING_NAME } from '../src/domain/labels.ts';
import { LANGS, type Lang } from '../src/domain/text.ts';
import { en } from '../src/web/i18n/en.ts';
import { listSize } from './support/counts.ts';
import { messagesFor } from '../src/web/i18n/messages.ts';
import { PAGES, escapeHtml, pageRequest } from './support/web-pages.ts';
import { testApp, testServices, type TestApp } from './support/app.ts';

let services: Services;
let app: TestApp;

before(async () => {
  services = await testServices();
  app = testApp(services);
});
after(() => services.storage.close());

async function html(path: string, init?: RequestInit): Promise<{ status: number; body: string }> {
  const res = await app.request(path, init);
  const body = await res.text();
  if (res.status !== 302 && res.status !== 301) {
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/, `${path} is HTML`);
  }
  return { status: res.status, body };
}

const form = (lang: Lang, fields: [string, string][]) =>
  app.request(`/${lang}/check`, {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

describe('every page in every language', () => {
  for (const pageDef of PAGES) {
    for (const lang of LANGS) {
      it(`${pageDef.name} in ${lang}: 200, lang="${lang}", its content in ${lang}`, async () => {
        const m = messagesFor(lang);
        const { status, body } = await html(`/${lang}${pageDef.path}`, pageRequest(pageDef));
        assert.equal(status, 200, `${lang}${pageDef.path}`);
        assert.match(body, new RegExp(`^<!doctype html><html lang="${lang}">`));
        assert.match(body, /<title>[^<]+<\/title>/);
        assert.ok(body.includes(escapeHtml(m.nav.check)), 'navigation in the page language');
        for (const text of pageDef.expect(lang, m)) {
          assert.ok(body.includes(escapeHtml(text)), `${lang}${pageDef.path} shows "${text}"`);
        }
        // The language switch keeps the page and its query.
        for (const other of LANGS) {
          assert.ok(
            body.includes(`href="/${other}${escapeHtml(pageDef.path)}"`),
            `switch to ${other}`,
          );
        }
      });
    }
  }

  it('redirects / to /kk/ and /ru to /ru/', async () => {
    const root = await app.request('/');
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/kk/');
    assert.equal((await app.request('/ru')).headers.get('location'), '/ru/');
  });

  it('answers an unknown page, region, item, act or code with a 404 page in the language', async () => {
    for (const path of [
      '/ru/nothing-here',
      '/ru/regions/atlantis',
      '/ru/regions/KZ-27/items/1/999',
      '/ru/acts/KZ-27.maslikhat.1999-01-01.1',
      '/ru/medicines/unobtainium',
      '/ru/diagnoses/not-a-code',
    ]) {
      const { status, body } = await html(path);
      assert.equal(status, 404, path);
      assert.ok(body.includes(messagesFor('ru').common.notFoundTitle), path);
    }
  });
});

describe('interface strings', () => {
  const leaves = (value: unknown, path: string[] = []): [string, unknown][] =>
    typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))
      : [[path.join('.'), value]];
  const sample = (value: unknown): string =>
    typeof value === 'function' ? String(value('1', '2', '3')) : String(value);
  // The same in every language by design: the brand, and codes in `forDiagnosis`-like templates.
  const same = new Set(['site.name']);

  for (const lang of ['kk', 'ru'] as const) {
    it(`${lang} translates every string of the English dictionary`, () => {
      const dict = new Map(leaves(messagesFor(lang)));
      for (const [key, value] of leaves(en)) {
        assert.ok(dict.has(key), `${lang} has ${key}`);
        if (same.has(key)) continue;
        assert.notEqual(sample(dict.get(key)), sample(value), `${lang}.${key} is translated`);
      }
    });
  }

  it('Kazakh strings are written in Kazakh letters', () => {
    const kk = leaves(messagesFor('kk'))
      .map(([, v]) => sample(v))
      .join(' ');
    assert.match(kk, /[әіңғүұқөһ]/);
    assert.ok((kk.match(/[әіңғүұқөһ]/g) ?? []).length > 100);
  });
});

describe('escaping', () => {
  const evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>';

  it('escapes a search query everywhere it is echoed', async () => {
    const { body } = await html(`/en/search?q=${encodeURIComponent(evil)}`);
    assert.ok(!body.includes('<script>alert(1)'));
    assert.ok(!body.includes('<img src=x'));
    assert.ok(body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  it('escapes catalogue filters and checker input echoed back', async () => {
    const catalogue = await html(`/kk/regions/KZ-27?q=${encodeURIComponent(evil)}`);
    assert.ok(!catalogue.body.includes('<script>alert(1)'));
    const res = await form('ru', [
      ['go', '1'],
      ['region', 'KZ-27'],
      ['age', '8'],
      ['dx', evil],
    ]);
    const body = await res.text();
    assert.equal(res.status, 400);
    assert.ok(!body.includes('<script>alert(1)'));
    assert.ok(!body.includes('<img src=x'));
    assert.ok(body.includes('&lt;img src=x onerror=alert(2)&gt;'));
  });
});

describe('honest answers', () => {
  it('Karaganda before 22.11.2026: every item unknown, with the reason in the language', async () => {
    const { body } = await html('/en/regions/karaganda?date=2026-06-01');
    assert.ok(body.includes(en.common.coverage.uncertain));
    assert.ok(body.includes('whether it was in force on 01.06.2026 is unknown'));
    assert.equal((body.match(/class="badge s-unknown"/g) ?? []).length, listSize('KZ-35'));
    assert.equal((body.match(/class="badge s-in_force"/g) ?? []).length, 0);
  });

  it('West Kazakhstan before 01.01.2026: not covered, no items, a link to the first day', async () => {
    const { body } = await html('/ru/regions/west-kazakhstan?date=2025-12-31');
    assert.ok(body.includes(messagesFor('ru').common.coverage.not_covered));
    assert.ok(!body.includes('data-key='));
    assert.ok(body.includes('href="/ru/regions/west-kazakhstan?date=2026-01-01"'));
  });

  it('items 26 and 27 excluded, citing the excluding act', async () => {
    const { body } = await html('/en/regions/KZ-27/items/1/26');
    assert.ok(body.includes('class="badge s-excluded"'));
    assert.ok(
      body.includes('Excluded by decision of the West Kazakhstan oblast maslikhat No 22-5'),
    );
    assert.ok(body.includes('href="/en/acts/KZ-27.maslikhat.2025-12-15.22-5"'));
  });

  it('products the source does not name are shown as such, with the source wording', async () => {
    for (const lang of LANGS) {
      const { body } = await html(`/${lang}/regions/KZ-35/items/1/7`);
      assert.ok(body.includes(escapeHtml(MISSING_NAME[lang])), lang);
    }
  });

  it("editors' notes are in the reader's language: no English note text on kk and ru item pages", async () => {
    // English fragments of the notes of these items (item notes and ICD-10 mapping notes).
    const pages = {
      '/regions/KZ-35/items/1/7': [
        'The source names no medicine',
        'constitutional aplastic anaemia',
      ],
      '/regions/KZ-27/items/1/30': ['is probably a typo for', 'acquired stricture'],
      '/regions/KZ-27/items/1/5': ['is a typo for', 'printed in row 4'],
      '/acts/KZ-35.maslikhat.2021-02-25.34': ['acts are identified by issuer'],
      '/acts/KZ-27.maslikhat.2025-12-15.22-5': [
        'Not stated in the source',
        'Known only from the notes',
      ],
    };
    const warning = {
      kk: 'Дереккөз дәрілік заттың атауын көрсетпейді',
      ru: 'Источник не называет лекарственное средство',
      en: 'The source names no medicine',
    };
    for (const [path, english] of Object.entries(pages)) {
      const en = (await html(`/en${path}`)).body;
      for (const text of english) assert.ok(en.includes(text), `en ${path}: ${text}`);
      for (const lang of ['kk', 'ru'] as const) {
        const { body } = await html(`/${lang}${path}`);
        for (const text of english) assert.ok(!body.includes(text), `${lang} ${path}: ${text}`);
      }
    }
    for (const lang of LANGS) {
      const { body } = await html(`/${lang}/regions/KZ-35/items/1/7`);
      assert.ok(body.includes(warning[lang]), `${lang}: ${warning[lang]}`);
    }
  });

  it('every item of a list carries its citation with source lines', async () => {
    const { body } = await html('/kk/regions/KZ-27');
    const items = (body.match(/<article class="item/g) ?? []).length;
    assert.equal(items, listSize('KZ-27'));
    assert.equal((body.match(/<p class="cite">/g) ?? []).length, items);
    assert.ok(body.includes('KZ-27/source/001_85faccb45ed901bf.txt, 78–96 жолдар'));
  });

  it('an item page quotes its source lines verbatim', async () => {
    const { body } = await html('/en/regions/KZ-27/items/1/1');
    assert.ok(body.includes('<pre lang="kk"'));
    assert.ok(body.includes('Созылмалы жүрек'));
    assert.ok(body.includes('Source text, lines 78–96'));
  });
});

describe('the catalogue filter', () => {
  it('filters on the server and the instant-filter endpoint agrees', async () => {
    const { body } = await html('/en/regions/KZ-27?q=canakinumab&age=children');
    const hidden = (body.match(/<article class="item[^"]*"[^>]*hidden=""/g) ?? []).length;
    const total = listSize('KZ-27');
    const shown = total - hidden;
    const res = await app.request('/en/regions/KZ-27/match?q=canakinumab&age=children');
    const match = (await res.json()) as { keys: string[]; total: number; message: string };
    assert.equal(match.total, total);
    assert.equal(match.keys.length, shown);
    assert.ok(match.keys.includes('1.2'));
    assert.equal(match.message, en.catalog.showing(shown, total));
    assert.ok(body.includes(en.catalog.showing(shown, total)));
  });

  it('filters by section and by who the item is for', async () => {
    const all = (await (await app.request('/kk/regions/KZ-27/match')).json()) as { keys: string[] };
    const foods = (await (await app.request('/kk/regions/KZ-27/match?section=food')).json()) as {
      keys: string[];
    };
    const adults = (await (await app.request('/kk/regions/KZ-27/match?age=adults')).json()) as {
      keys: string[];
    };
    assert.equal(all.keys.length, listSize('KZ-27'));
    assert.ok(foods.keys.length > 0 && foods.keys.every((k) => k.startsWith('3.')));
    assert.ok(!adults.keys.includes('1.5'), 'juvenile dermatomyositis is for children');
  });
});

describe('a region page on a phone', () => {
  it('puts the search field before the folded title and filters, the list right after', async () => {
    const { body } = await html('/en/regions/KZ-27');
    const search = body.indexOf('id="f-q"');
    const firstItem = body.indexOf('<article');
    assert.match(body, /<details class="legal-title-box"><summary>/);
    assert.match(body, /<details class="more-filters"><summary>/, 'folded when no filter is used');
    assert.ok(search > 0 && search < body.indexOf('id="f-section"'));
    assert.ok(body.indexOf('id="f-date"') < firstItem);
    for (const used of ['?age=children', '?section=food', '?date=2026-03-01']) {
      const page = await html(`/en/regions/KZ-27${used}`);
      assert.match(page.body, /<details class="more-filters" open="">/, used);
    }
  });
});

describe('the checker as a plain form', () => {
  it('answers a form post with the engine’s answer, in the language, with citation', async () => {
    for (const lang of LANGS) {
      const res = await form(lang, [
        ['go', '1'],
        ['region', 'KZ-27'],
        ['date', '2026-11-24'],
        ['age', '8'],
        ['dx', 'M08.2'],
        ['dx', ''],
        ['registered', '1'],
      ]);
      const body = await res.text();
      assert.equal(res.status, 200, lang);
      const expected = evaluateFor(services.registry, services.engine, {
        region: 'KZ-27',
        date: '2026-11-24',
        age: 8,
        diagnoses: [{ code: 'M08.2' }],
      });
      assert.ok(expected.ok);
      const first = expected.result.entitlements[0];
      assert.ok(first);
      assert.equal(first.status, 'entitled');
      const m = messagesFor(lang);
      assert.ok(body.includes(escapeHtml(m.check.statusTitle.entitled)), lang);
      assert.ok(body.includes(escapeHtml(first.explanation[lang])), `${lang} explanation`);
      assert.ok(body.includes(escapeHtml(first.basis.text[lang])), `${lang} citation`);
      assert.ok(body.includes('98–144'), `${lang} source lines`);
    }
  });

  it('says what is still needed when a condition is unmet', async () => {
    const res = await form('en', [
      ['go', '1'],
      ['region', 'west-kazakhstan'],
      ['age', '8'],
      ['dx', 'M08.2'],
    ]);
    const body = await res.text();
    assert.ok(body.includes(en.check.statusTitle.conditional));
    assert.ok(body.includes(en.check.stillNeeded));
    assert.ok(body.includes('dispensary registration for the diagnosis'));
  });

  it('asks citizenship, attachment and a doctor’s confirmation, and answers by them', async () => {
    const post = (extra: [string, string][]) =>
      form('en', [
        ['go', '1'],
        ['region', 'KZ-35'],
        ['date', '2026-11-24'],
        ['age', '34'],
        ['dx', 'E75.2'],
        ...extra,
      ]);
    const plain = await (await post([])).text();
    assert.ok(plain.includes(en.check.statusTitle.conditional));
    assert.ok(
      plain.includes(
        escapeHtml("a clinician's confirmation that the diagnosis is the disease the list names"),
      ),
    );
    const confirmed = await (
      await post([
        ['confirmed', '1'],
        ['citizenship', 'KZ'],
        ['servedIn', ''],
      ])
    ).text();
    assert.ok(confirmed.includes(en.check.statusTitle.entitled));
    const foreign = await (
      await post([
        ['confirmed', '1'],
        ['citizenship', 'other'],
      ])
    ).text();
    assert.ok(foreign.includes(en.check.statusTitle.not_entitled));
    assert.ok(foreign.includes('the patient is not a citizen of the Republic of Kazakhstan'));
    const elsewhere = await (
      await post([
        ['confirmed', '1'],
        ['servedIn', 'unknown'],
      ])
    ).text();
    assert.ok(
      elsewhere.includes(escapeHtml("attachment to a medical organisation of the list's region")),
    );
    const { body } = await html('/en/check?region=karaganda');
    assert.match(body, /<option value="KZ" selected="">/);
    assert.match(body, /name="servedIn"[^>]*>\s*<option value="" selected="">/);
  });

  it('Karaganda inside the unknown window: cannot tell, and why', async () => {
    const res = await form('kk', [
      ['go', '1'],
      ['region', 'KZ-35'],
      ['date', '2026-06-01'],
      ['birthDate', '2015-05-05'],
      ['dx', 'M08'],
      ['registered', '1'],
    ]);
    const body = await res.text();
    assert.equal(res.status, 200);
    assert.ok(body.includes(messagesFor('kk').check.statusTitle.unknown));
    assert.ok(body.includes('белгісіз'));
  });

  it('reads a diagnosis name and says how it read it', async () => {
    const res = await form('ru', [
      ['go', '1'],
      ['region', 'KZ-27'],
      ['age', '8'],
      ['dx', 'ювенильный артрит'],
      ['registered', '1'],
    ]);
    const body = await res.text();
    assert.equal(res.status, 200);
    assert.ok(
      body.includes(
        escapeHtml(messagesFor('ru').check.interpreted('ювенильный артрит', 'M08, M09')),
      ),
    );
    assert.ok(body.includes(escapeHtml(messagesFor('ru').check.statusTitle.entitled)));
  });

  it('keeps patient facts out of addresses and caches: GET never answers, the answer is no-store', async () => {
    const res = await app.request('/ru/check?region=KZ-27&age=8&dx=M08.2&birthDate=2015-01-01');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/ru/check?region=KZ-27');
    for (const query of ['?dx=M08.2', '?go=1&age=8', '?birthDate=2015-01-01&region=']) {
      const r = await app.request(`/en/check${query}`);
      assert.equal(r.status, 303, query);
      assert.equal(r.headers.get('location'), '/en/check', query);
    }
    const answer = await form('en', [
      ['go', '1'],
      ['region', 'KZ-27'],
      ['age', '8'],
      ['dx', 'M08.2'],
    ]);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    const { body } = await html('/en/check?region=KZ-27');
    assert.ok(!body.includes(escapeHtml(en.check.resultsTitle)), 'a GET shows the form only');
  });

  it('answers a broken form body with the form and 400, not an error', async () => {
    for (const [type, body] of [
      [
        'multipart/form-data; boundary=xyz',
        '--xyz\r\nContent-Disposition: form-data; name="a"\r\n',
      ],
      ['multipart/form-data', 'garbage'],
      ['multipart/form-data; boundary=', ''],
    ] as const) {
      const res = await app.request('/kk/check', {
        method: 'POST',
        body,
        headers: { 'content-type': type },
      });
      assert.equal(res.status, 400, type);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    }
  });

  it('a diagnosis outside the list: not entitled under the regional list, said plainly', async () => {
    const res = await form('en', [
      ['go', '1'],
      ['region', 'KZ-27'],
      ['age', '40'],
      ['dx', 'J06.9'],
    ]);
    const body = await res.text();
    assert.ok(body.includes(en.check.noItems('J06.9')));
    assert.ok(body.includes(escapeHtml(en.check.noItemsNote)));
  });

  it('names each field that is wrong, in the language, and keeps what was typed', async () => {
    const res = await form('kk', [
      ['go', '1'],
      ['region', ''],
      ['dx', ''],
    ]);
    const body = await res.text();
    const m = messagesFor('kk');
    assert.equal(res.status, 400);
    for (const message of [
      m.check.errors.region,
      m.check.errors.ageMissing,
      m.check.errors.dxMissing,
    ]) {
      assert.ok(body.includes(escapeHtml(message)), message);
    }
    assert.ok(body.includes('aria-invalid="true"'));
    const ambiguous = await form('en', [
      ['go', '1'],
      ['region', 'KZ-27'],
      ['age', '30'],
      ['dx', 'arthritis'],
    ]);
    const text = await ambiguous.text();
    assert.ok(text.includes(escapeHtml(en.check.errors.dxAmbiguous('arthritis'))));
    assert.ok(text.includes('value="arthritis"'));
  });

  it('the form opens with the region preselected and registration ticked', async () => {
    const { body } = await html('/en/check?region=karaganda');
    assert.match(body, /<option value="KZ-35" selected="">/);
    assert.match(body, /id="ck-registered" name="registered" type="checkbox" value="1" checked=""/);
    assert.ok(body.includes('method="post"'));
  });
});

describe('suggestions', () => {
  it('suggests diagnoses by code or words, worded in the page language', async () => {
    const kk = (await (await app.request('/kk/suggest?q=M08')).json()) as {
      suggestions: { code: string; label: string }[];
    };
    assert.ok(kk.suggestions.some((s) => s.code === 'M08' && s.label === 'Ювенильдық артрит'));
    const ru = (await (
      await app.request(`/ru/suggest?q=${encodeURIComponent('артрит')}`)
    ).json()) as {
      suggestions: { code: string; label: string }[];
    };
    assert.ok(ru.suggestions.some((s) => s.code === 'M08' && /артрит/i.test(s.label)));
    const none = (await (await app.request('/en/suggest?q=a')).json()) as {
      suggestions: unknown[];
    };
    assert.deepEqual(none.suggestions, []);
  });
});

describe('assets and the JavaScript budget', () => {
  const BUDGET = 60 * 1024;

  it('serves one stylesheet and one script, cacheable for a year', async () => {
    const { body } = await html('/kk/');
    const urls = [...body.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
    assert.equal(urls.length, 2);
    for (const url of urls) {
      const res = await app.request(url);
      assert.equal(res.status, 200, url);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    }
  });

  for (const lang of LANGS) {
    it(`keeps every page under ${BUDGET / 1024} KB of gzipped JavaScript (${lang})`, async (t) => {
      for (const pageDef of PAGES) {
        const { body } = await html(`/${lang}${pageDef.path}`, pageRequest(pageDef));
        assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(body), 'no inline scripts');
        const scripts = [...body.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map(
          (m) => m[1] as string,
        );
        let bytes = 0;
        for (const src of scripts) {
          const res = await app.request(src);
          bytes += gzipSync(await res.text(), { level: 9 }).length;
        }
        assert.ok(bytes <= BUDGET, `${pageDef.name}: ${bytes} bytes`);
        if (lang === 'kk') t.diagnostic(`JS ${pageDef.name}: ${bytes} bytes gzipped`);
      }
    });
  }

  it('compresses pages for clients that accept gzip', async () => {
    const res = await app.request('/kk/regions/KZ-27', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.headers.get('content-encoding'), 'gzip');
  });
});

describe('the API is untouched by the pages', () => {
  it('keeps JSON as JSON (compressed like any large answer) and unknown paths as problem+json', async () => {
    const api = await app.request('/api/v1/regions', { headers: { 'accept-encoding': 'gzip' } });
    assert.match(api.headers.get('content-type') ?? '', /^application\/json/);
    const missing = await app.request('/nope');
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-type') ?? '', /^application\/problem\+json/);
  });
});
