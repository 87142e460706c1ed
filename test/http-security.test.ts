/**
 * Security headers on every kind of response, the public base URL from
 * configuration (never the Host header), and the configuration that sets them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Hono } from 'hono';
import { pino } from 'pino';
import { parseConfig, sendsHsts } from '../src/app/config.ts';
import { startServices, type Services } from '../src/app/services.ts';
import { isoDate } from '../src/domain/date.ts';
import type { Bundle } from '../src/fhir/types.ts';
import { createApp } from '../src/http/app.ts';
import { CSP, DOCS_CSP, securityHeaders } from '../src/http/security-headers.ts';
import { loadedDatabase } from './support/database.ts';
import { PAGES, pageRequest } from './support/web-pages.ts';

let services: Services;
let app: ReturnType<typeof createApp>;
let tls: ReturnType<typeof createApp>;

before(async () => {
  services = await startServices((await loadedDatabase()).storage, { info: () => undefined });
  const deps = { services, today: () => isoDate('2026-11-24') };
  const logger = pino({ level: 'silent' });
  app = createApp(deps, { logger, bodyLimit: 4096, publicBaseUrl: () => 'https://tegin.example' });
  tls = createApp(deps, { logger, bodyLimit: 4096, hsts: true });
});
after(() => services.storage.close());

const SAMPLES = [
  '/kk/',
  '/en/check',
  '/ru/regions/KZ-27',
  '/en/nope',
  '/api/v1/regions',
  '/api/v1/nope',
  '/api/openapi.json',
  '/api/docs',
  '/fhir/R4/metadata',
  '/fhir/R4/nope',
  '/health',
  '/',
  '/nope',
];

describe('security headers', () => {
  it('every response carries CSP, nosniff, frame and referrer policies; no HSTS by default', async () => {
    for (const path of SAMPLES) {
      const res = await app.request(path);
      const h = res.headers;
      assert.equal(h.get('content-security-policy'), path === '/api/docs' ? DOCS_CSP : CSP, path);
      assert.equal(h.get('x-content-type-options'), 'nosniff', path);
      assert.equal(h.get('x-frame-options'), 'DENY', path);
      assert.equal(h.get('referrer-policy'), 'no-referrer', path);
      assert.equal(h.get('strict-transport-security'), null, path);
    }
    const post = await app.request('/api/v1/entitlements', {
      method: 'POST',
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(post.status, 400);
    assert.equal(post.headers.get('content-security-policy'), CSP);
  });

  it('the policies allow no inline script or style, and frame nothing', () => {
    for (const policy of [CSP, DOCS_CSP]) {
      assert.ok(!policy.includes('unsafe-inline'), policy);
      assert.ok(!policy.includes('unsafe-eval'), policy);
      assert.match(policy, /frame-ancestors 'none'/);
      assert.match(policy, /script-src 'self'(;|$)/);
    }
  });

  it('every page type, in every language, uses only what the policy allows', async () => {
    const requests: [string, RequestInit][] = [['/api/docs', {}]];
    for (const lang of ['kk', 'ru', 'en']) {
      for (const def of PAGES) requests.push([`/${lang}${def.path}`, pageRequest(def)]);
    }
    for (const [path, init] of requests) {
      const res = await app.request(path, init);
      assert.equal(res.status, 200, path);
      const body = await res.text();
      assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(body), `${path}: inline script`);
      assert.ok(!/<style[\s>]/.test(body), `${path}: <style>`);
      assert.ok(!/\sstyle=/.test(body), `${path}: style attribute`);
      assert.ok(!/\son[a-z]+=/.test(body), `${path}: inline handler`);
      assert.ok(!/javascript:/i.test(body), `${path}: javascript: URL`);
      for (const [, src] of body.matchAll(/<(?:script|link)[^>]*\b(?:src|href)="([^"]+)"/g)) {
        assert.ok(src?.startsWith('/'), `${path}: ${src ?? ''} is not from this origin`);
      }
    }
  });

  it('also on a response whose headers are immutable (Response.redirect)', async () => {
    const tiny = new Hono();
    tiny.use(securityHeaders({ hsts: false }));
    tiny.get('/', () => Response.redirect('http://localhost/elsewhere', 302));
    const res = await tiny.request('/');
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), 'http://localhost/elsewhere');
    assert.equal(res.headers.get('content-security-policy'), CSP);
  });

  it('sends HSTS when configured to (behind TLS)', async () => {
    const res = await tls.request('/kk/');
    assert.equal(
      res.headers.get('strict-transport-security'),
      'max-age=31536000; includeSubDomains',
    );
  });
});

describe('the public base URL', () => {
  it('comes from configuration: FHIR links never echo the Host header', async () => {
    for (const host of ['evil.example', 'tegin.test:1', 'xn--80ak6aa92e.com']) {
      const res = await app.request(`http://${host}/fhir/R4/InsurancePlan?coverage-area=KZ-27`, {
        headers: { host },
      });
      const text = await res.text();
      assert.ok(!text.includes(host), `${host} echoed`);
      const bundle = JSON.parse(text) as Bundle;
      assert.ok((bundle.entry?.length ?? 0) > 0);
      for (const e of bundle.entry ?? [])
        assert.match(e.fullUrl ?? '', /^https:\/\/tegin\.example\/fhir\/R4\//);
      assert.equal(
        bundle.link?.[0]?.url,
        'https://tegin.example/fhir/R4/InsurancePlan?coverage-area=KZ-27',
      );
    }
    const metadata = await (await app.request('http://evil.example/fhir/R4/metadata')).text();
    assert.ok(!metadata.includes('evil.example'));
  });

  it('is parsed from PUBLIC_BASE_URL (trailing slash dropped) and HSTS follows https by default', () => {
    assert.equal(
      parseConfig({ PUBLIC_BASE_URL: 'https://tegin.kz/' }).PUBLIC_BASE_URL,
      'https://tegin.kz',
    );
    assert.equal(parseConfig({}).PUBLIC_BASE_URL, undefined);
    assert.throws(() => parseConfig({ PUBLIC_BASE_URL: 'tegin.kz' }), /PUBLIC_BASE_URL/);
    assert.throws(() => parseConfig({ PUBLIC_BASE_URL: 'https://x/?a=1' }), /PUBLIC_BASE_URL/);
    assert.equal(parseConfig({ TEGIN_HSTS: '1' }).TEGIN_HSTS, true);
    assert.equal(parseConfig({ TEGIN_HSTS: '0' }).TEGIN_HSTS, false);
    assert.equal(parseConfig({}).TEGIN_HSTS, undefined);
    assert.equal(sendsHsts(parseConfig({})), false);
    assert.equal(sendsHsts(parseConfig({ PUBLIC_BASE_URL: 'http://tegin.kz' })), false);
    assert.equal(sendsHsts(parseConfig({ PUBLIC_BASE_URL: 'https://tegin.kz' })), true);
    assert.equal(
      sendsHsts(parseConfig({ PUBLIC_BASE_URL: 'https://tegin.kz', TEGIN_HSTS: '0' })),
      false,
    );
    assert.equal(sendsHsts(parseConfig({ TEGIN_HSTS: 'true' })), true);
  });
});
