/**
 * The clinical operations over HTTP, in-process on PGlite with the repository's law: an
 * administrator sets up organisations and staff, a doctor registers a patient, the commission
 * decides, the doctor issues (refused first, naming what to record), a pharmacist finds the
 * prescription by the IIN in the body and dispenses it in two parts under Idempotency-Keys, and
 * the QR text verifies offline against the public keys of GET /api/v1/ops/rx-keys. Another
 * region's pharmacist is refused (audited with the request id); 20 concurrent full dispenses let
 * exactly one through; no IIN reaches a URL or a log line; every answer is no-store.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { todayInKazakhstan } from '../src/app/clock.ts';
import { parseTrustFile } from '../src/app/ops/rx-keys.ts';
import { verifyQr } from '../src/app/ops/signer.ts';
import type { OpsEdge } from '../src/http/context.ts';
import type { Actor } from '../src/ops/permissions.ts';
import { testApp, testOps, testServices, type TestApp, type TestServices } from './support/app.ts';

const OPERATOR: Actor = { kind: 'operator', name: 'test' };
const CTX = { requestId: null, purpose: 'administration' };
const TODAY = todayInKazakhstan();
const CHILD = {
  iin: '120311500018',
  familyName: 'Нұрланов',
  givenName: 'Әлихан',
  birthDate: '2012-03-11',
  sex: 'male',
  citizenship: 'KZ',
  organisation: 'KZ-27/P1',
  from: '2024-01-10',
};
const SECOND = { ...CHILD, iin: '130520500016', familyName: 'Серікова', birthDate: '2013-05-20' };

let services: TestServices;
let edge: OpsEdge;
let app: TestApp;
const logLines: string[] = [];
const urls: string[] = [];
const passwords = new Map<string, string>();
type Headers_ = Record<string, string>;
const as = {} as Record<'doctor' | 'member' | 'pharmacist' | 'farPharmacist', Headers_>;

interface Problem {
  status: number;
  code: string;
  detail: string;
  requestId: string;
  errors?: { code: string; field: string; message: string }[];
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
  assert.equal(res.headers.get('cache-control'), 'no-store', `${path}: no-store`);
  return res;
}

const post = (path: string, who: Headers_, json: unknown, extra: Headers_ = {}) =>
  call(`/api/v1${path}`, { method: 'POST', headers: { ...who, ...extra } }, json);
const get = (path: string, who: Headers_ = {}) => call(`/api/v1${path}`, { headers: who });

async function answer<T = Record<string, unknown>>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return JSON.parse(text) as T;
}

async function problem(res: Response, status: number): Promise<Problem> {
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  return answer<Problem>(res, status);
}

/** Signs in by the cookie: the cookie and the CSRF token every change must send. */
async function byCookie(username: string): Promise<Headers_> {
  const res = await call(
    '/api/v1/session',
    { method: 'POST' },
    { username, password: passwords.get(username) },
  );
  const { csrfToken } = await answer<{ csrfToken: string }>(res, 200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, 'x-csrf-token': csrfToken };
}

/** A bearer token for a system account (a pharmacy's software). */
async function byBearer(username: string): Promise<Headers_> {
  const minted = await edge.service.accounts.issueToken(OPERATOR, { username, hours: 1 }, CTX);
  assert.ok(minted.ok);
  return { authorization: `Bearer ${minted.value.token}` };
}

const key = () => randomUUID();
const rxBody = (patientId: string, over: Record<string, unknown> = {}) => ({
  patientId,
  organisation: 'KZ-27/P1',
  icd10: 'g80.1',
  product: { inn: 'Botulinum toxin type A' },
  quantity: 4,
  unit: 'vial',
  dosing: 'as the neurologist injects',
  daysOfSupply: 30,
  issuedOn: TODAY,
  ...over,
});
const dispenseBody = (prescriptionId: string, quantity: number) => ({
  prescriptionId,
  pharmacy: 'KZ-27/PH1',
  quantity,
  lot: 'LOT-2026-7',
  expiry: '2030-12-31',
  dispensedOn: TODAY,
});

before(async () => {
  services = await testServices();
  edge = testOps(services);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  app = testApp(services, {
    ops: edge,
    logger: pino({ level: 'debug' }, sink),
    today: () => TODAY,
  });
  // The first administrators come from the CLI (the local operator); the rest is over HTTP.
  for (const region of ['KZ-27', 'KZ-35']) {
    const username = `admin.${region.slice(3)}`;
    const created = await edge.service.accounts.createAccount(
      OPERATOR,
      {
        username,
        displayName: username,
        grants: [{ role: 'region_admin', region, organisation: null }],
      },
      CTX,
    );
    assert.ok(created.ok);
    passwords.set(username, created.value.password);
  }
});
after(() => services.storage.close());

describe('the clinical operations over HTTP', () => {
  const ids = { patient: '', registration: '', rx: '', number: '' };

  it('an administrator registers the organisations and the staff', async () => {
    const admins = { 'KZ-27': await byCookie('admin.27'), 'KZ-35': await byCookie('admin.35') };
    for (const [region, code, kind] of [
      ['KZ-27', 'P1', 'polyclinic'],
      ['KZ-27', 'H1', 'hospital_with_commission'],
      ['KZ-27', 'PH1', 'pharmacy'],
      ['KZ-35', 'PH9', 'pharmacy'],
    ] as const) {
      const name = { kk: code, ru: code, en: code };
      await answer(
        await post('/ops/organisations', admins[region], { region, code, kind, name }),
        201,
      );
    }
    for (const [username, role, region, organisation] of [
      ['doctor.p1', 'doctor', 'KZ-27', 'KZ-27/P1'],
      ['member.h1', 'commission_member', 'KZ-27', 'KZ-27/H1'],
      ['pharm.ph1', 'pharmacist', 'KZ-27', 'KZ-27/PH1'],
      ['pharm.ph9', 'pharmacist', 'KZ-35', 'KZ-35/PH9'],
    ] as const) {
      const res = await post('/ops/accounts', admins[region], {
        username,
        displayName: username,
        grants: [{ role, region, organisation }],
      });
      passwords.set(username, (await answer<{ password: string }>(res, 201)).password);
    }
    as.doctor = await byCookie('doctor.p1');
    as.member = await byCookie('member.h1');
    as.pharmacist = await byBearer('pharm.ph1');
    as.farPharmacist = await byBearer('pharm.ph9');
    const patient = await answer<{ id: string }>(
      await post('/ops/patients', as.doctor, CHILD),
      201,
    );
    ids.patient = patient.id;
  });

  it('refuses the prescription until the register entitles it: 422 OPS_NOT_ENTITLED naming what to record', async () => {
    const first = await problem(
      await post('/ops/prescriptions', as.doctor, rxBody(ids.patient)),
      422,
    );
    assert.equal(first.code, 'OPS_NOT_ENTITLED');
    assert.match(first.detail, /register the patient for G80\.1 first/);
    assert.match(first.detail, /record a commission decision naming botulinum toxin type a/);

    const registration = await answer<{ id: string; icd10: string }>(
      await post('/ops/registrations', as.doctor, {
        patientId: ids.patient,
        icd10: 'G80.1',
        organisation: 'KZ-27/P1',
        from: '2026-10-01',
        basis: 'neurologist conclusion No 512 of 01.10.2026',
        confirmed: true,
      }),
      201,
    );
    ids.registration = registration.id;
    const second = await problem(
      await post('/ops/prescriptions', as.doctor, rxBody(ids.patient)),
      422,
    );
    assert.doesNotMatch(second.detail, /register the patient/);
    assert.match(
      second.detail,
      /^record a commission decision naming botulinum toxin type a for G80\.1 first/,
    );
  });

  it('records the decision and a revocation as a new decision, and reads the register', async () => {
    const decision = {
      patientId: ids.patient,
      organisation: 'KZ-27/H1',
      protocolNumber: '44',
      protocolDate: '2026-10-15',
      icd10: 'G80.1',
      inns: ['Botulinum toxin type A'],
      validFrom: '2026-10-15',
      validTo: null,
    };
    const wrong = await answer<{ id: string }>(
      await post('/ops/commission-decisions', as.member, { ...decision, protocolNumber: '43' }),
      201,
    );
    const revocation = await answer<{ revokes: string }>(
      await post('/ops/commission-decisions', as.member, {
        ...decision,
        protocolNumber: '43-R',
        revokes: wrong.id,
      }),
      201,
    );
    assert.equal(revocation.revokes, wrong.id);
    await answer(await post('/ops/commission-decisions', as.member, decision), 201);
    const { decisions } = await answer<{ decisions: { id: string; revokedBy: string | null }[] }>(
      await get(`/ops/patients/${ids.patient}/commission-decisions`, as.doctor),
      200,
    );
    assert.equal(decisions.length, 3);
    assert.ok(decisions.find((d) => d.id === wrong.id)?.revokedBy);
    const { registrations } = await answer<{ registrations: { id: string }[] }>(
      await get(`/ops/patients/${ids.patient}/registrations`, as.doctor),
      200,
    );
    assert.deepEqual(
      registrations.map((r) => r.id),
      [ids.registration],
    );
  });

  it('issues once entitled: 201, numbered, signed; read by id and by number, listed by status', async () => {
    const p = await answer<{
      id: string;
      number: string;
      status: string;
      signature: { keyId: string };
    }>(await post('/ops/prescriptions', as.doctor, rxBody(ids.patient)), 201);
    assert.match(p.number, /^KZ-27-\d{4}-\d{6}$/);
    assert.equal(p.status, 'active');
    assert.equal(p.signature.keyId, edge.trust?.[0]?.keyId);
    ids.rx = p.id;
    ids.number = p.number;
    const read = await answer<{ id: string }>(
      await get(`/ops/prescriptions/${p.id}`, as.doctor),
      200,
    );
    assert.equal(read.id, p.id);
    const looked = await answer<{ id: string }>(
      await post('/ops/prescriptions/lookup', as.pharmacist, { number: p.number }),
      200,
    );
    assert.equal(looked.id, p.id);
    const q = `status=active&issuedFrom=${TODAY}&issuedTo=${TODAY}`;
    const { prescriptions } = await answer<{ prescriptions: { id: string }[] }>(
      await get(`/ops/patients/${ids.patient}/prescriptions?${q}`, as.doctor),
      200,
    );
    assert.deepEqual(
      prescriptions.map((x) => x.id),
      [p.id],
    );
    const bad = await problem(
      await get(`/ops/patients/${ids.patient}/prescriptions?status=lost`, as.doctor),
      400,
    );
    assert.equal(bad.errors?.[0]?.field, 'query.status');
    const notUuid = await problem(
      await get('/ops/prescriptions/KZ-27-2026-000001', as.doctor),
      400,
    );
    assert.equal(notUuid.errors?.[0]?.field, 'path.id');
  });

  it('lets the pharmacist find it by the IIN in the body, and refuses another region’s pharmacist: 403, audited with the request id', async () => {
    const find = { pharmacy: 'KZ-27/PH1', on: TODAY, iin: CHILD.iin };
    const { prescriptions } = await answer<{
      prescriptions: { prescription: { id: string }; remaining: number }[];
    }>(await post('/ops/dispensing/find', as.pharmacist, find), 200);
    assert.deepEqual(
      prescriptions.map((x) => [x.prescription.id, x.remaining]),
      [[ids.rx, 4]],
    );
    const refused: [Response, string][] = [
      [await post('/ops/dispensing/find', as.farPharmacist, find), 'prescription.find'],
      [
        await post(
          '/ops/dispenses',
          as.farPharmacist,
          { ...dispenseBody(ids.rx, 1), pharmacy: 'KZ-35/PH9' },
          { 'idempotency-key': key() },
        ),
        'dispense.record',
      ],
    ];
    const audit = await services.opsStorage.auditPage(0, 100_000);
    for (const [res, action] of refused) {
      const p = await problem(res, 403);
      assert.equal(p.code, 'AUTH_REFUSED');
      assert.equal(p.requestId, res.headers.get('x-request-id'));
      const record = audit.find((r) => r.requestId === p.requestId);
      assert.deepEqual([record?.action, record?.outcome], [action, 'refused']);
    }
    assert.equal((await services.opsStorage.dispensing.dispenses(ids.rx)).length, 0);
  });

  it('dispenses part under an Idempotency-Key: a replay answers the same with Idempotent-Replayed, another body under it is 422', async () => {
    const k = key();
    const body = dispenseBody(ids.rx, 1);
    const missing = await problem(await post('/ops/dispenses', as.pharmacist, body), 400);
    assert.equal(missing.errors?.[0]?.field, 'header.idempotency-key');
    const first = await post('/ops/dispenses', as.pharmacist, body, { 'idempotency-key': k });
    const firstBody = await answer<{ id: string; remaining: number }>(first, 201);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal(firstBody.remaining, 3);
    const replay = await post('/ops/dispenses', as.pharmacist, body, { 'idempotency-key': k });
    assert.deepEqual(await answer(replay, 201), firstBody);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    const other = await problem(
      await post('/ops/dispenses', as.pharmacist, dispenseBody(ids.rx, 2), {
        'idempotency-key': k,
      }),
      422,
    );
    assert.equal(other.code, 'OPS_IDEMPOTENCY_MISMATCH');
    assert.equal(other.errors?.[0]?.field, 'header.idempotency-key');
    assert.equal((await services.opsStorage.dispensing.dispenses(ids.rx)).length, 1);
  });

  it('dispenses the rest, refuses more (409), and answers the ledger', async () => {
    const rest = await answer<{ remaining: number }>(
      await post('/ops/dispenses', as.pharmacist, dispenseBody(ids.rx, 3), {
        'idempotency-key': key(),
      }),
      201,
    );
    assert.equal(rest.remaining, 0);
    const more = await problem(
      await post('/ops/dispenses', as.pharmacist, dispenseBody(ids.rx, 1), {
        'idempotency-key': key(),
      }),
      409,
    );
    assert.equal(more.code, 'OPS_CONFLICT');
    const ledger = await answer<{
      quantity: number;
      dispensed: number;
      dispenses: { quantity: number }[];
    }>(await get(`/ops/prescriptions/${ids.rx}/ledger`, as.doctor), 200);
    assert.deepEqual(
      [ledger.quantity, ledger.dispensed, ledger.dispenses.map((d) => d.quantity)],
      [4, 4, [1, 3]],
    );
    const read = await answer<{ status: string }>(
      await get(`/ops/prescriptions/${ids.rx}`, as.doctor),
      200,
    );
    assert.equal(read.status, 'completed');
  });

  it('gives the QR text, which verifies offline with the public keys of /ops/rx-keys (no session needed)', async () => {
    const keys = await get('/ops/rx-keys');
    const trust = parseTrustFile(await keys.text());
    assert.ok(trust.ok, JSON.stringify(trust));
    const { text } = await answer<{ text: string }>(
      await get(`/ops/prescriptions/${ids.rx}/qr`, as.pharmacist),
      200,
    );
    const verified = verifyQr(text, trust.keys, { on: TODAY });
    assert.ok(verified.ok, JSON.stringify(verified));
    assert.deepEqual([verified.payload.number, verified.payload.iin], [ids.number, CHILD.iin]);
    const record = (await services.opsStorage.auditPage(0, 100_000)).at(-1);
    assert.deepEqual([record?.action, record?.detail], ['prescription.read', `qr ${ids.rx}`]);
    const refused = await problem(
      await get(`/ops/prescriptions/${ids.rx}/qr`, as.farPharmacist),
      403,
    );
    assert.equal(refused.code, 'AUTH_REFUSED');
  });

  it('defers under a key (a replay is marked), then lets exactly one of 20 concurrent full dispenses through: the rest 409', async () => {
    const patient = await answer<{ id: string }>(
      await post('/ops/patients', as.doctor, SECOND),
      201,
    );
    await answer(
      await post('/ops/registrations', as.doctor, {
        patientId: patient.id,
        icd10: 'G80.1',
        organisation: 'KZ-27/P1',
        from: '2026-10-01',
        basis: 'neurologist conclusion No 513',
        confirmed: true,
      }),
      201,
    );
    await answer(
      await post('/ops/commission-decisions', as.member, {
        patientId: patient.id,
        organisation: 'KZ-27/H1',
        protocolNumber: '45',
        protocolDate: '2026-10-15',
        icd10: 'G80.1',
        inns: ['Botulinum toxin type A'],
        validFrom: '2026-10-15',
        validTo: null,
      }),
      201,
    );
    const p = await answer<{ id: string }>(
      await post('/ops/prescriptions', as.doctor, rxBody(patient.id, { quantity: 2 })),
      201,
    );
    const deferral = { prescriptionId: p.id, pharmacy: 'KZ-27/PH1', recordedOn: TODAY };
    const k = key();
    const deferred = await post('/ops/deferrals', as.pharmacist, deferral, {
      'idempotency-key': k,
    });
    const first = await answer<{ id: string; status: string }>(deferred, 201);
    const again = await post('/ops/deferrals', as.pharmacist, deferral, { 'idempotency-key': k });
    assert.deepEqual(await answer(again, 201), first);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');

    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        post('/ops/dispenses', as.pharmacist, dispenseBody(p.id, 2), { 'idempotency-key': key() }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, ...Array<number>(19).fill(409)]);
    assert.equal((await services.opsStorage.dispensing.dispenses(p.id)).length, 1);
    const ledger = await answer<{ deferrals: { status: string }[] }>(
      await get(`/ops/prescriptions/${p.id}/ledger`, as.pharmacist),
      200,
    );
    assert.deepEqual(
      ledger.deferrals.map((d) => d.status),
      ['served'],
    );
    const cancel = await problem(
      await post(`/ops/prescriptions/${p.id}/cancel`, as.doctor, { reason: 'therapy_changed' }),
      409,
    );
    assert.equal(cancel.code, 'OPS_CONFLICT');
  });

  it('cancels an active prescription and closes a registration (once each: then 409)', async () => {
    const patient = await answer<{ id: string }>(
      await post('/ops/patients/search', as.doctor, { iin: SECOND.iin }),
      200,
    );
    const { registrations } = await answer<{ registrations: { id: string }[] }>(
      await get(`/ops/patients/${patient.id}/registrations`, as.doctor),
      200,
    );
    const id = registrations[0]?.id ?? '';
    const close = { to: TODAY, reason: 'recovered' };
    const closed = await answer<{ to: string; deregistration: { reason: string } }>(
      await post(`/ops/registrations/${id}/close`, as.doctor, close),
      200,
    );
    assert.deepEqual([closed.to, closed.deregistration.reason], [TODAY, 'recovered']);
    const twice = await problem(
      await post(`/ops/registrations/${id}/close`, as.doctor, close),
      409,
    );
    assert.equal(twice.errors?.[0]?.field, 'path.id');
    const unknown = await problem(
      await post(`/ops/prescriptions/${randomUUID()}/cancel`, as.doctor, { reason: 'other' }),
      404,
    );
    assert.equal(unknown.errors?.[0]?.field, 'path.id');
  });

  it('lists every clinical path in the OpenAPI document; all but the public keys need a session', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const expected = [
      'post /api/v1/ops/registrations',
      'post /api/v1/ops/registrations/{id}/close',
      'get /api/v1/ops/patients/{id}/registrations',
      'post /api/v1/ops/commission-decisions',
      'get /api/v1/ops/patients/{id}/commission-decisions',
      'post /api/v1/ops/prescriptions',
      'get /api/v1/ops/prescriptions/{id}',
      'post /api/v1/ops/prescriptions/lookup',
      'post /api/v1/ops/prescriptions/{id}/cancel',
      'get /api/v1/ops/patients/{id}/prescriptions',
      'get /api/v1/ops/prescriptions/{id}/qr',
      'post /api/v1/ops/dispensing/find',
      'post /api/v1/ops/dispenses',
      'post /api/v1/ops/deferrals',
      'get /api/v1/ops/prescriptions/{id}/ledger',
      'get /api/v1/ops/rx-keys',
    ];
    for (const route of expected) {
      const [method = '', path = ''] = route.split(' ');
      const operation = doc.paths[path]?.[method];
      assert.ok(operation, `${route} is documented`);
      assert.equal((operation.security?.length ?? 0) > 0, path !== '/api/v1/ops/rx-keys', route);
    }
  });

  it('puts no IIN or name in any URL or log line', () => {
    assert.ok(logLines.length > 40, `${logLines.length} log lines`);
    const log = logLines.join('');
    for (const secret of [CHILD.iin, SECOND.iin, CHILD.familyName, SECOND.familyName]) {
      assert.ok(!log.includes(secret), `the log holds ${secret}`);
      assert.ok(!urls.some((u) => u.includes(secret)), `a URL holds ${secret}`);
    }
  });
});
