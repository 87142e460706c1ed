/**
 * Hostile requests, in-process: odd Host headers, prototype names as path
 * segments, thousands of repeated parameters, huge and deeply nested bodies,
 * wrong content types, broken multipart, NUL and bidi characters, Kazakh/Latin
 * look-alikes, SQL and path-traversal strings, dates in years 0000–0099.
 * Nothing answers 5xx, every refusal names what was wrong, and memory stays
 * bounded under keys a client chooses (measured in a child process).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { connect, type AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { type Services } from '../src/app/services.ts';
import { assertSane } from './support/hostile.ts';
import { testApp, testServices, type TestApp } from './support/app.ts';

let services: Services;
let app: TestApp;

before(async () => {
  services = await testServices();
  app = testApp(services);
});
after(() => services.storage.close());

const get = async (path: string, init?: RequestInit) =>
  assertSane(await app.request(path, init), path);

const postJson = async (path: string, body: string, type = 'application/json') =>
  assertSane(
    await app.request(path, { method: 'POST', body, headers: { 'content-type': type } }),
    `POST ${path} ${type} ${body.slice(0, 40)}`,
  );

/** Every route, with `{x}` where a client-chosen path segment goes. */
const TEMPLATES = [
  '/{x}',
  '/{x}/',
  '/api/{x}',
  '/api/v1/{x}',
  '/api/v1/regions/{x}/catalog',
  '/api/v1/regions/{x}/diff?from=2026-01-01&to=2026-11-24',
  '/api/v1/regions/KZ-27/items/{x}/1',
  '/api/v1/regions/KZ-27/items/1/{x}',
  '/api/v1/acts/{x}',
  '/api/docs/{x}',
  '/api/docs/assets/{x}',
  '/assets/{x}',
  '/fhir/R4/{x}',
  '/fhir/R4/InsurancePlan/{x}',
  '/fhir/R4/Basic/{x}',
  '/fhir/R4/MedicationKnowledge/{x}',
  '/{lang}/{x}',
  '/{lang}/regions/{x}',
  '/{lang}/regions/{x}/match',
  '/{lang}/regions/{x}/changes',
  '/{lang}/regions/KZ-27/items/{x}/1',
  '/{lang}/regions/KZ-27/items/1/{x}',
  '/{lang}/acts/{x}',
  '/{lang}/medicines/{x}',
  '/{lang}/diagnoses/{x}',
  '/{lang}/{x}/regions',
];

const SEGMENTS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'green',
  'open',
  'xkk',
  'rux',
  'enx',
  '%00',
  '%E2%80%AE',
  '%E0%A4%A',
  '%ZZ',
  '..%2F..%2Fpackage.json',
  '%2e%2e',
  "'%20OR%201=1--",
  'KZ-27%00',
  encodeURIComponent('КZ-27'), // Cyrillic К
  encodeURIComponent('west-kаzakhstan'), // Cyrillic а
  'a'.repeat(2000),
];

describe('hostile path segments', () => {
  it('prototype names, look-alikes, NUL, bidi, traversal: no 5xx under any route', async () => {
    for (const template of TEMPLATES) {
      for (const lang of template.includes('{lang}') ? ['kk', 'ru', 'en'] : ['']) {
        for (const segment of SEGMENTS) {
          await get(template.replace('{lang}', lang).replace('{x}', segment));
        }
      }
    }
  });

  it('an unknown path answers in its surface format: problem+json, OperationOutcome, a page', async () => {
    for (const path of ['/green/', '/open/', '/api/v1/rux', '/api/ruble', '/xkk/', '/enx']) {
      const res = await app.request(path);
      assert.equal(res.status, 404, path);
      assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/, path);
    }
    for (const path of ['/fhir/R4/rux', '/fhir/R4/green', '/fhir/R4/Basic/x/y']) {
      const res = await app.request(path);
      assert.equal(res.status, 404, path);
      assert.match(res.headers.get('content-type') ?? '', /^application\/fhir\+json/, path);
    }
    const page = await app.request('/ru/nope');
    assert.equal(page.status, 404);
    assert.match(await page.text(), /^<!doctype html><html lang="ru">/);
  });

  it('never serves a file outside the assets it knows', async () => {
    for (const path of [
      '/assets/..%2F..%2Fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/api/docs/assets/..%2Fpackage.json',
      '/api/docs/assets/__proto__',
      '/api/docs/assets/toString',
    ]) {
      const res = await app.request(path);
      assert.equal(res.status, 404, path);
      assert.ok(!(await res.text()).includes('"dependencies"'), path);
    }
  });
});

describe('hostile query strings', () => {
  it('thousands of repeated parameters: no 5xx, quick', async () => {
    const many = (name: string, value: string, n = 5000) =>
      Array.from({ length: n }, () => `${name}=${encodeURIComponent(value)}`).join('&');
    for (const path of [
      `/api/v1/compare?${many('regions', 'KZ-27,KZ-35')}`,
      `/api/v1/regions/KZ-27/catalog?${many('date', '2026-11-24')}`,
      `/api/v1/search?${many('q', 'canakinumab')}`,
      `/fhir/R4/Basic?${many('code', 'M08')}`,
      `/fhir/R4/InsurancePlan?${many('coverage-area', 'KZ-27')}`,
      `/kk/regions/KZ-27?${many('q', 'артрит')}`,
      `/en/compare?${many('a', 'KZ-27')}`,
      `/ru/search?${many('q', 'M08')}`,
      `/en/suggest?${many('q', 'M0')}`,
      `/en/check?${many('region', 'KZ-27')}`,
      `/kk/regions/KZ-27/changes?${many('from', '2025-01-01')}`,
    ]) {
      await get(path);
    }
  });

  it('compare refuses more than 20 regions with 400 naming query.regions and the limit', async () => {
    const keys = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? 'KZ-27' : `x${i}`));
    const res = await app.request(`/api/v1/compare?regions=${keys.slice(0, 60).join(',')}`);
    assert.equal(res.status, 400);
    const body = (await res.json()) as { errors: { field: string; message: string }[] };
    assert.equal(body.errors[0]?.field, 'query.regions');
    assert.match(body.errors[0]?.message ?? '', /at most 20/);
    const long = await app.request(`/api/v1/compare?regions=${keys.join(',')}`);
    assert.equal(long.status, 400, 'a regions list longer than its limit');
    assert.equal(
      ((await long.json()) as { errors: { field: string }[] }).errors[0]?.field,
      'query.regions',
    );
  });

  it('compare counts a region named twice (by code or slug) once', async () => {
    const same = await app.request('/api/v1/compare?regions=KZ-27,west-kazakhstan,KZ-27');
    assert.equal(same.status, 400);
    assert.match(await same.text(), /two different regions/);
    const res = await app.request('/api/v1/compare?regions=KZ-27,KZ-35,west-kazakhstan,KZ-35');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { regions: { code: string }[] };
    assert.deepEqual(
      body.regions.map((r) => r.code),
      ['KZ-27', 'KZ-35'],
    );
  });

  it('prototype names, NUL, bidi, SQL and odd encodings as names and values', async () => {
    const values = [
      '__proto__',
      'constructor',
      '\u0000',
      '\u202Eevil',
      "'; DROP TABLE list_items; --",
      '1 OR 1=1',
      '../../etc/passwd',
      'КZ-27',
      'west-kаzakhstan',
      'ә'.repeat(300),
      '%',
    ];
    const paths = [
      '/api/v1/search?q=',
      '/api/v1/regions/KZ-27/catalog?date=',
      '/api/v1/acts?region=',
      '/api/v1/compare?regions=KZ-27,',
      '/fhir/R4/Basic?code=',
      '/fhir/R4/InsurancePlan?coverage-area=',
      '/fhir/R4/InsurancePlan?date=',
      '/fhir/R4/MedicationKnowledge?code=',
      '/kk/search?q=',
      '/ru/regions/KZ-27?q=',
      '/en/suggest?q=',
      '/en/compare?a=',
      '/kk/diagnoses/M08?date=',
      '/kk/check?region=',
      '/en/check?dx=',
    ];
    for (const path of paths) {
      for (const value of values) await get(`${path}${encodeURIComponent(value)}`);
      await get(`${path}%E0%A4%A`);
    }
    for (const name of ['__proto__', 'constructor', 'toString', '%00', '%E0%A4%A']) {
      await get(`/kk/check?${name}=1`);
      await get(`/api/v1/regions/KZ-27/catalog?${name}=1`);
      await get(`/kk/regions/KZ-27?${name}=1&${name}=2`);
      await get(`/fhir/R4/Basic?${name}=1`);
    }
  });

  it('dates in years 0000–0099 and other odd dates: no 5xx anywhere', async () => {
    const dates = [
      '0000-01-01',
      '0000-02-29',
      '0004-02-29',
      '0099-12-31',
      '0001-01-01',
      '9999-12-31',
    ];
    for (const date of dates) {
      await get(`/api/v1/regions/KZ-27/catalog?date=${date}`);
      await get(`/api/v1/regions/KZ-35/items/1/1?date=${date}`);
      await get(`/api/v1/regions/KZ-27/diff?from=${date}&to=2026-11-24`);
      await get(`/api/v1/compare?regions=KZ-27,KZ-35&date=${date}`);
      await get(`/fhir/R4/InsurancePlan?date=${date}`);
      await get(`/fhir/R4/InsurancePlan?date=eq${date}`);
      await get(`/kk/regions/KZ-27?date=${date}`);
      await get(`/ru/regions/KZ-35/items/1/1?date=${date}`);
      await get(`/en/regions/KZ-27/changes?from=${date}&to=0099-12-31`);
      await get(`/en/medicines/canakinumab?date=${date}`);
      await get(`/kk/compare?a=KZ-27&b=KZ-35&date=${date}`);
      for (const birthDate of ['0000-01-01', '0050-06-15', date]) {
        await postJson(
          '/api/v1/entitlements',
          JSON.stringify({ region: 'KZ-27', date, birthDate, diagnoses: [{ code: 'M08.2' }] }),
        );
      }
    }
  });
});

describe('hostile bodies', () => {
  it('deeply nested and huge JSON, wrong shapes: 400 or 413 naming the body', async () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    for (const body of [
      deep(30_000),
      deepObject(10_000),
      `{"region":"KZ-27","date":"2026-11-24","age":8,"diagnoses":${deep(20_000)}}`,
      JSON.stringify({
        region: 'KZ-27',
        date: '2026-11-24',
        age: 8,
        diagnoses: [{ code: 'x'.repeat(60_000) }],
      }),
      JSON.stringify({ a: 'x'.repeat(100_000) }),
      JSON.stringify({
        region: 'KZ-27',
        date: '2026-11-24',
        age: 8,
        diagnoses: Array.from({ length: 2000 }, () => ({ code: 'M08' })),
      }),
      JSON.stringify({
        region: 'KZ-27',
        date: '2026-11-24',
        age: 8,
        diagnoses: [{ code: 'M08', commission: Array.from({ length: 5000 }, (_, i) => `i${i}`) }],
      }),
      '{"__proto__":{"admin":true},"region":"KZ-27"}',
      '{"constructor":{"prototype":{}}}',
      '"\u0000"',
      'null',
      '[]',
      '1e999999',
      '{"region":"\u202EKZ-27","date":"2026-11-24","age":8,"diagnoses":[{"code":"M08\u0000"}]}',
      '',
      '{',
    ]) {
      await postJson('/api/v1/entitlements', body);
      await postJson(
        '/fhir/R4/CoverageEligibilityRequest/$evaluate',
        body,
        'application/fhir+json',
      );
    }
  });

  it('a body over the limit is 413 before it is read', async () => {
    const res = await app.request('/api/v1/entitlements', {
      method: 'POST',
      body: 'x'.repeat(70_000),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.status, 413);
  });

  it('wrong content types and malformed multipart, to the API, FHIR and the checker', async () => {
    const valid = JSON.stringify({
      region: 'KZ-27',
      date: '2026-11-24',
      age: 8,
      diagnoses: [{ code: 'M08' }],
    });
    const types = [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'multipart/form-data; boundary=xyz',
      'multipart/form-data; boundary=',
      'application/xml',
      'application/json; charset=utf-16',
      '',
    ];
    const bodies = [
      valid,
      '--xyz\r\nContent-Disposition: form-data; name="region"\r\n\r\nKZ-27\r\n',
      '--xyz\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\nx\r\n--xyz--\r\n',
      'region=KZ-27&__proto__=x&constructor=y&dx=M08&age=8&go=1',
      'garbage',
    ];
    for (const type of types) {
      for (const body of bodies) {
        for (const path of [
          '/api/v1/entitlements',
          '/fhir/R4/CoverageEligibilityRequest/$evaluate',
          '/kk/check',
          '/en/check',
        ]) {
          const headers: Record<string, string> = type ? { 'content-type': type } : {};
          await assertSane(
            await app.request(path, { method: 'POST', body, headers }),
            path,
            `POST ${path} [${type}] ${body.slice(0, 30)}`,
          );
        }
      }
    }
  });

  it('methods a route does not take: no 5xx', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      for (const path of [
        '/api/v1/regions',
        '/api/v1/entitlements',
        '/fhir/R4/Basic',
        '/kk/check',
        '/kk/',
      ]) {
        await assertSane(await app.request(path, { method }), path, `${method} ${path}`);
      }
    }
  });
});

describe('hostile Host headers', () => {
  const HOSTS = [
    'evil.example',
    'tegin.kz.evil.example',
    'a'.repeat(3000),
    'xn--e1aybc.example',
    '127.0.0.1:1',
  ];

  it('in-process: any Host, no 5xx, and no answer echoes it', async () => {
    for (const host of HOSTS) {
      for (const path of [
        '/fhir/R4/metadata',
        '/fhir/R4/InsurancePlan?coverage-area=KZ-27',
        '/kk/',
        '/api/v1/regions',
        '/api/docs',
        '/nope',
      ]) {
        const text = await get(`http://${host}${path}`, { headers: { host } });
        assert.ok(!text.includes(host), `${host} echoed by ${path}`);
      }
    }
  });

  it('over a socket: odd, unicode, huge or missing Host headers get no 5xx and no echo', async () => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    try {
      const { port } = server.address() as AddressInfo;
      const raw = (request: string) =>
        new Promise<string>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () => socket.end(request));
          let out = '';
          socket.on('data', (d) => (out += d.toString('latin1')));
          socket.on('close', () => resolve(out));
          socket.on('error', reject);
        });
      for (const host of [...HOSTS, 'тегин.kz', 'x y', '[::1', 'a@b', 'h\u202Eq', '']) {
        const answer = await raw(
          `GET /fhir/R4/InsurancePlan?coverage-area=KZ-27 HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
        );
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
        assert.ok(status >= 200 && status < 500, `${JSON.stringify(host.slice(0, 30))}: ${status}`);
        if (host) assert.ok(!answer.includes(host), `${host.slice(0, 30)} echoed`);
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('memory under keys a client chooses', () => {
  it('2,000 distinct Host headers and 6,000 distinct query dates leave the heap < 8 MB larger', async () => {
    // Before the fix: each Host built its own FHIR index (300 hosts: +370 MB), and each date
    // kept a reason sentence (≈ 2 KB a date: 6,000 dates ≈ +12 MB).
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'test/support/memory-probe.ts', '2000', '6000'],
      { maxBuffer: 1 << 20, timeout: 300_000 },
    );
    const result = JSON.parse(stdout) as Record<
      'hosts' | 'dates',
      { count: number; statuses: number[]; growthBytes: number }
    >;
    for (const kind of ['hosts', 'dates'] as const) {
      const { statuses, growthBytes } = result[kind];
      assert.deepEqual(statuses, [200], kind);
      assert.ok(growthBytes < 8 * 1024 * 1024, `${kind}: heap grew ${growthBytes} bytes`);
    }
  });
});
