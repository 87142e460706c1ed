/**
 * The operations API under generated bad input, SIGNED IN: for every signed-in route of the
 * OpenAPI document, a session of a role the permission table lets call it (a bearer token)
 * sends the route's valid request (test/support/authz-cases.ts) mutated by fast-check — wrong
 * types, missing and extra fields, boundary numbers, NUL and bidi characters, Kazakh/Latin
 * look-alike letters, SQL and path-traversal strings, `__proto__`/`constructor` keys, dates in
 * the years 0000–0099 — then a fixed set of hostile requests: oversized and deeply nested JSON,
 * wrong content types, unusual Host headers, thousands of repeated query parameters.
 *
 * Passes when no answer is a 5xx, every 400 is problem+json naming each field, every refused
 * request leaves the operations tables as they were (the audit aside), and the heap after
 * garbage collection grows less than a bound over the batch. Bounded for CI: FUZZ_SEED replays
 * a run, FUZZ_RUNS (default 8 per route) lengthens it.
 */
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ROUTE_CASES, grantFor, type HttpCall } from './support/authz-cases.ts';
import { OpsWorld } from './support/ops-world.ts';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);

interface OpenApi {
  paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>>;
}

const STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202EKZ-27',
  '\u2066P1\u2069',
  '\uFEFF750302300017',
  'КZ-27', // Cyrillic К
  'KZ-27/Р1', // Cyrillic Р
  'ҚZ-27/PH1', // Kazakh Қ
  'I5О.0', // Cyrillic О for the zero
  '７５０３０２３０００１７', // full-width digits
  "' OR 1=1 --",
  "'; DROP TABLE ops_patients; --",
  '"; SELECT pg_sleep(5); --',
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '__proto__',
  'constructor',
  'ә'.repeat(300),
  'x'.repeat(5000),
  '0000-01-01',
  '0001-02-29',
  '0099-12-31',
  '0050-06-15',
  '2026-02-30',
  '9999-12-31',
  '1e309',
  'NaN',
];
const VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1,
  0.5,
  -0,
  366,
  367,
  2 ** 31,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  1e308,
  [],
  {},
  [[[]]],
  { __proto__: null, x: 1 },
  ['KZ-27'],
];
const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'id', 'extra', 'toString'];

/** A year 0000–0099 date, days a little out of range too. */
const ancientDate = fc
  .tuple(
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
  )
  .map(
    ([y, m, d]) =>
      `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  );

const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...STRINGS),
  fc.constantFrom(...VALUES),
  ancientDate,
  fc.string({ maxLength: 30 }),
  fc.jsonValue({ maxDepth: 2 }),
);

type Mutation =
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'drop'; at: number }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'proto'; value: unknown }
  | { kind: 'replace'; value: unknown }
  | { kind: 'path'; value: string };

const mutation: fc.Arbitrary<Mutation[]> = fc.array(
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: badValue }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const),
        key: fc.constantFrom(...EXTRA_KEYS),
        value: badValue,
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('proto' as const), value: badValue }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace' as const), value: badValue }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('path' as const),
        value: fc.oneof(fc.constantFrom(...STRINGS), fc.string({ maxLength: 20 })),
      }),
    },
  ),
  { minLength: 1, maxLength: 3 },
);

/** Every leaf of a JSON value, as the path to it. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? [path] : entries.flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [path];
}

function setAt(root: unknown, path: (string | number)[], value: unknown, drop: boolean): unknown {
  if (path.length === 0) return drop ? undefined : value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (drop && Array.isArray(node)) node.splice(Number(last), 1);
  else if (drop) Reflect.deleteProperty(node, last);
  else node[last] = value;
  return copy;
}

/** The valid request with the mutations applied: a URL, and the raw body text. */
function mutate(call: HttpCall, mutations: Mutation[]): { path: string; body: string | undefined } {
  let body: unknown = call.body;
  let path = call.path;
  let proto: unknown;
  for (const m of mutations) {
    const paths = body === undefined ? [] : leaves(body);
    switch (m.kind) {
      case 'set':
      case 'drop': {
        const at = paths[m.at % Math.max(paths.length, 1)];
        if (at) body = setAt(body, at, m.kind === 'set' ? m.value : undefined, m.kind === 'drop');
        break;
      }
      case 'extra':
        if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
          body = { ...body, [m.key === '__proto__' ? 'proto_' : m.key]: m.value };
          if (m.key === '__proto__') proto = m.value;
        }
        break;
      case 'proto':
        proto = m.value;
        break;
      case 'replace':
        body = m.value;
        break;
      case 'path': {
        const id = /[0-9a-f]{8}-[0-9a-f-]{27}/.exec(path)?.[0];
        if (id) path = path.replace(id, encodeURIComponent(m.value));
        else path = `${path}${path.includes('?') ? '&' : '?'}region=${encodeURIComponent(m.value)}`;
        break;
      }
    }
  }
  if (call.method === 'GET') return { path, body: undefined };
  let text = JSON.stringify(body) ?? '';
  // A literal "__proto__" key: JSON.stringify cannot write one from an object.
  if (proto !== undefined && text.startsWith('{')) {
    text = `{"__proto__":${JSON.stringify(proto)}${text === '{}' ? '' : ','}${text.slice(1)}`;
  }
  return { path, body: text };
}

/** A 5xx never; a 400 is problem+json (or an OperationOutcome) naming each field. */
async function assertNamed(res: Response, what: string): Promise<void> {
  const text = await res.text();
  assert.ok(res.status < 500, `${what}: HTTP ${res.status} ${text.slice(0, 300)}`);
  if (res.status < 400) return;
  const type = res.headers.get('content-type') ?? '';
  assert.match(type, /^application\/problem\+json/, `${what}: ${type} ${text.slice(0, 200)}`);
  const problem = JSON.parse(text) as {
    status: number;
    code: string;
    detail: string;
    errors?: { field: string; message: string }[];
  };
  assert.equal(problem.status, res.status, what);
  assert.ok(problem.code && problem.detail, `${what}: code and detail`);
  if (res.status === 400) {
    assert.ok(
      (problem.errors?.length ?? 0) > 0 &&
        problem.errors?.every((e) => /^(path|query|body|header)(\.|$)/.test(e.field) && e.message),
      `${what}: a 400 names each field: ${text.slice(0, 300)}`,
    );
  }
}

/** The garbage collector, exposed at run time (the test runner does not pass --expose-gc). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

let world: OpsWorld;
let doc: OpenApi;
let last = '';

before(async () => {
  world = await OpsWorld.open();
  doc = (await (await world.app.request('/api/openapi.json')).json()) as OpenApi;
});
after(() => world.close());

/** Sends one request; a refusal must leave the operations tables as they were. */
async function send(path: string, init: RequestInit, what: string): Promise<number> {
  const res = await world.app.request(path, init);
  const status = res.status;
  await assertNamed(res, what);
  const now = await world.fingerprint();
  if (status >= 400) assert.equal(now, last, `${what}: refused (${status}) but the data changed`);
  last = now;
  return status;
}

function signedInRoutes(): [string, string][] {
  const routes: [string, string][] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (path.startsWith('/api/v1/ops/') && (op.security?.length ?? 0) > 0 && op.operationId) {
        routes.push([op.operationId, `${method.toUpperCase()} ${path}`]);
      }
    }
  }
  return routes;
}

describe('the operations API under generated bad input, signed in', () => {
  it('no 5xx; every 400 names the field; refusals change nothing; memory stays bounded', async (t) => {
    t.diagnostic(`seed ${SEED} (replay with FUZZ_SEED=${SEED}), ${RUNS} runs a route`);
    const gc = collector();
    let requests = 0;
    const statuses = new Map<number, number>();
    const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    const routes = signedInRoutes();
    const calls = new Map<string, { call: HttpCall; bearer: Record<string, string> }>();
    for (const [id] of routes) {
      const authzCase = ROUTE_CASES[id];
      assert.ok(authzCase, `${id}: no case in test/support/authz-cases.ts`);
      const call = (await authzCase.prepare(world)).http;
      assert.ok(call, id);
      calls.set(id, { call, bearer: (await world.staffFor(grantFor(authzCase))).bearer });
    }
    last = await world.fingerprint();
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    for (const [id, route] of routes) {
      const { call, bearer } = calls.get(id) as { call: HttpCall; bearer: Record<string, string> };
      const headers = { ...bearer, ...call.headers, 'content-type': 'application/json' };
      await fc.assert(
        fc.asyncProperty(mutation, async (mutations) => {
          const { path, body } = mutate(call, mutations);
          const what = `${id} (${route}) ${path} ${String(body).slice(0, 200)}`;
          count(
            await send(
              path,
              { method: call.method, headers, ...(body !== undefined ? { body } : {}) },
              what,
            ),
          );
          requests += 1;
        }),
        { seed: SEED, numRuns: RUNS, includeErrorInReport: true },
      );
      const valid = call.body === undefined ? undefined : JSON.stringify(call.body);
      const hostile: [string, RequestInit][] = [];
      const post = (body: string, h: Record<string, string> = headers): RequestInit => ({
        method: call.method,
        headers: h,
        ...(call.method === 'GET' ? {} : { body }),
      });
      if (call.method !== 'GET') {
        const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
        hostile.push(
          [
            'oversized',
            post(JSON.stringify({ ...(call.body as object), pad: 'x'.repeat(70_000) })),
          ],
          ['nested arrays', post(deep(30_000))],
          ['nested objects', post(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`)],
          ['nested in a field', post(`{"patientId":${deep(20_000)}}`)],
          ['huge number', post('1e999999')],
          ['bad JSON', post('{')],
          ['empty', post('')],
          ['no content type', post(valid ?? '', bearer)],
          ['text/plain', post(valid ?? '', { ...headers, 'content-type': 'text/plain' })],
          [
            'form',
            post('a=1&b=2', { ...headers, 'content-type': 'application/x-www-form-urlencoded' }),
          ],
          [
            'multipart',
            post('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n', {
              ...headers,
              'content-type': 'multipart/form-data; boundary=x',
            }),
          ],
          [
            'utf-16',
            post(valid ?? '', { ...headers, 'content-type': 'application/json; charset=utf-16' }),
          ],
          ['xml', post('<a/>', { ...headers, 'content-type': 'application/xml' })],
        );
      }
      const repeated = Array.from({ length: 5000 }, (_, i) => `region=KZ-${i % 100}&x${i}=1`).join(
        '&',
      );
      hostile.push([`5000 repeated query parameters`, post(valid ?? '')]);
      // Unusual Host headers (test/hostile.test.ts sends more to the public routes).
      for (const host of ['a'.repeat(3000), '[::1]:99999', '']) {
        hostile.push([`Host ${host.slice(0, 20)}`, post(valid ?? '', { ...headers, host })]);
      }
      for (const [name, init] of hostile) {
        const path = name.startsWith('5000')
          ? `${call.path}${call.path.includes('?') ? '&' : '?'}${repeated}`
          : call.path;
        // The Host header as sent; the URL of an in-process request stays parseable.
        count(await send(path, init, `${id} (${route}) ${name}`));
        requests += 1;
      }
    }
    gc();
    const grown = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    t.diagnostic(
      `${requests} requests over ${routes.length} signed-in routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; heap ${grown.toFixed(1)} MiB after GC`,
    );
    assert.ok(grown < 32, `the heap grew ${grown.toFixed(1)} MiB over the batch`);
    assert.ok(
      [...statuses.keys()].some((s) => s < 300),
      'some mutated requests still succeed',
    );
  });
});
