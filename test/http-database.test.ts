/**
 * The routes that read the database, in-process on PGlite: the registry versions, and /ready
 * asking the database. A database that fails or does not answer within the deadline makes them
 * 503 problem+json STORE_UNAVAILABLE with Retry-After; the lists stay served from memory.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { startServices, type Services } from '../src/app/services.ts';
import { isoDate } from '../src/domain/date.ts';
import { createApp, type AppOptions } from '../src/http/app.ts';
import { StorageUnavailableError } from '../src/storage/errors.ts';
import { loadedDatabase } from './support/database.ts';

let services: Services;
before(async () => {
  services = await startServices((await loadedDatabase()).storage, { info: () => undefined });
});
after(() => services.storage.close());

const appWith = (options: Partial<AppOptions> = {}) =>
  createApp(
    { services, today: () => isoDate('2026-11-24') },
    { logger: pino({ level: 'silent' }), bodyLimit: 4096, ...options },
  );

describe('routes that read the database', () => {
  it('lists the registry versions and says which one is served', async () => {
    const res = await appWith().request('/api/v1/registry/versions');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { served: number; versions: { id: number }[] };
    assert.equal(body.served, services.version.id);
    assert.deepEqual(
      body.versions.map((v) => v.id),
      [services.version.id],
    );
    assert.equal((await appWith().request('/ready')).status, 200);
  });

  it('answers 503 STORE_UNAVAILABLE with Retry-After when the database fails', async () => {
    const app = appWith({
      checkDatabase: () => Promise.reject(new StorageUnavailableError('connect ECONNREFUSED')),
    });
    const res = await app.request('/ready');
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '5');
    assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.code, 'STORE_UNAVAILABLE');
    assert.equal(body.type, 'https://tegin.kz/problems/store-unavailable');
    assert.equal(body.detail, 'the database is unavailable: connect ECONNREFUSED');
    const list = await app.request('/api/v1/regions/KZ-27/catalog?date=2026-11-24');
    assert.equal(list.status, 200, 'the lists are served from memory');
  });

  it('answers 503 within the deadline when the database does not answer', async () => {
    const app = appWith({
      checkDatabase: () => new Promise(() => undefined),
      databaseDeadlineMs: 100,
    });
    const started = performance.now();
    const res = await app.request('/ready');
    assert.equal(res.status, 503);
    assert.ok(performance.now() - started < 1000);
    assert.match(((await res.json()) as { detail: string }).detail, /no answer within 100 ms/);
  });

  it('does not ask the database once the server is shutting down', async () => {
    const app = appWith({
      isReady: () => false,
      checkDatabase: () => Promise.reject(new Error('asked')),
    });
    const res = await app.request('/ready');
    assert.equal(res.status, 503);
    assert.equal(((await res.json()) as { status: string }).status, 'shutting_down');
  });
});
