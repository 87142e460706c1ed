/**
 * Security headers on the signed-in surfaces, derived from the OpenAPI document: every
 * operations route — answered, refused, invalid and without a session — every FHIR operations
 * type, the session routes and a sample of the public ones carry the Content-Security-Policy
 * with no inline script and `frame-ancestors 'none'`, `nosniff`, a Referrer-Policy, no HSTS
 * unless configured (behind TLS), and every personal answer `no-store`.
 * (test/http-security.test.ts checks the public pages and the policy's text.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseConfig, sendsHsts } from '../src/app/config.ts';
import { SEARCH_TYPES } from '../src/fhir/ops/index.ts';
import { isPersonalPath } from '../src/http/ops/personal-paths.ts';
import { grantFor, ROUTE_CASES } from './support/authz-cases.ts';
import { testApp } from './support/app.ts';
import { FAR, HOME, OpsWorld } from './support/ops-world.ts';

let world: OpsWorld;

before(async () => {
  world = await OpsWorld.open();
});
after(() => world.close());

interface Sent {
  what: string;
  path: string;
  init: RequestInit;
}

/** Every route of the document (valid, refused, invalid, no session), FHIR ops and public. */
async function requests(): Promise<Sent[]> {
  const doc = (await (await world.app.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>>;
  };
  const sent: Sent[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const authzCase = op.operationId ? ROUTE_CASES[op.operationId] : undefined;
      if (!authzCase) {
        // Public and session routes: as they are, parameters filled with a plain value.
        const filled = path.replace(/\{[^}]+\}/g, 'KZ-27');
        const init: RequestInit = { method: method.toUpperCase() };
        if (method !== 'get') {
          init.body = '{}';
          init.headers = { 'content-type': 'application/json' };
        }
        sent.push({ what: `${method} ${path}`, path: filled, init });
        continue;
      }
      const call = (await authzCase.prepare(world)).http;
      assert.ok(call);
      const grant = grantFor(authzCase);
      const far = {
        ...grant,
        region: FAR,
        organisation: grant.organisation?.replace(HOME, FAR) ?? null,
      };
      const body = call.method === 'GET' ? {} : { body: JSON.stringify(call.body) };
      const json = { ...call.headers, 'content-type': 'application/json' };
      // Invalid: a broken body, or for a read a path id or query value of the wrong shape.
      const invalidPath = call.path
        .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, 'not-an-id')
        .replace(/region=KZ-27/, 'region=nowhere');
      for (const [who, headers, what, at] of [
        ['allowed', (await world.staffFor(grant)).bearer, body, call.path],
        ['refused', (await world.staffFor(far)).bearer, body, call.path],
        [
          'invalid',
          (await world.staffFor(grant)).bearer,
          call.method === 'GET' ? {} : { body: '{"x":' },
          call.method === 'GET' ? invalidPath : call.path,
        ],
        ['no session', {}, body, call.path],
      ] as const) {
        sent.push({
          what: `${op.operationId} ${who}`,
          path: at,
          init: { method: call.method, headers: { ...headers, ...json }, ...what },
        });
      }
    }
  }
  const auditor = (await world.staffFor({ role: 'auditor', region: HOME, organisation: null }))
    .bearer;
  for (const type of SEARCH_TYPES) {
    sent.push({ what: `FHIR ${type}`, path: `/fhir/R4/${type}`, init: { headers: auditor } });
    sent.push({ what: `FHIR ${type} no session`, path: `/fhir/R4/${type}`, init: {} });
  }
  for (const path of ['/', '/kk/', '/api/v1/regions', '/fhir/R4/metadata', '/api/docs', '/nope'])
    sent.push({ what: path, path, init: {} });
  return sent;
}

describe('security headers on every surface', () => {
  it('CSP without inline script and framing, nosniff, Referrer-Policy; no HSTS by default; no-store on every personal answer', async (t) => {
    const sent = await requests();
    const statuses = new Set<number>();
    for (const { what, path, init } of sent) {
      const res = await world.app.request(path, init);
      await res.arrayBuffer();
      statuses.add(res.status);
      const h = res.headers;
      const csp = h.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors 'none'/, what);
      assert.match(csp, /script-src 'self'(;|$)/, what);
      assert.ok(!/unsafe-inline|unsafe-eval/.test(csp), `${what}: ${csp}`);
      assert.equal(h.get('x-content-type-options'), 'nosniff', what);
      assert.equal(h.get('referrer-policy'), 'no-referrer', what);
      assert.equal(h.get('strict-transport-security'), null, what);
      if (isPersonalPath(path.split('?')[0] ?? '')) {
        assert.equal(h.get('cache-control'), 'no-store', `${what}: ${res.status}`);
      }
    }
    for (const status of [200, 201, 400, 401, 403]) assert.ok(statuses.has(status), `${status}`);
    t.diagnostic(`${sent.length} requests, statuses ${[...statuses].sort().join(' ')}`);
  });

  it('HSTS only behind TLS: sent when PUBLIC_BASE_URL is https or TEGIN_HSTS says so, on ops answers too', async () => {
    assert.equal(sendsHsts(parseConfig({})), false);
    assert.equal(sendsHsts(parseConfig({ PUBLIC_BASE_URL: 'http://tegin.example' })), false);
    assert.equal(sendsHsts(parseConfig({ PUBLIC_BASE_URL: 'https://tegin.example' })), true);
    assert.equal(sendsHsts(parseConfig({ TEGIN_HSTS: '1' })), true);
    const tls = testApp(world.services, { ops: world.edge, hsts: true });
    for (const path of ['/api/v1/session', '/api/v1/ops/organisations?region=KZ-27', '/kk/']) {
      const res = await tls.request(path);
      assert.equal(
        res.headers.get('strict-transport-security'),
        'max-age=31536000; includeSubDomains',
        path,
      );
    }
  });
});
