/**
 * The HTTP API in-process (`app.request()`, no ports) on an in-memory PGlite
 * database: the same answers as the CLI, problem+json errors naming the field,
 * limits, request ids, and an OpenAPI document that a real linter passes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { pino } from 'pino';
import { startServices, type Services } from '../src/app/services.ts';
import { main } from '../src/cli/main.ts';
import { isoDate } from '../src/domain/date.ts';
import { createApp } from '../src/http/app.ts';
import { loadedDatabase } from './support/database.ts';
import { regionCount } from './support/counts.ts';

let services: Services;
let app: ReturnType<typeof createApp>;

before(async () => {
  services = await startServices((await loadedDatabase()).storage, { info: () => undefined });
  app = createApp(
    { services, today: () => isoDate('2026-11-24') },
    { logger: pino({ level: 'silent' }), bodyLimit: 4096 },
  );
});
after(() => services.storage.close());

async function cli(...argv: string[]): Promise<unknown> {
  let out = '';
  const code = await main([...argv, '--json'], {
    stdout: (t) => (out += t),
    stderr: () => undefined,
  });
  assert.equal(code, 0);
  return JSON.parse(out);
}

async function get(
  path: string,
): Promise<{ status: number; body: unknown; type: string | null; res: Response }> {
  const res = await app.request(path);
  return { status: res.status, body: await res.json(), type: res.headers.get('content-type'), res };
}

const post = (
  path: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) => app.request(path, { method: 'POST', body, headers });

describe('HTTP API answers equal CLI answers', () => {
  it('catalogue', async () => {
    const api = await get('/api/v1/regions/west-kazakhstan/catalog?date=2026-11-24');
    assert.equal(api.status, 200);
    assert.deepEqual(
      api.body,
      await cli('catalog', '--region', 'west-kazakhstan', '--date', '2026-11-24'),
    );
  });

  it('entitlements', async () => {
    const facts = {
      region: 'KZ-27',
      date: '2026-11-24',
      age: 8,
      diagnoses: [{ code: 'G80.1' }, { code: 'm08.2' }],
    };
    const res = await post('/api/v1/entitlements', JSON.stringify(facts));
    assert.equal(res.status, 200);
    const expected = await cli(
      'entitlements',
      '--region',
      'KZ-27',
      '--date',
      '2026-11-24',
      '--age',
      '8',
      '--icd10',
      'G80.1',
      '--icd10',
      'm08.2',
    );
    assert.deepEqual(await res.json(), expected);
  });

  it('entitlements for a non-citizen, a patient served elsewhere, and a confirmed broad code', async () => {
    const ask = async (over: object) => {
      const body = { region: 'KZ-35', date: '2026-11-24', age: 34, diagnoses: [{ code: 'E75.2' }] };
      const res = await post('/api/v1/entitlements', JSON.stringify({ ...body, ...over }));
      assert.equal(res.status, 200);
      return (await res.json()) as {
        entitlements: { status: string; unmet: string[]; reason: { code: string } | null }[];
        assumptions: { fact: string }[];
      };
    };
    const plain = await ask({});
    assert.deepEqual(plain.entitlements[0]?.unmet, ['diagnosis_confirmation']);
    assert.deepEqual(
      plain.assumptions.map((a) => a.fact),
      ['citizenship', 'served_in', 'dispensary_registration'],
    );
    const confirmed = await ask({ diagnoses: [{ code: 'E75.2', confirmed: true }] });
    assert.equal(confirmed.entitlements[0]?.status, 'entitled');
    const foreign = await ask({ citizenship: 'other' });
    assert.equal(foreign.entitlements[0]?.reason?.code, 'not_citizen');
    const elsewhere = await ask({ servedIn: 'west-kazakhstan' });
    assert.equal(elsewhere.entitlements[0]?.reason?.code, 'not_served_in_region');
  });

  it('search, diff and compare', async () => {
    assert.deepEqual(
      (await get('/api/v1/search?q=canakinumab')).body,
      await cli('search', 'canakinumab'),
    );
    assert.deepEqual(
      (await get('/api/v1/regions/KZ-27/diff?from=2025-06-01&to=2026-11-24')).body,
      await cli('diff', '--region', 'KZ-27', '--from', '2025-06-01', '--to', '2026-11-24'),
    );
    assert.deepEqual(
      (await get('/api/v1/compare?regions=KZ-27,KZ-35&date=2026-11-24')).body,
      await cli('compare', '--regions', 'KZ-27,KZ-35', '--date', '2026-11-24'),
    );
  });
});

describe('HTTP API resources', () => {
  it('lists every region with how many list texts each has', async () => {
    const { body } = await get('/api/v1/regions');
    const regions = (body as { regions: { code: string; lists: number }[] }).regions;
    assert.equal(regions.length, regionCount());
    assert.equal(regions.find((r) => r.code === 'KZ-27')?.lists, 1);
  });

  it('shows an item with citation, history and the acts behind it', async () => {
    const { status, body } = await get('/api/v1/regions/KZ-27/items/1/26?date=2026-11-24');
    assert.equal(status, 200);
    const detail = body as {
      item: { status: string };
      history: { status: string }[];
      acts: { id: string }[];
    };
    assert.equal(detail.item.status, 'excluded');
    assert.deepEqual(
      detail.history.map((h) => h.status),
      ['excluded'],
    );
    assert.ok(detail.acts.some((a) => a.id === 'KZ-27.maslikhat.2025-12-15.22-5'));
  });

  it('lists acts with effective dates, by region', async () => {
    const { body } = await get('/api/v1/acts?region=KZ-35');
    const acts = (body as { acts: { id: string; effective: { kind: string } }[] }).acts;
    assert.equal(acts.length, 15);
    const one = await get('/api/v1/acts/KZ-27.maslikhat.2025-12-15.22-5');
    assert.deepEqual((one.body as { effective: unknown }).effective, {
      kind: 'known',
      date: '2026-01-01',
      basis: 'stated_date',
    });
  });

  it('uses today in Kazakhstan when no date is given', async () => {
    const { body } = await get('/api/v1/regions/KZ-35/catalog');
    assert.equal((body as { date: string }).date, '2026-11-24');
  });

  it('reports health and readiness with the registry version', async () => {
    assert.deepEqual((await get('/health')).body, { status: 'ok' });
    assert.deepEqual((await get('/ready')).body, {
      status: 'ready',
      storage: 'pglite',
      registryVersion: 1,
    });
  });
});

describe('HTTP API errors are problem+json naming the field and the reason', () => {
  const expectProblem = async (res: Response, status: number, code: string, fieldName?: string) => {
    assert.equal(res.status, status);
    assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const body = (await res.json()) as {
      code: string;
      requestId: string;
      errors?: { field: string }[];
      title: string;
      detail: string;
    };
    assert.equal(body.code, code);
    assert.equal(body.requestId, res.headers.get('x-request-id'));
    if (fieldName)
      assert.ok(
        body.errors?.some((e) => e.field === fieldName),
        JSON.stringify(body),
      );
    return body;
  };

  it('an impossible date, an unknown region, an unknown item, an unknown route', async () => {
    await expectProblem(
      await app.request('/api/v1/regions/KZ-27/catalog?date=2026-02-30'),
      400,
      'HTTP_INVALID',
      'query.date',
    );
    const region = await expectProblem(
      await app.request('/api/v1/regions/atlantis/catalog'),
      404,
      'HTTP_NOT_FOUND',
    );
    assert.match(region.detail, /path\.region: "atlantis" is not a region/);
    await expectProblem(
      await app.request('/api/v1/regions/KZ-27/items/1/99'),
      404,
      'HTTP_NOT_FOUND',
    );
    await expectProblem(await app.request('/api/v1/nothing'), 404, 'HTTP_NOT_FOUND');
    await expectProblem(
      await app.request('/api/v1/regions/KZ-27/diff?from=2026-11-24&to=2026-01-01'),
      400,
      'HTTP_INVALID',
      'query.from',
    );
  });

  it('bad patient facts: malformed ICD-10, bad IIN, wrong types, broken JSON', async () => {
    const facts = (over: object) =>
      JSON.stringify({
        region: 'KZ-27',
        date: '2026-11-24',
        age: 8,
        diagnoses: [{ code: 'M08' }],
        ...over,
      });
    const icd = await expectProblem(
      await post('/api/v1/entitlements', facts({ diagnoses: [{ code: 'M8' }] })),
      400,
      'HTTP_INVALID',
      'body.diagnoses.0.code',
    );
    assert.match(icd.detail, /"M8" is not an ICD-10 code/);
    await expectProblem(
      await post('/api/v1/entitlements', facts({ iin: '900101300125', age: undefined })),
      400,
      'HTTP_INVALID',
      'body.iin',
    );
    await expectProblem(
      await post('/api/v1/entitlements', facts({ age: 'ten' })),
      400,
      'HTTP_INVALID',
      'body.age',
    );
    await expectProblem(
      await post('/api/v1/entitlements', facts({ extra: 1 })),
      400,
      'HTTP_INVALID',
    );
    await expectProblem(await post('/api/v1/entitlements', '{"region": '), 400, 'HTTP_INVALID');
    await expectProblem(
      await post('/api/v1/entitlements', facts({ citizenship: 'mars' })),
      400,
      'HTTP_INVALID',
      'body.citizenship',
    );
    await expectProblem(
      await post('/api/v1/entitlements', facts({ servedIn: 'atlantis' })),
      400,
      'HTTP_INVALID',
      'body.servedIn',
    );
  });

  it('says what is wrong in its own words, never a library message', async () => {
    const facts = (over: object) =>
      JSON.stringify({
        region: 'KZ-27',
        date: '2026-11-24',
        age: 8,
        diagnoses: [{ code: 'M08' }],
        ...over,
      });
    const cases: [object, string, RegExp][] = [
      [{ age: 300 }, 'body.age', /expected a whole number of years 0–130/],
      [{ age: -3 }, 'body.age', /expected a whole number of years 0–130/],
      [{ age: 1.5 }, 'body.age', /expected a whole number of years 0–130/],
      [{ diagnoses: [] }, 'body.diagnoses', /give at least one diagnosis/],
      [{ date: 20261124 }, 'body.date', /expected a date as "YYYY-MM-DD"/],
      [{ extra: 1 }, 'body', /unknown field\(s\) "extra"/],
      [
        { date: '0050-01-01' },
        'body.date',
        /"0050-01-01" is not a plausible date: the earliest is 1900-01-01/,
      ],
      [{ birthDate: '0000-01-01', age: undefined }, 'body.birthDate', /not a plausible date/],
      [
        { date: '2050-01-01', birthDate: '1900-01-01', age: undefined },
        'body.birthDate',
        /more than 130 years/,
      ],
    ];
    for (const [over, field, message] of cases) {
      const problem = await expectProblem(
        await post('/api/v1/entitlements', facts(over)),
        400,
        'HTTP_INVALID',
      );
      const text = JSON.stringify(problem).replace(/\\"/g, `"`);
      assert.ok(text.includes(`"${field}"`), `${JSON.stringify(over)} names ${field}: ${text}`);
      assert.match(text, message, JSON.stringify(over));
      assert.doesNotMatch(
        text,
        /Invalid input|Too (big|small)|Unrecognized key/,
        JSON.stringify(over),
      );
    }
    const catalog = await get('/api/v1/regions/KZ-27/catalog?date=0201-05-03');
    assert.equal(catalog.status, 400);
    assert.match(JSON.stringify(catalog.body), /0201-05-03\\*" is not a plausible date/);
  });

  it('a body above the limit', async () => {
    const big = JSON.stringify({
      region: 'KZ-27',
      date: '2026-11-24',
      age: 8,
      diagnoses: [{ code: 'M08' }],
      pad: 'x'.repeat(5000),
    });
    // Chunked (no Content-Length: bytes counted as read) and declared by Content-Length.
    await expectProblem(await post('/api/v1/entitlements', big), 413, 'HTTP_BODY_TOO_LARGE');
    const declared = await post('/api/v1/entitlements', big, {
      'content-type': 'application/json',
      'content-length': String(big.length),
    });
    await expectProblem(declared, 413, 'HTTP_BODY_TOO_LARGE');
  });
});

describe('OpenAPI', () => {
  it('is served as OpenAPI 3.1 and passes the Redocly linter with no problems', async () => {
    const { status, body } = await get('/api/openapi.json');
    assert.equal(status, 200);
    const doc = body as { openapi: string; paths: Record<string, unknown> };
    assert.equal(doc.openapi, '3.1.0');
    for (const path of [
      '/api/v1/regions',
      '/api/v1/regions/{region}/catalog',
      '/api/v1/entitlements',
      '/api/v1/search',
    ]) {
      assert.ok(doc.paths[path], path);
    }
    const config = await createConfig({
      extends: ['recommended'],
      rules: { 'info-license-url': 'off' },
    });
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: 'openapi.json',
      config,
    });
    const described = problems.map(
      (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`,
    );
    assert.deepEqual(described, []);
  });

  it('has a browsable reference page that works offline', async () => {
    const page = await app.request('/api/docs');
    assert.equal(page.status, 200);
    assert.match(await page.text(), /swagger-ui-bundle\.js/);
    const asset = await app.request('/api/docs/assets/swagger-ui-bundle.js');
    assert.equal(asset.status, 200);
    assert.ok((await asset.text()).length > 100_000);
  });
});
