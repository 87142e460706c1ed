/**
 * The operations API through the real server (startServer, a listening port): the CLI sets up
 * an organisation, an administrator and a system account's bearer token; the server then opens
 * the same database with one client (a second PGlite instance on the directory would be
 * refused by its lock), migrates the operations, and signs in over plain http on a loopback
 * address with the local cookie. On PGlite always, on PostgreSQL with DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../src/cli/main.ts';
import { startServer } from '../src/server.ts';
import { dropSchema, openPostgresClient } from '../src/storage/postgres.ts';

async function cli(env: Record<string, string>, ...argv: string[]) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  if (!env.DATABASE_URL) delete process.env.DATABASE_URL;
  let out = '';
  let err = '';
  try {
    const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
    assert.equal(code, 0, `${argv.join(' ')}: ${err}`);
    return out;
  } finally {
    process.env = saved;
  }
}

async function roundTrip(env: Record<string, string>) {
  const names = ['--name-kk', 'P1', '--name-ru', 'P1', '--name-en', 'P1'];
  await cli(
    env,
    'orgs',
    'add',
    '--region',
    'KZ-27',
    '--code',
    'P1',
    '--kind',
    'polyclinic',
    ...names,
  );
  const added = await cli(
    env,
    'users',
    'add',
    '--username',
    'admin.one',
    '--name',
    'Admin',
    '--role',
    'region_admin',
    '--region',
    'KZ-27',
    '--json',
  );
  const { password } = JSON.parse(added) as { password: string };
  await cli(
    env,
    'users',
    'add',
    '--username',
    'lab.system',
    '--name',
    'Lab',
    '--role',
    'doctor',
    '--region',
    'KZ-27',
    '--org',
    'KZ-27/P1',
  );
  const minted = await cli(env, 'users', 'token', 'lab.system', '--hours', '2', '--json');
  const { token } = JSON.parse(minted) as { token: string };
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);

  const server = await startServer({ ...env, PORT: '0', LOG_LEVEL: 'silent' });
  try {
    const login = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin.one', password }),
    });
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^tegin_session=.*HttpOnly/, 'the local cookie on http://127.0.0.1');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const created = await fetch(`${server.url}/api/v1/ops/organisations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: cookie.split(';')[0] ?? '',
        'x-csrf-token': csrfToken,
      },
      body: JSON.stringify({
        region: 'KZ-27',
        code: 'PH1',
        kind: 'pharmacy',
        name: { kk: 'a', ru: 'a', en: 'a' },
      }),
    });
    assert.equal(created.status, 201);
    const listed = await fetch(`${server.url}/api/v1/ops/organisations?region=KZ-27`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(listed.headers.get('cache-control'), 'no-store');
    const { organisations } = (await listed.json()) as { organisations: { code: string }[] };
    assert.deepEqual(
      organisations.map((o) => o.code),
      ['P1', 'PH1'],
    );
    // The registry is served from the same client.
    assert.equal((await fetch(`${server.url}/api/v1/regions`)).status, 200);
  } finally {
    await server.stop('test');
  }
}

describe('the operations API in the server', () => {
  it('on PGlite: one client for the registry and the operations, set up by the CLI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegin-server-ops-'));
    try {
      await roundTrip({ TEGIN_DB_DIR: join(dir, 'db') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const url = process.env.DATABASE_URL;
  it(
    'on PostgreSQL (DATABASE_URL), in a schema of its own',
    { skip: !url && 'DATABASE_URL is not set' },
    async () => {
      if (!url) return;
      const schema = `tegin_ops_http_${randomBytes(4).toString('hex')}`;
      await (await openPostgresClient(url, { schema })).close(); // creates the schema
      after(() => dropSchema(url, schema));
      const scoped = new URL(url);
      scoped.searchParams.set('options', `-c search_path=${schema}`);
      await roundTrip({ DATABASE_URL: scoped.toString(), TEGIN_VERSION_POLL_MS: '0' });
    },
  );
});
