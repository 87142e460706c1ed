import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readDataDir } from '../registry/load-files.ts';
import { StorageUnavailableError } from '../storage/errors.ts';
import { SqlStorage } from '../storage/sql-storage.ts';
import { blankPglite } from '../../test/support/database.ts';
import type { Storage } from '../storage/storage.ts';
import { startServices, type Services } from './services.ts';
import { watchVersions } from './version-watch.ts';

const ACT = 'KZ-35/acts/2021-02-25.34.yaml';
const files = readDataDir();
const edited = (suffix: string) =>
  files.map((f) => (f.path === ACT ? { ...f, text: `${f.text}# ${suffix}\n` } : f));

describe('watching the registry version', () => {
  let storage: Storage;
  let served: Services;
  const logged: string[] = [];
  const log = {
    info: (m: string) => logged.push(`info ${m}`),
    warn: (m: string) => logged.push(`warn ${m}`),
    error: (m: string) => logged.push(`error ${m}`),
  };
  before(async () => {
    storage = new SqlStorage('pglite', await blankPglite());
    served = await startServices(storage, { info: () => undefined });
  });
  after(() => storage.close());
  const watch = () =>
    watchVersions({
      storage,
      served: () => served,
      serve: (next) => (served = next),
      intervalMs: 0,
      log,
    });

  it('changes nothing while the database holds the served version', async () => {
    const before = served;
    assert.equal((await watch().check())?.id, 1);
    assert.equal(served, before);
  });

  it('serves a newer version: new registry and engine, built from that version', async () => {
    const loaded = await storage.load(edited('reviewed'), 'elsewhere');
    assert.ok(loaded.ok);
    const before = served;
    const w = watch();
    // Asked twice at once, it builds the new version once.
    const [a, b] = await Promise.all([w.check(), w.check()]);
    await w.settled();
    await w.check();
    await w.settled();
    assert.deepEqual([a?.id, b?.id, served.version.id], [2, 2, 2]);
    assert.notEqual(served.registry, before.registry);
    assert.notEqual(served.engine, before.engine);
    assert.equal(logged.filter((l) => l.includes('serving registry version 2')).length, 1);
    assert.equal(before.version.id, 1, 'the old services are left as they were');
  });

  it('keeps serving the old version when the new one cannot be built, and says so once', async () => {
    const broken: Storage = Object.create(storage, {
      currentVersion: { value: async () => ({ ...served.version, id: 99 }) },
      files: { value: async () => [{ path: 'regions.yaml', text: 'not: [valid' }] },
    }) as Storage;
    const w = watchVersions({
      storage: broken,
      served: () => served,
      serve: () => assert.fail(),
      intervalMs: 0,
      log,
    });
    await w.check();
    await w.settled();
    await w.check();
    await w.settled();
    assert.equal(served.version.id, 2);
    assert.equal(logged.filter((l) => l.startsWith('error registry version 99')).length, 1);
  });

  it('tries again when the database fails while the new version is read', async () => {
    const loaded = await storage.load(edited('read twice'), 'elsewhere');
    assert.ok(loaded.ok);
    let reads = 0;
    const flaky: Storage = Object.create(storage, {
      files: {
        value: (id?: number) =>
          ++reads === 1
            ? Promise.reject(new StorageUnavailableError('ECONNRESET'))
            : storage.files(id),
      },
    }) as Storage;
    const w = watchVersions({
      storage: flaky,
      served: () => served,
      serve: (n) => (served = n),
      intervalMs: 0,
      log,
    });
    await w.check();
    await w.settled();
    assert.equal(served.version.id, 2);
    await w.check();
    await w.settled();
    assert.deepEqual([reads, served.version.id], [2, 3]);
  });

  it('rejects while the database is away, so /ready can say so', async () => {
    const away: Storage = Object.create(storage, {
      currentVersion: { value: () => Promise.reject(new StorageUnavailableError('ECONNREFUSED')) },
    }) as Storage;
    const w = watchVersions({
      storage: away,
      served: () => served,
      serve: () => assert.fail(),
      intervalMs: 0,
      log,
    });
    await assert.rejects(w.check(), StorageUnavailableError);
  });

  it('asks on its own on an interval, and logs an outage once and the recovery once', async () => {
    let failing = true;
    let asked = 0;
    const flaky: Storage = Object.create(storage, {
      currentVersion: {
        value: () => {
          asked++;
          return failing
            ? Promise.reject(new StorageUnavailableError('ECONNREFUSED'))
            : storage.currentVersion();
        },
      },
    }) as Storage;
    logged.length = 0;
    const w = watchVersions({
      storage: flaky,
      served: () => served,
      serve: (n) => (served = n),
      intervalMs: 20,
      log,
    });
    try {
      while (asked < 3) await new Promise((r) => setTimeout(r, 10));
      failing = false;
      const loaded = await storage.load(edited('again'), 'elsewhere, later');
      assert.ok(loaded.ok);
      while (served.version.id !== 4) await new Promise((r) => setTimeout(r, 10));
    } finally {
      w.stop();
    }
    assert.equal(logged.filter((l) => l.startsWith('warn cannot ask the database')).length, 1);
    assert.equal(logged.filter((l) => l === 'info the database answers again').length, 1);
  });
});
