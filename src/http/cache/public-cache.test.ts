import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { publicCache } from './public-cache.ts';

/** A small app behind the cache, counting how often each page is rendered. */
function setup(budget = 1024 * 1024) {
  const state = { version: { id: 1, contentHash: 'aaaaaaaaaaaaaaaa' }, today: '2026-11-24' };
  const renders = new Map<string, number>();
  const cache = publicCache({ budget, version: () => state.version, today: () => state.today });
  const app = new Hono();
  app.use(cache);
  app.get('/kk/:page', (c) => {
    const key = c.req.url;
    renders.set(key, (renders.get(key) ?? 0) + 1);
    const q = c.req.query('q') ?? '';
    return c.html(`<p>${state.version.id} ${state.today} ${q}</p>`.repeat(100), 200, {
      'cache-control': 'no-cache',
    });
  });
  return { app, state, renders, cache: cache.cache };
}

describe('the public answers cache', () => {
  it('renders each distinct request once per registry version', async () => {
    const { app, state, renders } = setup();
    const first = await (await app.request('/kk/search?q=a')).text();
    const again = await (await app.request('/kk/search?q=a')).text();
    assert.equal(again, first);
    assert.equal(renders.get('http://localhost/kk/search?q=a'), 1);
    await app.request('/kk/search?q=b');
    assert.equal(renders.get('http://localhost/kk/search?q=b'), 1);

    state.version = { id: 2, contentHash: 'bbbbbbbbbbbbbbbb' };
    const after = await (await app.request('/kk/search?q=a')).text();
    assert.equal(renders.get('http://localhost/kk/search?q=a'), 2);
    assert.match(after, /<p>2 /);
  });

  it('gives a new ETag, and no 304 for the old one, when the version or the day changes', async () => {
    const { app, state } = setup();
    const tag = (await app.request('/kk/regions')).headers.get('etag') ?? '';
    assert.equal(
      (await app.request('/kk/regions', { headers: { 'if-none-match': tag } })).status,
      304,
    );
    state.today = '2026-11-25';
    const nextDay = await app.request('/kk/regions', { headers: { 'if-none-match': tag } });
    assert.equal(nextDay.status, 200);
    assert.notEqual(nextDay.headers.get('etag'), tag);
    state.version = { id: 2, contentHash: 'bbbbbbbbbbbbbbbb' };
    const newVersion = await app.request('/kk/regions', {
      headers: { 'if-none-match': nextDay.headers.get('etag') ?? '' },
    });
    assert.equal(newVersion.status, 200);
    assert.match(await newVersion.text(), /<p>2 2026-11-25/);
  });

  it('empties itself when the registry version changes', async () => {
    const { app, state, cache } = setup();
    for (let i = 0; i < 10; i++) await app.request(`/kk/search?q=${i}`);
    assert.equal(cache.size, 10);
    state.version = { id: 2, contentHash: 'bbbbbbbbbbbbbbbb' };
    await app.request('/kk/search?q=0');
    assert.equal(cache.size, 1);
  });

  it('stays within its byte budget under many distinct client keys', async () => {
    const budget = 64 * 1024;
    const { app, cache } = setup(budget);
    for (let i = 0; i < 400; i++) {
      const res = await app.request(`/kk/search?q=${'x'.repeat(i % 50)}${i}`, {
        headers: { 'accept-encoding': i % 2 ? 'gzip' : 'br' },
      });
      assert.equal(res.status, 200);
      await res.arrayBuffer();
      assert.ok(cache.bytes <= budget, `${cache.bytes} bytes after ${i + 1} requests`);
    }
    assert.ok(cache.size < 400);
  });

  it('gives every coding of a body its own ETag', async () => {
    const { app } = setup();
    const tags = new Set<string>();
    for (const enc of ['br', 'gzip', 'identity']) {
      const res = await app.request('/kk/x', { headers: { 'accept-encoding': enc } });
      assert.equal(res.headers.get('content-encoding') ?? 'identity', enc);
      tags.add(res.headers.get('etag') ?? '');
    }
    assert.equal(tags.size, 3);
  });
});
