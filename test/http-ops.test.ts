/**
 * The operations API in-process on PGlite: sessions (cookie flags, CSRF, bearer tokens,
 * lockout, logout), the routes of organisations, accounts, patients and the audit, refusals
 * audited with the request id, no-store everywhere, and the IIN in no URL or log line.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { isLocalHttp, parseConfig } from '../src/app/config.ts';
import type { Actor } from '../src/ops/permissions.ts';
import type { OpsEdge } from '../src/http/context.ts';
import { sessionSettings } from '../src/http/ops/session.ts';
import { testApp, testOps, testServices, type TestApp, type TestServices } from './support/app.ts';

const IIN = '750302300017';
const FAMILY = 'Сапарова';
const OPERATOR: Actor = { kind: 'operator', name: 'test' };
const CTX = { requestId: null, purpose: 'administration' };

let services: TestServices;
let edge: OpsEdge;
let app: TestApp;
const logLines: string[] = [];
/** Every URL the tests asked for: the IIN must be in none. */
const urls: string[] = [];
const passwords = new Map<string, string>();

interface Signed {
  cookie: string;
  csrf: string;
  setCookie: string;
  body: Record<string, unknown>;
}

async function call(path: string, init: RequestInit = {}, json?: unknown): Promise<Response> {
  urls.push(path);
  const headers = new Headers(init.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  const res = await app.request(path, {
    ...init,
    headers,
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  if (path.startsWith('/api/v1/ops') || path.startsWith('/api/v1/session')) {
    assert.equal(res.headers.get('cache-control'), 'no-store', `${path}: no-store`);
  }
  return res;
}

async function login(username: string, password = passwords.get(username) ?? ''): Promise<Signed> {
  const res = await call('/api/v1/session', { method: 'POST' }, { username, password });
  assert.equal(res.status, 200, `login ${username}: ${await res.clone().text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const body = (await res.json()) as Record<string, unknown>;
  return { cookie: setCookie.split(';')[0] ?? '', csrf: String(body.csrfToken), setCookie, body };
}

/** Headers of a request signed in by the cookie, with its CSRF token unless told otherwise. */
const byCookie = (s: Signed, csrf: string | null = s.csrf): Record<string, string> => ({
  cookie: s.cookie,
  ...(csrf === null ? {} : { 'x-csrf-token': csrf }),
});
const byBearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function problemOf(res: Response) {
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  return (await res.json()) as {
    status: number;
    code: string;
    detail: string;
    requestId: string;
    errors?: { code: string; field: string; message: string }[];
  };
}

before(async () => {
  services = await testServices();
  edge = testOps(services);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  app = testApp(services, { ops: edge, logger: pino({ level: 'debug' }, sink) });
  const ops = edge.service;
  for (const [region, code, kind] of [
    ['KZ-27', 'P1', 'polyclinic'],
    ['KZ-27', 'P2', 'polyclinic'],
    ['KZ-35', 'K1', 'polyclinic'],
  ] as const) {
    const created = await ops.createOrganisation(
      OPERATOR,
      { region, code, kind, name: { kk: code, ru: code, en: code } },
      CTX,
    );
    assert.ok(created.ok);
  }
  const accounts: [string, string, string, string | null][] = [
    ['admin.27', 'region_admin', 'KZ-27', null],
    ['doctor.p1', 'doctor', 'KZ-27', 'KZ-27/P1'],
    ['doctor.p2', 'doctor', 'KZ-27', 'KZ-27/P2'],
    ['auditor.27', 'auditor', 'KZ-27', null],
    ['auditor.35', 'auditor', 'KZ-35', null],
    ['locked.one', 'doctor', 'KZ-27', 'KZ-27/P1'],
    ['lab.system', 'doctor', 'KZ-27', 'KZ-27/P1'],
  ];
  for (const [username, role, region, organisation] of accounts) {
    const created = await ops.accounts.createAccount(
      OPERATOR,
      { username, displayName: username, grants: [{ role, region, organisation }] },
      CTX,
    );
    assert.ok(created.ok, username);
    passwords.set(username, created.value.password);
  }
});
after(() => services.storage.close());

describe('sessions over HTTP', () => {
  it('signs in with an HttpOnly, Secure, SameSite=Lax __Host- cookie and answers who, roles and a CSRF token', async () => {
    const s = await login('doctor.p1');
    assert.match(s.setCookie, /^__Host-tegin_session=[A-Za-z0-9_-]{43};/);
    for (const flag of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/'])
      assert.ok(s.setCookie.split('; ').includes(flag), `${flag} in ${s.setCookie}`);
    assert.match(s.setCookie, /Max-Age=43[12]\d\d/); // 12 hours
    assert.deepEqual(Object.keys(s.body).sort(), ['account', 'csrfToken', 'expiresAt', 'grants']);
    assert.deepEqual(s.body.grants, [
      { role: 'doctor', region: 'KZ-27', organisation: 'KZ-27/P1' },
    ]);
    const token = s.cookie.split('=')[1] ?? '';
    assert.ok(!JSON.stringify(s.body).includes(token), 'the token is only in the cookie');
    const who = await call('/api/v1/session', { headers: byCookie(s, null) });
    assert.equal(who.status, 200);
    assert.equal(((await who.json()) as { csrfToken: string }).csrfToken, s.csrf);
  });

  it('on plain http at a loopback address, names the cookie without __Host- and sends it without Secure', async () => {
    const local = testApp(services, {
      ops: { service: edge.service, session: sessionSettings({ localHttp: true }) },
    });
    const password = passwords.get('doctor.p2') ?? '';
    const res = await local.request('/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'doctor.p2', password }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^tegin_session=/);
    assert.ok(!cookie.includes('Secure') && cookie.includes('HttpOnly'), cookie);
    const config = (env: Record<string, string>) => isLocalHttp(parseConfig(env));
    assert.equal(config({}), true); // npm start: http://127.0.0.1:3000
    assert.equal(config({ PUBLIC_BASE_URL: 'http://localhost:3000' }), true);
    assert.equal(config({ HOST: '0.0.0.0' }), false);
    assert.equal(config({ PUBLIC_BASE_URL: 'http://tegin.example' }), false);
    assert.equal(config({ PUBLIC_BASE_URL: 'https://localhost' }), false);
  });

  it('refuses a wrong password and an unknown name alike: 401 AUTH_LOGIN_FAILED', async () => {
    const wrong = await call(
      '/api/v1/session',
      { method: 'POST' },
      { username: 'doctor.p1', password: 'not-it' },
    );
    const unknown = await call(
      '/api/v1/session',
      { method: 'POST' },
      { username: 'nobody.here', password: 'not-it' },
    );
    assert.deepEqual([wrong.status, unknown.status], [401, 401]);
    assert.equal(wrong.headers.get('set-cookie'), null);
    const [a, b] = [await problemOf(wrong), await problemOf(unknown)];
    assert.deepEqual([a.code, a.detail], [b.code, b.detail]);
    assert.equal(a.code, 'AUTH_LOGIN_FAILED');
  });

  it('locks an account after the policy’s 5 failures: 429 AUTH_LOCKED with Retry-After, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await call(
        '/api/v1/session',
        { method: 'POST' },
        { username: 'locked.one', password: `wrong-${i}` },
      );
      assert.equal(res.status, 401);
    }
    const locked = await call(
      '/api/v1/session',
      { method: 'POST' },
      { username: 'locked.one', password: passwords.get('locked.one') },
    );
    assert.equal(locked.status, 429);
    assert.equal((await problemOf(locked)).code, 'AUTH_LOCKED');
    const retryAfter = Number(locked.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 15 * 60, `Retry-After ${retryAfter}`);
  });

  it('signs out by revoking the session on the server: the same cookie no longer works', async () => {
    const s = await login('doctor.p1');
    const noCsrf = await call('/api/v1/session', { method: 'DELETE', headers: byCookie(s, null) });
    assert.equal((await problemOf(noCsrf)).code, 'AUTH_CSRF');
    const out = await call('/api/v1/session', { method: 'DELETE', headers: byCookie(s) });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie') ?? '', /^__Host-tegin_session=;.*Max-Age=0/);
    const again = await call('/api/v1/ops/organisations?region=KZ-27', {
      headers: byCookie(s),
    });
    assert.equal(again.status, 401);
    assert.equal((await problemOf(again)).code, 'AUTH_SESSION_INVALID');
  });

  it('accepts a bearer token (minted by the use case) without a CSRF token; it can be revoked', async () => {
    const minted = await edge.service.accounts.issueToken(
      OPERATOR,
      { username: 'lab.system', hours: 1 },
      CTX,
    );
    assert.ok(minted.ok);
    const token = minted.value.token;
    const who = await call('/api/v1/session', { headers: byBearer(token) });
    const session = (await who.json()) as { csrfToken: unknown; account: { username: string } };
    assert.deepEqual([session.account.username, session.csrfToken], ['lab.system', null]);
    const created = await call(
      '/api/v1/ops/patients',
      { method: 'POST', headers: byBearer(token) },
      patientBody({ iin: '120311500018', organisation: 'KZ-27/P1' }),
    );
    assert.equal(created.status, 201, await created.clone().text());
    const records = await services.opsStorage.auditPage(0, 100_000);
    assert.ok(!JSON.stringify(records).includes(token), 'the token is in no audit record');
    assert.equal(
      (await call('/api/v1/session', { method: 'DELETE', headers: byBearer(token) })).status,
      204,
    );
    assert.equal((await call('/api/v1/session', { headers: byBearer(token) })).status, 401);
    const malformed = await call('/api/v1/session', { headers: { authorization: 'Basic eDp5' } });
    assert.equal((await problemOf(malformed)).code, 'AUTH_REQUIRED');
    assert.match(malformed.headers.get('www-authenticate') ?? '', /^Bearer/);
  });

  it('refuses a change signed in by the cookie without its CSRF token: 403 AUTH_CSRF, nothing written', async () => {
    const admin = await login('admin.27');
    const other = await login('doctor.p1');
    const org = {
      region: 'KZ-27',
      code: 'P3',
      kind: 'polyclinic',
      name: { kk: 'P3', ru: 'P3', en: 'P3' },
    };
    for (const csrf of [null, 'x', other.csrf]) {
      const res = await call(
        '/api/v1/ops/organisations',
        { method: 'POST', headers: byCookie(admin, csrf) },
        org,
      );
      assert.equal(res.status, 403);
      assert.equal((await problemOf(res)).code, 'AUTH_CSRF');
    }
    assert.equal(await services.opsStorage.organisation('KZ-27/P3'), null);
    const ok = await call(
      '/api/v1/ops/organisations',
      { method: 'POST', headers: byCookie(admin) },
      org,
    );
    assert.equal(ok.status, 201);
    const list = await call('/api/v1/ops/organisations?region=KZ-27', {
      headers: byCookie(admin, null),
    });
    const { organisations } = (await list.json()) as { organisations: { code: string }[] };
    assert.deepEqual(
      organisations.map((o) => o.code),
      ['P1', 'P2', 'P3'],
    );
  });

  it('answers 401 AUTH_REQUIRED to every operations route without a session, before validating anything', async () => {
    const doc = (await (await call('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const opsPaths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/ops/'));
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1/ops/')) continue;
      // The one public path: the keys prescriptions are signed with (public keys are public).
      if (path === '/api/v1/ops/rx-keys') {
        assert.deepEqual(operations.get?.security, []);
        assert.equal((await call(path)).status, 200);
        continue;
      }
      for (const method of Object.keys(operations)) {
        const body = method === 'get' ? undefined : {};
        const res = await call(path.replace('{id}', 'x'), { method: method.toUpperCase() }, body);
        assert.equal(res.status, 401, `${method} ${path}`);
        assert.equal((await problemOf(res)).code, 'AUTH_REQUIRED');
        assert.ok((operations[method]?.security?.length ?? 0) > 0, `${method} ${path}: security`);
      }
    }
    assert.ok(opsPaths.length >= 6);
  });
});

function patientBody(over: Record<string, unknown> = {}) {
  return {
    iin: IIN,
    familyName: FAMILY,
    givenName: 'Айгүл',
    birthDate: '1975-03-02',
    sex: 'female',
    citizenship: 'KZ',
    organisation: 'KZ-27/P1',
    from: '2024-01-10',
    ...over,
  };
}

describe('the operations routes', () => {
  let patientId = '';
  let doctor: Signed;

  before(async () => {
    doctor = await login('doctor.p1');
  });

  it('registers a patient, finds them by the IIN in the body, and reads them by internal id', async () => {
    const created = await call(
      '/api/v1/ops/patients',
      { method: 'POST', headers: byCookie(doctor) },
      patientBody(),
    );
    assert.equal(created.status, 201, await created.clone().text());
    patientId = ((await created.json()) as { id: string }).id;
    assert.match(patientId, /^[0-9a-f-]{36}$/);
    const found = await call(
      '/api/v1/ops/patients/search',
      { method: 'POST', headers: { ...byCookie(doctor), 'x-purpose-of-use': 'dispensing' } },
      { iin: IIN },
    );
    assert.equal(found.status, 200);
    assert.equal(((await found.json()) as { id: string }).id, patientId);
    const [record] = (await services.opsStorage.auditPage(0, 100_000)).slice(-1);
    assert.deepEqual(
      [record?.action, record?.patientRef, record?.purpose, record?.requestId],
      ['patient.read', patientId, 'dispensing', found.headers.get('x-request-id')],
    );
    const read = await call(`/api/v1/ops/patients/${patientId}`, {
      headers: byCookie(doctor, null),
    });
    assert.equal(((await read.json()) as { iin: string }).iin, IIN);
    const twice = await call(
      '/api/v1/ops/patients',
      { method: 'POST', headers: byCookie(doctor) },
      patientBody(),
    );
    const conflict = await problemOf(twice);
    assert.deepEqual(
      [twice.status, conflict.code, conflict.errors?.[0]?.field],
      [409, 'OPS_CONFLICT', 'body.iin'],
    );
    const none = await call(
      '/api/v1/ops/patients/search',
      { method: 'POST', headers: byCookie(doctor) },
      { iin: '020202500014' },
    );
    assert.deepEqual([none.status, (await problemOf(none)).code], [404, 'OPS_NOT_FOUND']);
  });

  it('refuses a doctor of another organisation with 403 AUTH_REFUSED, audited with the request id', async () => {
    const other = await login('doctor.p2');
    for (const [path, init, json] of [
      [`/api/v1/ops/patients/${patientId}`, { headers: byCookie(other, null) }, undefined],
      ['/api/v1/ops/patients/search', { method: 'POST', headers: byCookie(other) }, { iin: IIN }],
    ] as const) {
      const res = await call(path, init, json);
      assert.equal(res.status, 403);
      const problem = await problemOf(res);
      assert.equal(problem.code, 'AUTH_REFUSED');
      assert.equal(problem.requestId, res.headers.get('x-request-id'));
      const refusal = (await services.opsStorage.auditPage(0, 100_000)).find(
        (r) => r.requestId === problem.requestId,
      );
      assert.deepEqual(
        [
          refusal?.action,
          refusal?.outcome,
          refusal?.detail,
          refusal?.patientRef,
          refusal?.organisation,
        ],
        ['patient.read', 'refused', 'other_organisation', patientId, 'KZ-27/P2'],
      );
    }
  });

  it('moves the attachment to the receiving doctor’s organisation', async () => {
    const receiving = await login('doctor.p2');
    const moved = await call(
      `/api/v1/ops/patients/${patientId}/attachments`,
      { method: 'POST', headers: byCookie(receiving) },
      { organisation: 'KZ-27/P2', from: '2025-03-01' },
    );
    assert.equal(moved.status, 200, await moved.clone().text());
    const { attachments } = (await moved.json()) as { attachments: { to: string | null }[] };
    assert.deepEqual(
      attachments.map((a) => a.to),
      ['2025-03-01', null],
    );
  });

  it("gives a region's auditor its audit and refuses another region's: 403", async () => {
    const away = await login('auditor.35');
    const refused = await call('/api/v1/ops/audit?region=KZ-27', { headers: byCookie(away, null) });
    assert.equal(refused.status, 403);
    assert.equal((await problemOf(refused)).code, 'AUTH_REFUSED');
    const auditor = await login('auditor.27');
    const page = await call('/api/v1/ops/audit?region=KZ-27&after=0&limit=5', {
      headers: byCookie(auditor, null),
    });
    const { records } = (await page.json()) as { records: { organisation: string }[] };
    assert.equal(records.length, 5);
    assert.ok(records.every((r) => r.organisation.startsWith('KZ-27/')));
    const verify = await call(
      '/api/v1/ops/audit/verify',
      { method: 'POST', headers: byCookie(auditor) },
      { region: 'KZ-27' },
    );
    assert.equal(((await verify.json()) as { ok: boolean }).ok, true);
  });

  it('answers bad input as problem+json naming the field', async () => {
    const cases: [string, RequestInit, unknown, string][] = [
      [
        '/api/v1/ops/patients',
        { method: 'POST' },
        patientBody({ iin: '750302300018' }),
        'body.iin',
      ],
      [
        '/api/v1/ops/patients',
        { method: 'POST' },
        patientBody({ from: '2024-02-30' }),
        'body.from',
      ],
      [
        '/api/v1/ops/patients',
        { method: 'POST' },
        patientBody({ organisation: 'KZ-27/NOPE' }),
        'body.organisation',
      ],
      ['/api/v1/ops/patients/search', { method: 'POST' }, { iin: 'x' }, 'body.iin'],
      ['/api/v1/ops/patients/not-a-uuid', {}, undefined, 'path.id'],
      ['/api/v1/ops/audit?region=KZ-27&limit=5000', {}, undefined, 'query.limit'],
      [
        '/api/v1/ops/organisations',
        { method: 'POST' },
        { region: 'KZ-27', code: 'P9', kind: 'shop', name: { kk: 'a', ru: 'a', en: 'a' } },
        'body.kind',
      ],
      [
        '/api/v1/ops/organisations?region=KZ-27',
        { headers: { 'x-purpose-of-use': 'Bad Purpose!' } },
        undefined,
        'header.x-purpose-of-use',
      ],
    ];
    const auditor = await login('auditor.27');
    const admin = await login('admin.27');
    for (const [path, init, json, fieldName] of cases) {
      const who = path.includes('audit')
        ? auditor
        : path.includes('organisations')
          ? admin
          : doctor;
      const headers = { ...byCookie(who), ...(init.headers as Record<string, string> | undefined) };
      const res = await call(path, { ...init, headers }, json);
      const problem = await problemOf(res);
      assert.ok(res.status === 400 || res.status === 404, `${path}: ${res.status}`);
      assert.ok(
        problem.errors?.some((e) => e.field === fieldName),
        `${path}: ${fieldName} in ${JSON.stringify(problem.errors)}`,
      );
      assert.ok(!JSON.stringify(problem).includes(IIN), path);
    }
  });

  it('refuses an oversized body before anything else: 413', async () => {
    const huge = { iin: 'x'.repeat(70 * 1024) };
    for (const path of ['/api/v1/ops/patients/search', '/api/v1/session']) {
      const res = await call(path, { method: 'POST', headers: byCookie(doctor) }, huge);
      assert.equal(res.status, 413);
      assert.equal((await problemOf(res)).code, 'HTTP_BODY_TOO_LARGE');
    }
  });

  it('lists every operations path in the OpenAPI document', async () => {
    const doc = (await (await call('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const listed = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/v1/ops/') || p === '/api/v1/session')
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`))
      .sort();
    assert.deepEqual(listed, [
      'delete /api/v1/session',
      'get /api/v1/ops/analytics/gaps',
      'get /api/v1/ops/analytics/impact',
      'get /api/v1/ops/analytics/need',
      'get /api/v1/ops/audit',
      'get /api/v1/ops/organisations',
      'get /api/v1/ops/patients/{id}',
      'get /api/v1/ops/patients/{id}/commission-decisions',
      'get /api/v1/ops/patients/{id}/prescriptions',
      'get /api/v1/ops/patients/{id}/registrations',
      'get /api/v1/ops/prescriptions/{id}',
      'get /api/v1/ops/prescriptions/{id}/ledger',
      'get /api/v1/ops/prescriptions/{id}/qr',
      'get /api/v1/ops/rx-keys',
      'get /api/v1/session',
      'post /api/v1/ops/accounts',
      'post /api/v1/ops/analytics/whatif',
      'post /api/v1/ops/audit/verify',
      'post /api/v1/ops/commission-decisions',
      'post /api/v1/ops/deferrals',
      'post /api/v1/ops/dispenses',
      'post /api/v1/ops/dispensing/find',
      'post /api/v1/ops/organisations',
      'post /api/v1/ops/patients',
      'post /api/v1/ops/patients/search',
      'post /api/v1/ops/patients/{id}/attachments',
      'post /api/v1/ops/prescriptions',
      'post /api/v1/ops/prescriptions/lookup',
      'post /api/v1/ops/prescriptions/{id}/cancel',
      'post /api/v1/ops/registrations',
      'post /api/v1/ops/registrations/{id}/close',
      'post /api/v1/session',
    ]);
  });

  it('creates an account through the API, answering its password once', async () => {
    const admin = await login('admin.27');
    const res = await call(
      '/api/v1/ops/accounts',
      { method: 'POST', headers: byCookie(admin) },
      {
        username: 'pharmacist.new',
        displayName: 'New',
        grants: [{ role: 'doctor', region: 'KZ-27', organisation: 'KZ-27/P2' }],
      },
    );
    assert.equal(res.status, 201);
    const { password } = (await res.json()) as { password: string };
    assert.equal((await login('pharmacist.new', password)).body.grants instanceof Array, true);
  });

  it('puts no IIN or name in any URL or log line, and no password or session token in the log', () => {
    assert.ok(logLines.length > 20, `${logLines.length} log lines`);
    const log = logLines.join('');
    for (const secret of [IIN, '120311500018', FAMILY, ...passwords.values()]) {
      assert.ok(!log.includes(secret), `the log holds ${secret}`);
      assert.ok(!urls.some((u) => u.includes(secret)), `a URL holds ${secret}`);
    }
    assert.ok(!/tegin_session=|csrf/i.test(log), 'no cookie or CSRF token in the log');
  });
});
