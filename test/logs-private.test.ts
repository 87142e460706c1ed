/**
 * Patients' facts never reach the logs: every request is logged (at debug level, so nothing is
 * filtered out), including refusals and server-side problems, and no line holds the IIN, the
 * birth date or the diagnoses a person sent — through the API, FHIR $evaluate or the checker —
 * and no IIN or name on any signed-in operations route of the OpenAPI document.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Actor } from '../src/ops/permissions.ts';
import { testApp, testOps, testServices, type TestApp, type TestServices } from './support/app.ts';
import { grantFor, ROUTE_CASES, type AuthzCase } from './support/authz-cases.ts';
import { FAMILY_NAME, FAR, GIVEN_NAME, HOME, OpsWorld } from './support/ops-world.ts';

const IIN = '120311500018';
const BIRTH = '2012-03-11';
const lines: string[] = [];
let services: TestServices;
let app: TestApp;
let ops: ReturnType<typeof testOps>;

before(async () => {
  services = await testServices();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  ops = testOps(services);
  app = testApp(services, { ops, logger: pino({ level: 'debug' }, sink) });
});
after(() => services.storage.close());

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('the request log', () => {
  it('holds no IIN, birth date or diagnosis a patient sent, on answers and refusals', async () => {
    const facts = { region: 'KZ-27', date: '2026-11-24', diagnoses: [{ code: 'Q87.1' }] };
    const requests: [string, RequestInit][] = [
      ['/api/v1/entitlements', json({ ...facts, iin: IIN })],
      ['/api/v1/entitlements', json({ ...facts, birthDate: BIRTH })],
      ['/api/v1/entitlements', json({ ...facts, iin: `${IIN.slice(0, 11)}9` })], // bad check digit
      ['/api/v1/entitlements', json({ ...facts, iin: IIN, age: 'x' })],
      [
        '/en/check',
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `go=1&region=KZ-27&birthDate=${BIRTH}&dx=Q87.1`,
        },
      ],
      [`/en/check?birthDate=${BIRTH}&dx=Q87.1`, {}], // facts in a GET: redirected, not logged
    ];
    for (const [path, init] of requests) await app.request(path, init);
    // The log is written: one line per request at least.
    assert.ok(lines.length >= requests.length, `${lines.length} log lines`);
    const log = lines.join('');
    for (const secret of [IIN, IIN.slice(0, 11), BIRTH, 'Q87.1', 'Q87'])
      assert.ok(!log.includes(secret), `the log holds ${secret}`);
  });
});

describe('the request log of the operations API', () => {
  it('holds no IIN, name, password or session token: sign-in, registration, search by IIN, a pharmacy’s search, refusals', async () => {
    const operator: Actor = { kind: 'operator', name: 'test' };
    const ctx = { requestId: null, purpose: 'administration' };
    const org = {
      region: 'KZ-27',
      code: 'P1',
      kind: 'polyclinic',
      name: { kk: 'a', ru: 'a', en: 'a' },
    };
    assert.ok((await ops.service.createOrganisation(operator, org, ctx)).ok);
    const account = await ops.service.accounts.createAccount(
      operator,
      {
        username: 'doctor.log',
        displayName: 'Doctor',
        grants: [{ role: 'doctor', region: 'KZ-27', organisation: 'KZ-27/P1' }],
      },
      ctx,
    );
    assert.ok(account.ok);
    const password = account.value.password;
    const before = lines.length;
    await app.request('/api/v1/session', json({ username: 'doctor.log', password: 'wrong-one' }));
    const login = await app.request('/api/v1/session', json({ username: 'doctor.log', password }));
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const signed = (body: unknown) => ({
      ...json(body),
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    });
    const patient = {
      iin: IIN,
      familyName: 'Жанұзақова',
      givenName: 'Айша',
      birthDate: BIRTH,
      sex: 'female',
      citizenship: 'KZ',
      organisation: 'KZ-27/P1',
      from: '2024-01-10',
    };
    const created = await app.request('/api/v1/ops/patients', signed(patient));
    assert.equal(created.status, 201);
    const found = await app.request('/api/v1/ops/patients/search', signed({ iin: IIN }));
    assert.equal(found.status, 200);
    await app.request('/api/v1/ops/patients/search', signed({ iin: `${IIN.slice(0, 11)}9` }));
    await app.request('/api/v1/ops/patients/search', json({ iin: IIN })); // not signed in
    // The clinical routes: the IIN in a pharmacy's search body, refused and not.
    const find = { pharmacy: 'KZ-27/P1', on: '2026-11-24', iin: IIN };
    await app.request('/api/v1/ops/dispensing/find', signed(find)); // not a pharmacy: 400
    await app.request('/api/v1/ops/dispensing/find', signed({ ...find, iin: `${IIN}0` }));
    await app.request('/api/v1/ops/dispensing/find', json(find)); // not signed in
    const { id } = (await created.json()) as { id: string };
    await app.request(`/api/v1/ops/patients/${id}/prescriptions`, { headers: { cookie } });
    assert.ok(lines.length - before >= 10, `${lines.length - before} log lines`);
    const log = lines.slice(before).join('');
    const token = cookie.split('=')[1] ?? '';
    for (const secret of [
      IIN,
      IIN.slice(0, 11),
      BIRTH,
      'Жанұзақова',
      'Айша',
      password,
      'wrong-one',
      'doctor.log',
      token,
      csrfToken,
    ])
      assert.ok(!log.includes(secret), `the log holds ${secret}`);
  });
});

describe('the request log of every operations route (from the OpenAPI document)', () => {
  it('holds no IIN or name on any signed-in route: allowed, refused, invalid, or without a session', async (t) => {
    const sink: string[] = [];
    const logger = pino(
      { level: 'debug' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          sink.push(chunk.toString());
          done();
        },
      }),
    );
    const world = await OpsWorld.open({ logger });
    try {
      const doc = (await (await world.app.request('/api/openapi.json')).json()) as {
        paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>>;
      };
      let routes = 0;
      for (const methods of Object.values(doc.paths)) {
        for (const op of Object.values(methods)) {
          if (!op.operationId || (op.security?.length ?? 0) === 0) continue;
          if (!(op.operationId in ROUTE_CASES)) continue; // sessions: covered above
          const authzCase = ROUTE_CASES[op.operationId] as AuthzCase;
          const call = (await authzCase.prepare(world)).http;
          assert.ok(call, op.operationId);
          const allowed = (await world.staffFor(grantFor(authzCase))).bearer;
          const far = grantFor(authzCase);
          const refused = (
            await world.staffFor({
              ...far,
              region: FAR,
              organisation: far.organisation?.replace(HOME, FAR) ?? null,
            })
          ).bearer;
          const iin = world.iins[0] ?? '';
          // Every string of the body replaced by an IIN: the refusal must not log it either.
          const withIin = JSON.parse(
            JSON.stringify(call.body ?? {}, (_k, v: unknown) => (typeof v === 'string' ? iin : v)),
          ) as unknown;
          for (const [who, body] of [
            [allowed, call.body],
            [refused, call.body],
            [allowed, withIin],
            [{}, call.body],
          ] as const) {
            const res = await world.app.request(call.path, {
              method: call.method,
              headers: { ...who, ...call.headers, 'content-type': 'application/json' },
              ...(call.method === 'GET' ? {} : { body: JSON.stringify(body) }),
            });
            assert.ok(res.status < 500, `${op.operationId}: ${res.status}`);
          }
          routes += 1;
        }
      }
      assert.ok(routes >= Object.keys(ROUTE_CASES).length, `${routes} routes`);
      assert.ok(sink.length >= routes * 4, `${sink.length} log lines`);
      const log = sink.join('');
      assert.ok(world.iins.length > 3, 'patients were made');
      for (const secret of [...world.iins, FAMILY_NAME, GIVEN_NAME])
        assert.ok(!log.includes(secret), `the log holds ${secret}`);
      t.diagnostic(`${routes} routes, ${sink.length} log lines, ${world.iins.length} IINs checked`);
    } finally {
      await world.close();
    }
  });
});
