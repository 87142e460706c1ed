/**
 * The operations API through the real server (startServer, a listening port): the CLI sets up
 * an organisation, an administrator and a system account's bearer token; the server then opens
 * the same database with one client (a second PGlite instance on the directory would be
 * refused by its lock), migrates the operations, and signs in over plain http on a loopback
 * address with the local cookie. On PGlite always, on PostgreSQL with DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { todayInKazakhstan } from '../src/app/clock.ts';
import { parseTrustFile } from '../src/app/ops/rx-keys.ts';
import { DEV_KEY_FILE } from '../src/app/ops/rx-signing.ts';
import { verifyQr } from '../src/app/ops/signer.ts';
import { main } from '../src/cli/main.ts';
import { startServer, StartError } from '../src/server.ts';
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
  let issued: { qr: string } | undefined;
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
    issued = await issueThrough(server.url, token, {
      cookie: cookie.split(';')[0] ?? '',
      csrfToken,
    });
  } finally {
    await server.stop('test');
  }
  // Restarted: the same development key, so what it signed still verifies.
  const again = await startServer({ ...env, PORT: '0', LOG_LEVEL: 'silent' });
  try {
    const keys = await (await fetch(`${again.url}/api/v1/ops/rx-keys`)).text();
    const trust = parseTrustFile(keys);
    assert.ok(trust.ok, keys);
    const verified = verifyQr(issued?.qr ?? '', trust.keys);
    assert.ok(verified.ok, JSON.stringify(verified));
  } finally {
    await again.stop('test');
  }
}

/**
 * The server's composition: the law of the served registry version, the signer and today in
 * Kazakhstan. A doctor (the bearer token) registers a patient, a commission member recorded by
 * the administrator decides, the doctor issues; the QR text verifies with GET /ops/rx-keys.
 */
async function issueThrough(
  url: string,
  token: string,
  admin: { cookie: string; csrfToken: string },
): Promise<{ qr: string }> {
  const send = async (path: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.equal(res.headers.get('cache-control'), 'no-store', path);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const asAdmin = { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken };
  const doctor = { authorization: `Bearer ${token}` };
  const names = { kk: 'H1', ru: 'H1', en: 'H1' };
  const org = { region: 'KZ-27', code: 'H1', kind: 'hospital_with_commission', name: names };
  assert.equal((await send('/ops/organisations', asAdmin, org)).status, 201);
  const grants = [{ role: 'commission_member', region: 'KZ-27', organisation: 'KZ-27/H1' }];
  const member = await send('/ops/accounts', asAdmin, {
    username: 'member.h1',
    displayName: 'Member',
    grants,
  });
  const login = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'member.h1', password: member.body.password }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const asMember = {
    cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    'x-csrf-token': csrfToken,
  };
  const patient = await send('/ops/patients', doctor, {
    iin: '120311500018',
    familyName: 'Нұрланов',
    givenName: 'Әлихан',
    birthDate: '2012-03-11',
    sex: 'male',
    citizenship: 'KZ',
    organisation: 'KZ-27/P1',
    from: '2024-01-10',
  });
  const patientId = String(patient.body.id);
  const registration = {
    patientId,
    icd10: 'G80.1',
    organisation: 'KZ-27/P1',
    from: '2026-10-01',
    basis: 'conclusion No 1',
    confirmed: true,
  };
  assert.equal((await send('/ops/registrations', doctor, registration)).status, 201);
  const decision = await send('/ops/commission-decisions', asMember, {
    patientId,
    organisation: 'KZ-27/H1',
    protocolNumber: '1',
    protocolDate: '2026-10-15',
    icd10: 'G80.1',
    inns: ['Botulinum toxin type A'],
    validFrom: '2026-10-15',
    validTo: null,
  });
  assert.equal(decision.status, 201, JSON.stringify(decision.body));
  const rx = await send('/ops/prescriptions', doctor, {
    patientId,
    organisation: 'KZ-27/P1',
    icd10: 'G80.1',
    product: { inn: 'Botulinum toxin type A' },
    quantity: 2,
    unit: 'vial',
    dosing: 'as injected',
    daysOfSupply: 30,
    issuedOn: todayInKazakhstan(),
  });
  assert.equal(rx.status, 201, JSON.stringify(rx.body));
  const qr = await send(`/ops/prescriptions/${String(rx.body.id)}/qr`, doctor);
  const trust = parseTrustFile(JSON.stringify((await send('/ops/rx-keys', {})).body));
  assert.ok(trust.ok);
  assert.ok(verifyQr(String(qr.body.text), trust.keys).ok);
  return { qr: String(qr.body.text) };
}

describe('the operations API in the server', () => {
  it('on PGlite: one client for the registry and the operations, set up by the CLI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegin-server-ops-'));
    try {
      await roundTrip({ TEGIN_DB_DIR: join(dir, 'db') });
      // The development key, made once in the database directory, readable by its owner only.
      assert.equal(statSync(join(dir, 'db', DEV_KEY_FILE)).mode & 0o777, 0o600);
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
      const dir = mkdtempSync(join(tmpdir(), 'tegin-server-ops-pg-'));
      after(() => rmSync(dir, { recursive: true, force: true }));
      await roundTrip({
        DATABASE_URL: scoped.toString(),
        TEGIN_VERSION_POLL_MS: '0',
        TEGIN_DB_DIR: dir, // where the development signing key is made
      });
    },
  );

  it('refuses to start where secrets are required without them, naming the setting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegin-server-secrets-'));
    const env = { TEGIN_DB_DIR: join(dir, 'db'), PORT: '0', LOG_LEVEL: 'silent' };
    try {
      await assert.rejects(
        startServer({ ...env, NODE_ENV: 'production' }),
        (e) => e instanceof StartError && /^TEGIN_SESSION_SECRET is not set/.test(e.message),
      );
      await assert.rejects(
        startServer({ ...env, TEGIN_REQUIRE_SECRETS: '1', TEGIN_SESSION_SECRET: 'x'.repeat(32) }),
        (e) => e instanceof StartError && /^TEGIN_RX_SIGNING_KEY_FILE is not set/.test(e.message),
      );
      // The other two of the four: TEGIN_REQUIRE_SECRETS without the session secret, and
      // NODE_ENV=production with the secret but no signing key.
      await assert.rejects(
        startServer({ ...env, TEGIN_REQUIRE_SECRETS: '1' }),
        (e) => e instanceof StartError && /^TEGIN_SESSION_SECRET is not set/.test(e.message),
      );
      await assert.rejects(
        startServer({ ...env, NODE_ENV: 'production', TEGIN_SESSION_SECRET: 'x'.repeat(32) }),
        (e) => e instanceof StartError && /^TEGIN_RX_SIGNING_KEY_FILE is not set/.test(e.message),
      );
      assert.throws(() => statSync(join(dir, 'db', DEV_KEY_FILE)), /ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
