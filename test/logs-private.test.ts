/**
 * Patients' facts never reach the logs: every request is logged (at debug level, so nothing is
 * filtered out), including refusals and server-side problems, and no line holds the IIN, the
 * birth date or the diagnoses a person sent — through the API, FHIR $evaluate or the checker.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Services } from '../src/app/services.ts';
import { testApp, testServices, type TestApp } from './support/app.ts';

const IIN = '120311500018';
const BIRTH = '2012-03-11';
const lines: string[] = [];
let services: Services;
let app: TestApp;

before(async () => {
  services = await testServices();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  app = testApp(services, { logger: pino({ level: 'debug' }, sink) });
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
