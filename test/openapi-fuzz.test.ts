/**
 * Fuzzing driven by the OpenAPI document: for every operation of
 * `GET /api/openapi.json`, path, query and body values are generated from the
 * schemas, mixed with arbitrary and hostile strings, and sent in-process. No
 * answer may be a 5xx, and every refusal must be problem+json naming a field
 * (test/support/hostile.ts). FHIR search and `$evaluate` get the same treatment.
 * Bounded: a few hundred runs in all; the seed is logged (FUZZ_SEED=… replays).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { type Services } from '../src/app/services.ts';
import { assertSane } from './support/hostile.ts';
import { testApp, testServices, type TestApp } from './support/app.ts';

interface Schema {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  $ref?: string;
  example?: unknown;
  description?: string;
}

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS_PER_OPERATION = 30;

let services: Services;
let app: TestApp;
let doc: OpenApi;
let regionKeys: string[];

before(async () => {
  services = await testServices();
  app = testApp(services);
  doc = (await (await app.request('/api/openapi.json')).json()) as OpenApi;
  regionKeys = services.registry.regions.flatMap((r) => [r.code, r.slug]);
});
after(() => services.storage.close());

const HOSTILE = [
  '__proto__',
  'constructor',
  'toString',
  '',
  ' ',
  '\u0000',
  '\u202E',
  'КZ-27',
  "' OR 1=1 --",
  '../../etc/passwd',
  '%',
  '%00',
  'ә'.repeat(250),
  '0000-01-01',
  '0099-12-31',
  '2026-02-30',
  '-1',
  '1e309',
];

/** A date-like string: any year 0000–9999, months and days a little out of range too. */
const dateLike = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
  )
  .map(
    ([y, m, d]) =>
      `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  );

const isDateSchema = (schema: Schema, name: string) =>
  /YYYY-MM-DD/.test(schema.description ?? '') || /^(date|birthDate|from|to)$/.test(name);

/** Values for a schema: conforming ones, the example, and arbitrary or hostile strings. */
function valueOf(schema: Schema, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const target = doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
    return target ? valueOf(target, name, depth) : fc.constant(null);
  }
  const wild = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...HOSTILE));
  const known: fc.Arbitrary<unknown>[] = [];
  if (schema.example !== undefined) known.push(fc.constant(schema.example));
  if (schema.enum) known.push(fc.constantFrom(...schema.enum));
  if (schema.anyOf) known.push(fc.oneof(...schema.anyOf.map((s) => valueOf(s, name, depth + 1))));
  switch (schema.type) {
    case 'string':
      if (isDateSchema(schema, name)) known.push(dateLike);
      if (name === 'region' || name === 'regions') {
        known.push(fc.constantFrom(...regionKeys));
        known.push(
          fc.array(fc.constantFrom(...regionKeys), { maxLength: 30 }).map((k) => k.join(',')),
        );
      }
      if (name === 'code') known.push(fc.stringMatching(/^[A-Za-z]\d{2}(\.?\d{0,2})$/));
      if (schema.pattern) known.push(fc.stringMatching(new RegExp(schema.pattern)));
      known.push(
        fc.string({
          minLength: schema.minLength ?? 0,
          maxLength: Math.min(schema.maxLength ?? 40, 40),
        }),
      );
      break;
    case 'integer':
    case 'number':
      known.push(fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 }));
      known.push(fc.constantFrom(-1, 1e9, 0.5, Number.MAX_SAFE_INTEGER));
      break;
    case 'boolean':
      known.push(fc.boolean());
      break;
    case 'array':
      if (schema.items && depth < 4) {
        known.push(
          fc.array(valueOf(schema.items, name, depth + 1), {
            minLength: schema.minItems ?? 0,
            maxLength: Math.min(schema.maxItems ?? 5, 5),
          }),
        );
      }
      known.push(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 60 }));
      break;
    case 'object': {
      if (depth < 4) {
        const props = Object.entries(schema.properties ?? {});
        const required = new Set(schema.required ?? []);
        known.push(
          fc.record(
            Object.fromEntries(props.map(([key, s]) => [key, valueOf(s, key, depth + 1)])),
            { requiredKeys: props.map(([key]) => key).filter((key) => required.has(key)) },
          ),
        );
      }
      known.push(
        fc.dictionary(
          fc.constantFrom('__proto__', 'constructor', 'extra', 'region'),
          fc.jsonValue({ maxDepth: 2 }),
        ),
      );
      break;
    }
  }
  return fc.oneof(
    { weight: 3, arbitrary: fc.oneof(...(known.length > 0 ? known : [wild])) },
    { weight: 1, arbitrary: wild },
    {
      weight: 1,
      arbitrary: fc.jsonValue({ maxDepth: 2 }),
    },
  );
}

const asText = (value: unknown) =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? '');

/** A whole request for an operation: path, query (values sometimes repeated or missing), body. */
function requestOf(
  path: string,
  method: string,
  op: Operation,
): fc.Arbitrary<{ url: string; init: RequestInit }> {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const body = op.requestBody?.content['application/json']?.schema;
  return fc
    .record({
      path: fc.tuple(...pathParams.map((p) => valueOf(p.schema, p.name))),
      query: fc.tuple(
        ...queryParams.map((p) =>
          fc.option(fc.array(valueOf(p.schema, p.name), { minLength: 1, maxLength: 3 }), {
            nil: undefined,
            freq: p.required ? 8 : 3,
          }),
        ),
      ),
      extraQuery: fc.option(
        fc.tuple(fc.constantFrom(...HOSTILE, 'q', 'date'), fc.string({ maxLength: 20 })),
        { nil: undefined },
      ),
      body: body ? valueOf(body) : fc.constant(undefined),
      rawBody: fc.option(
        fc.constantFrom('{', '[[[[', '', 'null', '\u0000', '{"__proto__":{"x":1}}'),
        { freq: 6, nil: undefined },
      ),
    })
    .map(({ path: pathValues, query, extraQuery, body: bodyValue, rawBody }) => {
      let url = path;
      pathParams.forEach((p, i) => {
        url = url.replace(`{${p.name}}`, encodeURIComponent(asText(pathValues[i])));
      });
      const search = new URLSearchParams();
      queryParams.forEach((p, i) => {
        for (const value of query[i] ?? []) search.append(p.name, asText(value));
      });
      if (extraQuery) search.append(extraQuery[0], extraQuery[1]);
      const qs = search.toString();
      const init: RequestInit = { method: method.toUpperCase() };
      if (method === 'post') {
        init.body = rawBody ?? JSON.stringify(bodyValue) ?? '';
        init.headers = { 'content-type': 'application/json' };
      }
      return { url: `${url}${qs ? `?${qs}` : ''}`, init };
    });
}

/** The one public path under /ops: the public keys prescriptions are signed with. */
const PUBLIC_OPS = new Set(['/api/v1/ops/rx-keys']);
const signedIn = (path: string, method: string) =>
  (path.startsWith('/api/v1/ops/') && !PUBLIC_OPS.has(path)) ||
  (path === '/api/v1/session' && method !== 'post');

describe('the API under generated requests (OpenAPI-driven fuzzing)', () => {
  it('no operation answers 5xx; every refusal is problem+json naming a field', async (t) => {
    t.diagnostic(`seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
    let runs = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const fullPath = path;
        await fc.assert(
          fc.asyncProperty(requestOf(fullPath, method, op), async ({ url, init }) => {
            runs++;
            const res = await app.request(url, init);
            const what = `${method.toUpperCase()} ${url} ${String(init.body ?? '').slice(0, 200)}`;
            await assertSane(res.clone(), url, what);
            // Signed-in routes: without a session, 401 whatever is sent (nothing is validated first).
            if (signedIn(path, method)) assert.equal(res.status, 401, what);
          }),
          { seed: SEED, numRuns: RUNS_PER_OPERATION },
        );
      }
    }
    t.diagnostic(`${runs} requests over ${Object.keys(doc.paths).length} paths`);
  });

  it('FHIR search and $evaluate: no 5xx; refusals are OperationOutcomes naming where', async (t) => {
    t.diagnostic(`seed ${SEED}`);
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(...HOSTILE, 'KZ-27', 'urn:iso:std:iso:3166:-2|KZ-27', 'M08', 'L04AC08'),
      dateLike,
      dateLike.map((d) => `eq${d}`),
    );
    const search = fc.record({
      type: fc.constantFrom('InsurancePlan', 'Basic', 'MedicationKnowledge'),
      params: fc.array(
        fc.tuple(
          fc.constantFrom(
            'coverage-area',
            'coverage-area:identifier',
            '_id',
            'date',
            'code',
            'subject',
            '__proto__',
          ),
          value,
        ),
        { maxLength: 4 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(search, async ({ type, params }) => {
        const url = `/fhir/R4/${type}?${new URLSearchParams(params).toString()}`;
        await assertSane(await app.request(url), url);
      }),
      { seed: SEED, numRuns: 100 },
    );
    const patient = fc.record(
      {
        resourceType: fc.constantFrom('Patient', 'Person', 7),
        id: fc.constantFrom('p', '', '__proto__'),
        birthDate: fc.oneof(dateLike, fc.string()),
      },
      { requiredKeys: [] },
    );
    const request = fc.record(
      {
        resourceType: fc.constantFrom('CoverageEligibilityRequest', 'Patient', '__proto__'),
        contained: fc.array(patient, { maxLength: 2 }),
        status: fc.constantFrom('active', 'x'),
        purpose: fc.constant(['benefits']),
        patient: fc.record({ reference: fc.constantFrom('#p', 'Patient/1', '', '#__proto__') }),
        servicedDate: fc.oneof(dateLike, value),
        created: fc.constant('2026-11-24T09:00:00Z'),
        insurer: fc.record({
          identifier: fc.record({ system: fc.constantFrom('urn:iso:std:iso:3166:-2', 'x'), value }),
        }),
        item: fc.array(
          fc.record({
            diagnosis: fc.array(
              fc.record({
                diagnosisCodeableConcept: fc.record({
                  coding: fc.array(
                    fc.record({
                      system: fc.constantFrom('http://hl7.org/fhir/sid/icd-10', 'x'),
                      code: value,
                    }),
                    { maxLength: 3 },
                  ),
                }),
              }),
              { maxLength: 3 },
            ),
          }),
          { maxLength: 3 },
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(request, fc.jsonValue({ maxDepth: 3 })), async (body) => {
        const url = '/fhir/R4/CoverageEligibilityRequest/$evaluate';
        const res = await app.request(url, {
          method: 'POST',
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/fhir+json' },
        });
        await assertSane(res, url, `$evaluate ${JSON.stringify(body).slice(0, 300)}`);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('arbitrary paths under every prefix: no 5xx, and 404s in the format of their surface', async (t) => {
    t.diagnostic(`seed ${SEED}`);
    const segment = fc.oneof(
      fc.stringMatching(/^[a-z]{1,5}$/),
      fc.constantFrom(
        'kk',
        'ru',
        'en',
        'green',
        'open',
        'run',
        '__proto__',
        'toString',
        'constructor',
      ),
      fc.string({ maxLength: 8 }).map(encodeURIComponent),
    );
    const prefix = fc.constantFrom(
      '',
      '/api',
      '/api/v1',
      '/api/docs/assets',
      '/fhir/R4',
      '/assets',
      '/kk',
      '/ru/regions',
    );
    await fc.assert(
      fc.asyncProperty(
        prefix,
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (base, parts, slash) => {
          const url = `${base}/${parts.join('/')}${slash ? '/' : ''}`;
          await assertSane(await app.request(url), url);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});
