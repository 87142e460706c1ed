/**
 * Caching of the real app per route class: public reads carry a strong ETag,
 * `Cache-Control: public`, `Vary`, answer 304 to If-None-Match and come
 * compressed (decoding to the very bytes sent uncompressed); answers with
 * patient facts are never marked shareable nor tagged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { pino } from 'pino';
import { startServices, type Services } from '../src/app/services.ts';
import { isoDate, type IsoDate } from '../src/domain/date.ts';
import { createApp } from '../src/http/app.ts';
import { loadedDatabase } from './support/database.ts';

let services: Services;
let app: ReturnType<typeof createApp>;
let today: IsoDate = isoDate('2026-11-24');

before(async () => {
  services = await startServices((await loadedDatabase()).storage, { info: () => undefined });
  app = createApp(
    { services, today: () => today },
    { logger: pino({ level: 'silent' }), bodyLimit: 64 * 1024 },
  );
});
after(() => services.storage.close());

const PUBLIC = [
  '/api/v1/regions',
  '/api/v1/regions/KZ-27/catalog',
  '/api/v1/regions/KZ-27/catalog?date=2026-03-01',
  '/api/v1/search?q=M08',
  '/fhir/R4/InsurancePlan',
  '/fhir/R4/Basic?code=M08.2',
  '/kk/regions/KZ-27',
  '/ru/search?q=артрит',
  '/en/medicines',
];

const FACTS = JSON.stringify({
  region: 'KZ-27',
  date: '2026-11-24',
  age: 8,
  diagnoses: [{ code: 'M08.2' }],
});

describe('public reads', () => {
  for (const path of PUBLIC) {
    it(`${path}: strong ETag, public Cache-Control, Vary, 304 on If-None-Match`, async () => {
      const res = await app.request(path);
      assert.equal(res.status, 200);
      const etag = res.headers.get('etag') ?? '';
      assert.match(etag, /^"[^"]+"$/, 'a strong tag');
      assert.match(res.headers.get('cache-control') ?? '', /^public, max-age=\d+/);
      assert.match(res.headers.get('vary') ?? '', /Accept-Encoding/);
      const length = (await res.arrayBuffer()).byteLength;
      assert.equal(res.headers.get('content-length'), String(length));
      const again = await app.request(path, { headers: { 'if-none-match': `"other", ${etag}` } });
      assert.equal(again.status, 304);
      assert.equal(again.headers.get('etag'), etag);
      assert.equal((await again.arrayBuffer()).byteLength, 0);
    });
  }

  it('compressed bodies decode to the bytes sent uncompressed', async () => {
    for (const path of [
      '/kk/regions/KZ-27',
      '/api/v1/regions/KZ-27/catalog',
      '/fhir/R4/InsurancePlan',
    ]) {
      const plain = Buffer.from(await (await app.request(path)).arrayBuffer());
      const gz = await app.request(path, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(gz.headers.get('content-encoding'), 'gzip', path);
      assert.deepEqual(gunzipSync(Buffer.from(await gz.arrayBuffer())), plain, path);
      const br = await app.request(path, { headers: { 'accept-encoding': 'gzip, br' } });
      assert.equal(br.headers.get('content-encoding'), 'br', path);
      assert.deepEqual(brotliDecompressSync(Buffer.from(await br.arrayBuffer())), plain, path);
    }
  });

  it('never gives two different bodies one ETag (language, query, coding, date)', async () => {
    const variants: [string, Record<string, string>][] = [
      ['/kk/search?q=M08', {}],
      ['/ru/search?q=M08', {}],
      ['/kk/search?q=M08.2', {}],
      ['/kk/search?q=M08', { 'accept-encoding': 'gzip' }],
      ['/fhir/R4/InsurancePlan', { 'accept-language': 'kk' }],
      ['/fhir/R4/InsurancePlan', { 'accept-language': 'ru' }],
      ['/api/v1/regions/KZ-27/catalog', {}],
      ['/api/v1/regions/KZ-27/catalog?date=2026-03-01', {}],
    ];
    const bodyByTag = new Map<string, string>();
    for (const [path, headers] of variants) {
      const res = await app.request(path, { headers });
      const body = Buffer.from(await res.arrayBuffer()).toString('base64');
      const tag = res.headers.get('etag') ?? '';
      assert.ok(!bodyByTag.has(tag), `${path} ${JSON.stringify(headers)} reuses ${tag}`);
      bodyByTag.set(tag, body);
    }
  });

  it('varies FHIR answers by Accept-Language', async () => {
    const ru = await app.request('/fhir/R4/InsurancePlan', {
      headers: { 'accept-language': 'ru' },
    });
    assert.match(ru.headers.get('vary') ?? '', /Accept-Language/);
    const en = await app.request('/fhir/R4/InsurancePlan', {
      headers: { 'accept-language': 'en' },
    });
    assert.notEqual(await ru.text(), await en.text());
  });

  it('tags a catalogue asked without a date by the day it was answered for', async () => {
    const tag = (await app.request('/api/v1/regions/KZ-27/catalog')).headers.get('etag') ?? '';
    today = isoDate('2026-11-25');
    try {
      const next = await app.request('/api/v1/regions/KZ-27/catalog', {
        headers: { 'if-none-match': tag },
      });
      assert.equal(next.status, 200);
      assert.notEqual(next.headers.get('etag'), tag);
      assert.equal(((await next.json()) as { date: string }).date, '2026-11-25');
    } finally {
      today = isoDate('2026-11-24');
    }
  });
});

describe('answers with patient facts', () => {
  const cases: [string, RequestInit][] = [
    [
      '/api/v1/entitlements',
      { method: 'POST', body: FACTS, headers: { 'content-type': 'application/json' } },
    ],
    ['/kk/check?region=KZ-27&age=8&dx=M08.2', {}],
    [
      '/kk/check',
      {
        method: 'POST',
        body: 'region=KZ-27&age=8&dx=M08.2&go=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    ],
  ];
  for (const [path, init] of cases) {
    it(`${init.method ?? 'GET'} ${path}: no ETag, never public`, async () => {
      const res = await app.request(path, init);
      assert.ok(res.status < 500, `${res.status}`);
      assert.equal(res.headers.get('etag'), null);
      assert.doesNotMatch(res.headers.get('cache-control') ?? '', /public/);
    });
  }

  it('are compressed for each request when asked, decoding to the same bytes', async () => {
    const init = cases[2]?.[1] as RequestInit;
    const plain = Buffer.from(await (await app.request('/kk/check', init)).arrayBuffer());
    const gz = await app.request('/kk/check', {
      ...init,
      headers: { ...(init.headers as Record<string, string>), 'accept-encoding': 'gzip' },
    });
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.match(gz.headers.get('vary') ?? '', /Accept-Encoding/i);
    assert.equal(gz.headers.get('etag'), null);
    const body = Buffer.from(await gz.arrayBuffer());
    assert.equal(gz.headers.get('content-length'), String(body.length));
    // The page holds a fresh request id; compare the rest.
    const strip = (b: Buffer) => b.toString('utf8').replace(/[0-9a-f-]{36}/g, 'ID');
    assert.equal(strip(gunzipSync(body)), strip(plain));
  });
});
