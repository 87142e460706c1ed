/**
 * The server on PostgreSQL when the database goes away and comes back, and when another process
 * loads a new registry version. The database is reached through a TCP proxy the test cuts (the
 * machine's shared server is never touched). Skipped without DATABASE_URL, except where
 * TEGIN_REQUIRE_POSTGRES=1 (CI), where a skip is a failure.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readDataDir } from '../src/registry/load-files.ts';
import { startServer } from '../src/server.ts';
import { StorageUnavailableError } from '../src/storage/errors.ts';
import { dropSchema, openPostgresStorage } from '../src/storage/postgres.ts';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.ts';

const url = process.env.DATABASE_URL;
const required = process.env.TEGIN_REQUIRE_POSTGRES === '1';
const root = fileURLToPath(new URL('..', import.meta.url));

type Server = Awaited<ReturnType<typeof startServer>>;

async function timed(address: string): Promise<{ res: Response; ms: number; body: unknown }> {
  const started = performance.now();
  const res = await fetch(address);
  const body: unknown = await res.json();
  return { res, ms: performance.now() - started, body };
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) assert.fail(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

if (!url) {
  describe('the server on PostgreSQL', () => {
    it('needs DATABASE_URL', { skip: !required && 'DATABASE_URL is not set' }, () => {
      assert.fail('TEGIN_REQUIRE_POSTGRES=1 but DATABASE_URL is not set');
    });
  });
} else {
  describe('the server on PostgreSQL', () => {
    const schema = `tegin_test_${randomBytes(4).toString('hex')}`;
    const direct = new URL(url);
    let proxy: TcpProxy;
    let server: Server;
    let viaProxy: URL;
    before(async () => {
      await (await openPostgresStorage(url, { schema })).close(); // creates the schema
      proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
      viaProxy = new URL(url);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      viaProxy.searchParams.set('options', `-c search_path=${schema}`);
      server = await startServer({
        DATABASE_URL: viaProxy.toString(),
        PORT: '0',
        LOG_LEVEL: 'silent',
        TEGIN_VERSION_POLL_MS: '100',
      });
    });
    after(async () => {
      await server.stop('test');
      await proxy.close();
      await dropSchema(url, schema);
    });

    it('survives the database going away, answers 503 fast, and recovers by itself', async (t) => {
      const ready = `${server.url}/ready`;
      const versions = `${server.url}/api/v1/registry/versions`;
      const catalog = `${server.url}/api/v1/regions/KZ-27/catalog?date=2026-11-24`;
      assert.equal((await timed(ready)).res.status, 200);
      assert.equal((await timed(versions)).res.status, 200);

      // Cut: every connection dropped (idle ones too), new ones refused.
      await proxy.cut();
      await new Promise((resolve) => setTimeout(resolve, 300)); // the poll meets the cut too
      for (const address of [ready, versions]) {
        const { res, ms, body } = await timed(address);
        assert.equal(res.status, 503, address);
        assert.ok(ms < 2000, `${address} answered in ${Math.round(ms)} ms`);
        t.diagnostic(`database cut: ${address} → 503 in ${Math.round(ms)} ms`);
        assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
        assert.equal(res.headers.get('retry-after'), '5');
        assert.equal((body as { code: string }).code, 'STORE_UNAVAILABLE');
        assert.match((body as { detail: string }).detail, /^the database is unavailable: /);
      }
      assert.equal((await timed(catalog)).res.status, 200, 'the lists are served from memory');

      // Hang: connections accepted, never answered. The deadline, not the client, ends the wait.
      await proxy.hang();
      for (const address of [ready, versions]) {
        const { res, ms, body } = await timed(address);
        assert.equal(res.status, 503, address);
        assert.ok(ms < 2000, `${address} answered in ${Math.round(ms)} ms`);
        t.diagnostic(`database hung: ${address} → 503 in ${Math.round(ms)} ms`);
        assert.match((body as { detail: string }).detail, /no answer within 1500 ms/);
      }

      // Back: no restart needed.
      await proxy.restore();
      const restored = performance.now();
      await until('/ready answers 200 again', async () => (await timed(ready)).res.status === 200);
      t.diagnostic(
        `database back: /ready → 200 after ${Math.round(performance.now() - restored)} ms`,
      );
      const after = await timed(versions);
      assert.equal(after.res.status, 200);
      assert.equal((after.body as { served: number }).served, server.servedVersion().id);
    });

    it('leaves the data as it was when the connection drops in the middle of a load', async () => {
      const storage = await openPostgresStorage(viaProxy.toString());
      try {
        const before = await storage.versions();
        const files = readDataDir().map((f) =>
          f.path === 'regions.yaml' ? { ...f, text: `${f.text}# cut half way\n` } : f,
        );
        // The file bodies (≈ 0.5 MB) go in one statement: the cut lands inside the transaction.
        const cut = proxy.cutAfter(100_000);
        await assert.rejects(storage.load(files, 'cut'), StorageUnavailableError);
        await cut;
        await proxy.restore();
        assert.deepEqual(await storage.versions(), before);
        const again = await storage.load(files, 'after the cut');
        assert.ok(again.ok && again.changed);
        assert.equal(again.version.id, (before.at(-1)?.id ?? 0) + 1);
      } finally {
        await proxy.restore();
        await storage.close();
      }
    });

    it('serves a registry version loaded by another process, without dropping requests', async (t) => {
      const latest = async () => {
        const storage = await openPostgresStorage(url, { schema });
        try {
          return (await storage.currentVersion())?.id ?? 0;
        } finally {
          await storage.close();
        }
      };
      const before = await latest();
      await until(
        'the server serves the latest version',
        () => server.servedVersion().id === before,
      );
      const dataDir = mkdtempSync(join(tmpdir(), 'tegin-data-'));
      let stop = false;
      let traffic: Promise<void> = Promise.resolve();
      try {
        cpSync(join(root, 'data'), dataDir, { recursive: true });
        const act = join(dataDir, 'KZ-35/acts/2021-02-25.34.yaml');
        writeFileSync(act, `${readFileSync(act, 'utf8')}# reviewed again\n`);
        // Requests keep coming while the other process loads and the server switches over.
        const statuses: number[] = [];
        traffic = (async () => {
          while (!stop) {
            const res = await fetch(`${server.url}/api/v1/regions/KZ-35/catalog?date=2026-11-24`);
            statuses.push(res.status);
            await res.arrayBuffer();
          }
        })();
        const direct = new URL(url);
        direct.searchParams.set('options', `-c search_path=${schema}`);
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ['bin/tegin.js', 'db', 'load', '--dir', dataDir, '--note', 'another process'],
          { cwd: root, env: { ...process.env, DATABASE_URL: direct.toString() } },
        );
        assert.match(stdout, new RegExp(`registry version ${before + 1} \\(postgres\\)`));
        const loaded = performance.now();
        await until(
          'the server serves the new version',
          () => server.servedVersion().id === before + 1,
        );
        stop = true;
        await traffic;
        const ready = await timed(`${server.url}/ready`);
        assert.equal((ready.body as { registryVersion: number }).registryVersion, before + 1);
        assert.ok(statuses.length > 0);
        assert.deepEqual([...new Set(statuses)], [200]);
        t.diagnostic(
          `served ${Math.round(performance.now() - loaded)} ms after the load ended; ${statuses.length} requests meanwhile, all 200`,
        );
      } finally {
        stop = true;
        await traffic;
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
