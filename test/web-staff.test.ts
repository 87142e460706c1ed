/**
 * The staff screens in-process (`app.request`): signing in and out with the API's own session
 * cookie (wrong password and unknown user alike, a locked account with the time left, an ended
 * session), the CSRF token on every form, refusals of the permission table as 403 pages in the
 * page's language (and audited), the doctor → commission → doctor → pharmacist flow through the
 * pages, a double-submitted dispense handing over once — and, over every answer seen, no-store,
 * no public-cache class, no IIN or name in an address or a title.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { publicClassOf } from '../src/http/cache/routes.ts';
import { OPS_REASONS, type OpsReasonId, type ReasonParams } from '../src/ops/reasons.ts';
import { staffMessagesFor } from '../src/web/staff/i18n/messages.ts';
import { issueSentence } from '../src/web/staff/i18n/reasons.ts';
import { listNameOf } from '../src/web/product-names.ts';
import { StaffClient, choices, hidden } from './support/staff-client.ts';
import { CHILD, NEW_IIN, staffWorld, type StaffWorld } from './support/staff-world.ts';

let world: StaffWorld;
const clients: StaffClient[] = [];
const client = () => {
  const made = new StaffClient(world.app);
  clients.push(made);
  return made;
};
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
/** An issue of a catalogued reason, to render as a page would. */
const reasoned = (id: OpsReasonId, params: ReasonParams) => ({
  code: 'OPS_CONFLICT' as const,
  path: [],
  message: OPS_REASONS[id](params),
  reason: { id, params },
});
const audit = async () => world.services.opsStorage.auditPage(0, 100_000);

before(async () => {
  world = await staffWorld();
});
after(() => world.close());

describe('signing in and out', () => {
  it('shows the sign-in form in kk, ru and en, no-store', async () => {
    const c = client();
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const page = await c.get(`/${lang}/staff/sign-in`);
      assert.equal(page.status, 200);
      assert.match(page.body, new RegExp(`<html lang="${lang}">`));
      assert.ok(page.title.startsWith(staffMessagesFor(lang).signIn.title));
      assert.match(page.body, /name="password" type="password"/);
    }
  });

  it('answers a wrong password and an unknown user name with the same words, and signs in with the API cookie', async () => {
    const c = client();
    const s = staffMessagesFor('ru');
    const csrf = hidden((await c.get('/ru/staff/sign-in')).body, 'csrf');
    const wrong = await c.post('/ru/staff/sign-in', {
      username: world.usernames.doctor,
      password: 'nope-nope',
      csrf,
    });
    const unknown = await c.post('/ru/staff/sign-in', {
      username: 'nobody.kz27',
      password: 'nope-nope',
      csrf,
    });
    for (const answer of [wrong, unknown]) {
      assert.equal(answer.status, 401);
      assert.ok(answer.body.includes(s.signIn.wrong));
    }
    await c.signIn('ru', world.usernames.doctor, world.passwords.doctor);
    assert.match(c.cookie ?? '', /^__Host-tegin_session=[A-Za-z0-9_-]{43}$/);
    // The same session works for the API.
    const api = await world.app.request('/api/v1/session', { headers: { cookie: c.cookie ?? '' } });
    assert.equal(api.status, 200);
  });

  it('refuses a sign-in without the form cookie and its CSRF token (login CSRF), in the page language', async () => {
    const { username, password } = {
      username: world.usernames.doctor,
      password: world.passwords.doctor,
    };
    // Another site's form: no form cookie (SameSite=Strict), no token or a made-up one.
    for (const csrf of [undefined, 'forged']) {
      const c = client();
      const answer = await c.post('/kk/staff/sign-in', {
        username,
        password,
        ...(csrf ? { csrf } : {}),
      });
      assert.equal(answer.status, 403);
      assert.ok(answer.body.includes(staffMessagesFor('kk').signIn.stale));
      assert.equal(c.cookie, null, 'no session');
    }
    // The right cookie with a token bound to another cookie, or with no token.
    const victim = client();
    await victim.get('/ru/staff/sign-in');
    const attacker = client();
    const foreign = hidden((await attacker.get('/ru/staff/sign-in')).body, 'csrf');
    for (const fields of [{ csrf: foreign }, {}]) {
      const answer = await victim.post('/ru/staff/sign-in', { username, password, ...fields });
      assert.equal(answer.status, 403);
      assert.ok(answer.body.includes(staffMessagesFor('ru').signIn.stale));
      assert.equal(victim.cookie, null, 'no session');
    }
    // The refusal page's own form works.
    const again = victim.seen.at(-1)?.body ?? '';
    const ok = await victim.post('/ru/staff/sign-in', {
      username,
      password,
      csrf: hidden(again, 'csrf'),
    });
    assert.equal(ok.status, 303);
    assert.ok(victim.cookie);
  });

  it('tells a locked account how long is left', async () => {
    const created = await world.service.accounts.createAccount(
      { kind: 'operator', name: 'test' },
      {
        username: 'locked.kz27',
        displayName: 'L',
        grants: [{ role: 'auditor', region: 'KZ-27', organisation: null }],
      },
      { requestId: null, purpose: 'test' },
    );
    assert.ok(created.ok);
    const c = client();
    const csrf = hidden((await c.get('/en/staff/sign-in')).body, 'csrf');
    for (let i = 0; i < 5; i++)
      await c.post('/en/staff/sign-in', { username: 'locked.kz27', password: 'wrong-one', csrf });
    const locked = await c.post('/en/staff/sign-in', {
      username: 'locked.kz27',
      password: created.value.password,
      csrf,
    });
    assert.equal(locked.status, 429);
    assert.ok(locked.body.includes(staffMessagesFor('en').signIn.locked(15)), 'locked for 15 min');
  });

  it('sends a request without a session to the sign-in page, and says when a session has ended', async () => {
    const c = client();
    const none = await c.get('/kk/staff/patients');
    assert.equal(none.status, 303);
    assert.equal(none.location, '/kk/staff/sign-in');
    c.cookie = `__Host-tegin_session=${'A'.repeat(43)}`;
    const ended = await c.get('/kk/staff/');
    assert.equal(ended.location, '/kk/staff/sign-in?session=ended');
    assert.equal(c.cookie, null, 'the dead cookie is cleared');
    const page = await c.get(ended.location);
    assert.ok(page.body.includes(staffMessagesFor('kk').signIn.expired));
  });

  it('signs out by a POST with the CSRF token; the session is revoked on the server', async () => {
    const c = client();
    await c.signIn('en', world.usernames.auditor, world.passwords.auditor);
    const home = await c.get('/en/staff/');
    assert.ok(home.body.includes('auditor one'));
    assert.ok(home.body.includes(staffMessagesFor('en').roles.auditor));
    const cookie = c.cookie;
    const out = await c.post('/en/staff/sign-out', { csrf: hidden(home.body, 'csrf') });
    assert.equal(out.location, '/en/staff/sign-in?session=out');
    c.cookie = cookie;
    assert.equal((await c.get('/en/staff/')).location, '/en/staff/sign-in?session=ended');
  });
});

describe('access is the use cases’ to decide', () => {
  it('answers a desk of a role the account does not hold with a 403 page in its language, audited', async () => {
    const c = client();
    await c.signIn('kk', world.usernames.pharmacist, world.passwords.pharmacist);
    const before = (await audit()).length;
    for (const path of ['/kk/staff/patients', '/kk/staff/commission']) {
      const page = await c.get(path);
      assert.equal(page.status, 403, path);
      assert.ok(page.body.includes(staffMessagesFor('kk').problems.refused));
    }
    const refused = (await audit()).slice(before);
    assert.deepEqual(
      refused.map((r) => [r.action, r.outcome]),
      [
        ['patient.create', 'refused'],
        ['commission.record', 'refused'],
      ],
    );
    const d = client();
    await d.signIn('ru', world.usernames.doctor, world.passwords.doctor);
    assert.equal((await d.get('/ru/staff/pharmacy')).status, 403);
    assert.equal((await d.get('/ru/staff/patients/not-an-id')).status, 404);
    // The commission member: a refusal in English too, on another role's desk and the trail.
    const m = client();
    await m.signIn('en', world.usernames.commission, world.passwords.commission);
    for (const path of ['/en/staff/pharmacy', '/en/staff/audit', '/en/staff/admin']) {
      const page = await m.get(path);
      assert.equal(page.status, 403, path);
      assert.ok(page.body.includes(staffMessagesFor('en').problems.refused), path);
    }
  });

  it('refuses a form without the session’s CSRF token before anything runs', async () => {
    const c = client();
    await c.signIn('ru', world.usernames.doctor, world.passwords.doctor);
    const before = (await audit()).length;
    for (const csrf of [undefined, 'forged']) {
      const page = await c.post('/ru/staff/patients/find', {
        iin: CHILD.iin,
        ...(csrf ? { csrf } : {}),
      });
      assert.equal(page.status, 403);
      assert.ok(page.body.includes(staffMessagesFor('ru').problems.csrf));
    }
    assert.equal((await audit()).length, before, 'nothing read, nothing audited');
  });
});

describe('doctor → commission → doctor → pharmacist', () => {
  let patientPath = '';
  let rxId = '';
  let d: StaffClient;

  it('the doctor finds a patient by IIN (a POST) and lands on the page by internal id', async () => {
    d = client();
    await d.signIn('ru', world.usernames.doctor, world.passwords.doctor);
    const desk = await d.get('/ru/staff/patients');
    const found = await d.post('/ru/staff/patients/find', {
      csrf: hidden(desk.body, 'csrf'),
      iin: CHILD.iin,
    });
    assert.equal(found.status, 303);
    assert.match(found.location ?? '', new RegExp(`^/ru/staff/patients/${world.child}$`));
    patientPath = found.location ?? '';
    const missing = await d.post('/ru/staff/patients/find', {
      csrf: hidden(desk.body, 'csrf'),
      iin: NEW_IIN,
    });
    assert.equal(missing.status, 404);
    assert.ok(missing.body.includes(staffMessagesFor('ru').patients.notFound));
  });

  it('registers a new patient through the form', async () => {
    const desk = await d.get('/ru/staff/patients');
    const created = await d.post('/ru/staff/patients', {
      csrf: hidden(desk.body, 'csrf'),
      iin: NEW_IIN,
      familyName: 'Сапарова',
      givenName: 'Айгүл',
      patronymic: '',
      birthDate: '1975-03-02',
      sex: 'female',
      citizenship: 'kz',
      organisation: 'KZ-27/POLY-1',
      from: world.today,
    });
    assert.equal(created.status, 303);
    assert.match(created.location ?? '', UUID);
  });

  it('offers nothing to prescribe until the register entitles it, then registers G80.1', async () => {
    const s = staffMessagesFor('ru');
    const form = await d.get(`${patientPath}/prescribe`);
    assert.ok(form.body.includes(s.rx.none));
    const page = await d.get(patientPath);
    const registered = await d.post(`${patientPath}/registrations`, {
      csrf: hidden(page.body, 'csrf'),
      icd10: 'g80.1',
      from: '2024-02-01',
      basis: 'заключение № 12 от 01.02.2024',
      organisation: 'KZ-27/POLY-1',
      confirmed: 'yes',
    });
    assert.equal(registered.location, `${patientPath}?done=registered`);
    const after = await d.get(patientPath);
    assert.ok(after.body.includes(UNMET_TEXT_RU), 'what is still missing: the commission decision');
    const offered = choices((await d.get(`${patientPath}/prescribe`)).body, 'product');
    assert.ok(
      !offered.includes('G80.1|botulinum toxin type a'),
      'not before the commission decides',
    );
    // Forced past the offer, the use case refuses: its reason in the page's language.
    const forced = await d.post(`${patientPath}/prescriptions`, {
      csrf: hidden(page.body, 'csrf'),
      product: 'G80.1|botulinum toxin type a',
      quantity: '4',
      unit: 'флакон',
      dosing: 'по назначению невролога',
      daysOfSupply: '30',
      organisation: 'KZ-27/POLY-1',
    });
    assert.equal(forced.status, 422);
    const why = { icd10: 'G80.1', product: 'botulinum toxin type a' };
    const step = issueSentence('ru', reasoned('commission_decision', why));
    assert.ok(forced.body.includes(step.text), step.text);
    assert.ok(!forced.body.includes(OPS_REASONS.commission_decision(why)), 'not the English');
    const twice = await d.post(`${patientPath}/registrations`, {
      csrf: hidden(page.body, 'csrf'),
      icd10: 'G80.1',
      from: '2024-02-01',
      basis: 'заключение № 12 от 01.02.2024',
      organisation: 'KZ-27/POLY-1',
      confirmed: 'yes',
    });
    assert.equal(twice.status, 409);
    const dup = issueSentence('ru', reasoned('already_registered', { icd10: 'G80.1' }));
    assert.ok(twice.body.includes(dup.text), dup.text);
    assert.ok(!twice.body.includes('already registered'), 'not the English');
  });

  it('the commission member records a decision from the list item’s INNs, then sees it expiring', async () => {
    const c = client();
    await c.signIn('kk', world.usernames.commission, world.passwords.commission);
    const desk = await c.get('/kk/staff/commission');
    assert.equal(desk.status, 200);
    const step = await c.post('/kk/staff/commission/prepare', {
      csrf: hidden(desk.body, 'csrf'),
      iin: CHILD.iin,
      icd10: 'G80.1',
      organisation: 'KZ-27/HOSP-1',
    });
    assert.equal(step.status, 200);
    assert.ok(step.body.includes('value="botulinum toxin type a"'));
    const soon = addDaysIso(world.today, 20);
    const recorded = await c.post('/kk/staff/commission/decisions', {
      csrf: hidden(step.body, 'csrf'),
      iin: hidden(step.body, 'iin'),
      icd10: 'G80.1',
      organisation: 'KZ-27/HOSP-1',
      protocolNumber: '77',
      protocolDate: world.today,
      inns: ['botulinum toxin type a'],
      validFrom: world.today,
      validTo: soon,
    });
    assert.equal(recorded.location, '/kk/staff/commission?done=recorded');
    const list = await c.get(recorded.location);
    assert.ok(list.body.includes('botulinum toxin type a'));
    assert.ok(list.body.includes(staffMessagesFor('kk').commission.recorded));
  });

  it('the doctor issues, offered only what the engine entitles, and prints it with the QR text', async () => {
    const form = await d.get(`${patientPath}/prescribe`);
    const offered = choices(form.body, 'product');
    const botulinum = 'G80.1|botulinum toxin type a';
    assert.ok(offered.includes(botulinum), offered.join());
    assert.ok(offered.every((o) => o.startsWith('G80.1|')));
    assert.match(form.body, /30/);
    const tooLong = await d.post(`${patientPath}/prescriptions`, {
      csrf: hidden(form.body, 'csrf'),
      product: botulinum,
      quantity: '4',
      unit: 'флакон',
      dosing: 'по назначению невролога',
      daysOfSupply: '31',
      organisation: 'KZ-27/POLY-1',
    });
    assert.equal(tooLong.status, 400);
    assert.ok(tooLong.body.includes(staffMessagesFor('ru').problems.field.daysOfSupply));
    const issued = await d.post(`${patientPath}/prescriptions`, {
      csrf: hidden(form.body, 'csrf'),
      product: botulinum,
      quantity: '4',
      unit: 'флакон',
      dosing: 'по назначению невролога',
      daysOfSupply: '30',
      organisation: 'KZ-27/POLY-1',
    });
    assert.equal(issued.status, 303);
    rxId = UUID.exec(issued.location ?? '')?.[0] ?? '';
    const print = await d.get(issued.location ?? '');
    assert.equal(print.status, 200);
    const ruName = listNameOf(world.services.registry, 'KZ-27', 'botulinum toxin type a', 'ru');
    assert.ok(ruName && print.body.includes(ruName), `the list's Russian name ${ruName}`);
    assert.match(
      print.body,
      /<textarea id="qr-text"[^>]*>TGRX1\.[A-Za-z0-9_-]+\.[0-9a-f]{16}\.[A-Za-z0-9_-]+<\/textarea>/,
    );
    assert.ok(print.body.includes(staffMessagesFor('ru').rx.qrNote));
    assert.match(print.body, /KZ-27-\d{4}-\d{6}/);
  });

  it('the pharmacist dispenses part, a double submit hands over once, then the rest', async () => {
    const p = client();
    const t = staffMessagesFor('ru').pharmacy;
    await p.signIn('ru', world.usernames.pharmacist, world.passwords.pharmacist);
    const desk = await p.get('/ru/staff/pharmacy');
    const found = await p.post('/ru/staff/pharmacy/find', {
      csrf: hidden(desk.body, 'csrf'),
      iin: CHILD.iin,
      pharmacy: 'KZ-27/PHARM-1',
    });
    assert.equal(found.location, `/ru/staff/pharmacy/prescriptions/${rxId}`);
    const serve = await p.get(found.location ?? '');
    assert.ok(serve.body.includes(t.free.entitled));
    assert.ok(serve.body.includes(t.remaining(4, 'флакон')));
    const fields = {
      csrf: hidden(serve.body, 'csrf'),
      prescriptionId: rxId,
      idempotencyKey: hidden(serve.body, 'idempotencyKey'),
      pharmacy: 'KZ-27/PHARM-1',
      quantity: '1',
      lot: 'L-1',
      expiry: addDaysIso(world.today, 400),
    };
    const expired = await p.post('/ru/staff/pharmacy/dispense', {
      ...fields,
      expiry: '2020-01-31',
    });
    assert.equal(expired.status, 400, 'a lot that expired is the input’s fault');
    assert.ok(expired.body.includes(staffMessagesFor('ru').problems.field.expiry));
    assert.equal(
      hidden(expired.body, 'idempotencyKey'),
      fields.idempotencyKey,
      'the key is not spent',
    );
    assert.ok(
      expired.body.includes(`href="/kk/staff/pharmacy/prescriptions/${rxId}"`),
      'kk: same page',
    );
    const first = await p.post('/ru/staff/pharmacy/dispense', fields);
    const again = await p.post('/ru/staff/pharmacy/dispense', fields);
    assert.match(first.location ?? '', /done=dispensed$/);
    assert.match(again.location ?? '', /done=replayed$/);
    const ledger = await world.service.dispensing.ledger(
      {
        kind: 'staff',
        accountId: '',
        grants: [{ role: 'auditor', region: 'KZ-27' as never, organisation: null }],
      },
      rxId,
      { requestId: null, purpose: 'test' },
    );
    assert.ok(ledger.ok);
    assert.equal(ledger.value.dispenses.length, 1, 'one dispense for two submits');
    const replayed = await p.get(again.location ?? '');
    assert.ok(replayed.body.includes(t.replayed));
    assert.ok(replayed.body.includes(t.remaining(3, 'флакон')));
    const rest = await p.post('/ru/staff/pharmacy/dispense', {
      ...fields,
      csrf: hidden(replayed.body, 'csrf'),
      idempotencyKey: hidden(replayed.body, 'idempotencyKey'),
      quantity: '3',
    });
    const done = await p.get(rest.location ?? '');
    assert.ok(done.body.includes(t.dispensed(3, 0, 'флакон')));
    const journal = await p.get('/ru/staff/pharmacy');
    assert.equal(
      (journal.body.match(/L-1/g) ?? []).length,
      2,
      'both dispenses in the journal of the day',
    );
  });
});

describe('every staff answer seen', () => {
  it('is no-store, never a public-cache class, and has no IIN or name in its address or title', () => {
    const seen = clients.flatMap((c) => c.seen);
    assert.ok(seen.length > 40, `${seen.length} answers`);
    for (const answer of seen) {
      const where = `${answer.method} ${answer.path}`;
      assert.equal(answer.cacheControl, 'no-store', where);
      assert.equal(answer.etag, null, where);
      assert.equal(publicClassOf(answer.path), null, where);
      for (const secret of [CHILD.iin, NEW_IIN, CHILD.familyName, 'Сапарова']) {
        assert.ok(!answer.path.includes(secret), `${where}: address`);
        assert.ok(!(answer.location ?? '').includes(secret), `${where}: redirect`);
        assert.ok(!answer.title.includes(secret), `${where}: title`);
      }
    }
  });
});

const UNMET_TEXT_RU = 'решение ВКК';

function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
