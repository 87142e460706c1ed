/**
 * "My medicines" in-process (docs/adr/0020-patient-access.md): the one-time code sign-in
 * (unknown IIN answered as a known one, wrong, expired and exhausted codes, rate limits, CSRF),
 * the patient's pages (their own records only, no-store, no IIN or name in URLs or titles,
 * every read audited with the patient as actor), and a patient's session refused by every staff
 * route and use case; and the notice of a list change that touches the patient (a stand-in law
 * whose answer depends on the date).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Law } from '../src/app/ops/law.ts';
import { MyRecordsUseCases } from '../src/app/ops/my-records.ts';
import { argon2Hasher } from '../src/app/ops/password.ts';
import { isoDate, type IsoDate } from '../src/domain/date.ts';
import { DEFAULT_LOGIN_POLICY } from '../src/ops/login.ts';
import { developmentOutbox } from '../src/app/ops/outbox.ts';
import { decodeIin } from '../src/domain/iin.ts';
import { isPersonalPath } from '../src/http/ops/personal-paths.ts';
import { listNameOf } from '../src/web/product-names.ts';
import { CHILD, NEW_IIN, patientWorld, TODAY } from './support/patient-world.ts';

type World = Awaited<ReturnType<typeof patientWorld>>;

/** A browser of one: cookies kept by name, forms posted with them. */
class Browser {
  readonly jar = new Map<string, string>();
  constructor(
    private readonly world: World,
    private readonly address = '10.0.0.1',
  ) {}

  async request(path: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const headers: Record<string, string> = {};
    if (this.jar.size > 0) {
      headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await this.world.app.request(
      `http://localhost${path}`,
      { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, ...(body ? { body } : {}) },
      { incoming: { socket: { remoteAddress: this.address } } },
    );
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone = attrs.some((a) => /max-age=0\b/i.test(a.trim())) || value === '';
      if (gone) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return { res, text: await res.text() };
  }

  async csrfOf(path: string): Promise<string> {
    const { text } = await this.request(path);
    const match = /name="csrf" value="([^"]+)"/.exec(text);
    assert.ok(match, `a CSRF field on ${path}`);
    return match[1] as string;
  }

  async askCode(iin: string, lang = 'ru') {
    const csrf = await this.csrfOf(`/${lang}/my/sign-in`);
    return this.request(`/${lang}/my/sign-in`, { form: { iin, csrf } });
  }

  async sendCode(code: string, lang = 'ru') {
    const csrf = await this.csrfOf(`/${lang}/my/code`);
    return this.request(`/${lang}/my/code`, { form: { code, csrf } });
  }

  async signIn(world: World, iin: string = CHILD.iin) {
    const asked = await this.askCode(iin);
    assert.equal(asked.res.status, 303);
    const code = world.messages.at(-1)?.code;
    assert.ok(code);
    const sent = await this.sendCode(code);
    assert.equal(sent.res.status, 303, sent.text);
    assert.equal(sent.res.headers.get('location'), '/ru/my/');
  }
}

/** Valid IINs (check digit found by the decoder) that no patient has. */
function freshIins(count: number): string[] {
  const out: string[] = [];
  for (let n = 100; out.length < count; n++) {
    for (let d = 0; d <= 9; d++) {
      const iin = `9001013${String(n).padStart(4, '0')}${d}`;
      if (decodeIin(iin).ok) {
        out.push(iin);
        break;
      }
    }
  }
  return out;
}

const wrongOf = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

let world: World;

describe('my medicines', () => {
  before(async () => {
    world = await patientWorld();
  });
  after(() => world.close());

  describe('my medicines: the one-time code sign-in', () => {
    it('answers an unknown IIN exactly as a known one, and sends no code for it', async () => {
      const known = await new Browser(world, '10.1.0.1').askCode(CHILD.iin);
      const before = world.messages.length;
      const [unknownIin] = freshIins(1);
      const unknown = await new Browser(world, '10.1.0.2').askCode(unknownIin as string);
      for (const r of [known, unknown]) {
        assert.equal(r.res.status, 303);
        assert.equal(r.res.headers.get('location'), '/ru/my/code');
        assert.match(r.res.headers.getSetCookie().join('\n'), /__Host-tegin_code=[\w-]{43};/);
      }
      assert.equal(world.messages.length, before, 'no code for an unknown IIN');
      const last = world.messages.at(-1);
      assert.equal(last?.patientId, world.child);
      assert.doesNotMatch(JSON.stringify(last), new RegExp(CHILD.iin));
    });

    it('refuses an IIN that fails its check digit, and a form without its CSRF token', async () => {
      const b = new Browser(world, '10.2.0.1');
      const bad = await b.askCode('123456789012');
      assert.equal(bad.res.status, 400);
      const stale = await b.request('/ru/my/sign-in', { form: { iin: CHILD.iin, csrf: 'x' } });
      assert.equal(stale.res.status, 403);
    });

    it('signs in with the code, once; a wrong code is refused and counted', async () => {
      const b = new Browser(world, '10.3.0.1');
      await b.askCode(CHILD.iin);
      const code = world.messages.at(-1)?.code as string;
      const wrong = await b.sendCode(wrongOf(code));
      assert.equal(wrong.res.status, 401);
      assert.match(wrong.text, /Код неверный/);
      const right = await b.sendCode(code);
      assert.equal(right.res.status, 303);
      assert.ok(b.jar.has('__Host-tegin_patient'));
      assert.ok(!b.jar.has('__Host-tegin_code'), 'the challenge is dropped');
      const audit = await world.services.opsStorage.auditPage(0, 10_000);
      const logins = audit.filter((r) => r.action === 'auth.login' && r.patientRef === world.child);
      assert.ok(logins.some((r) => r.outcome === 'failed' && r.detail === 'wrong_code'));
      assert.ok(logins.some((r) => r.outcome === 'allowed' && r.detail === 'one_time_code'));
      assert.ok(
        logins.every((r) => r.actorId === `patient:${world.child}` && r.role === 'patient'),
      );
    });

    it('closes a code after five wrong tries: even the right one is refused then', async () => {
      const b = new Browser(world, '10.4.0.1');
      await b.askCode(NEW_IIN);
      const code = world.messages.at(-1)?.code as string;
      const challenge = b.jar.get('__Host-tegin_code') as string;
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await b.sendCode(wrongOf(code))).res.status);
      assert.deepEqual(statuses, [401, 401, 401, 401, 429]);
      // The challenge cookie is dropped on the last try; sent again anyway, the right code is refused.
      const late = await b.request('/ru/my/code');
      assert.equal(late.res.status, 303, 'back to the sign-in without a challenge');
      b.jar.set('__Host-tegin_code', challenge);
      const right = await b.sendCode(code);
      assert.equal(right.res.status, 429);
      assert.ok(!b.jar.has('__Host-tegin_patient'));
    });

    it('refuses an expired code', async () => {
      const b = new Browser(world, '10.5.0.1');
      await b.askCode(NEW_IIN);
      const code = world.messages.at(-1)?.code as string;
      const csrf = await b.csrfOf('/ru/my/code');
      world.advance(11 * 60_000);
      try {
        const late = await b.request('/ru/my/code', { form: { code, csrf } });
        assert.equal(late.res.status, 401);
        assert.match(late.text, /больше не действует/);
        assert.ok(!b.jar.has('__Host-tegin_patient'));
      } finally {
        world.advance(-11 * 60_000);
      }
    });

    it('limits the codes asked for one IIN, and from one client', async () => {
      const b = new Browser(world, '10.6.0.1');
      const pool = freshIins(30); // the first was asked for above
      const iin = pool[29];
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await b.askCode(iin as string)).res.status);
      assert.deepEqual(statuses, [303, 303, 303, 429]);
      const c = new Browser(world, '10.6.0.2');
      const many = pool.slice(1, 22);
      const answers = [];
      for (const one of many) answers.push((await c.askCode(one)).res.status);
      assert.deepEqual(answers.slice(0, 20), Array(20).fill(303));
      assert.equal(answers[20], 429);
      const audit = await world.services.opsStorage.auditPage(0, 10_000);
      assert.ok(audit.some((r) => r.action === 'auth.code' && r.detail === 'rate_limited_iin'));
      assert.ok(audit.some((r) => r.action === 'auth.code' && r.detail === 'rate_limited_client'));
    });
  });

  describe('my medicines: the pages', () => {
    let b: Browser;
    before(async () => {
      b = new Browser(world);
      await b.signIn(world);
    });

    const PAGES = ['/', '/entitlements', '/prescriptions', '/history', '/registrations'];

    it('shows the patient their own records, no-store, personal, without IIN or name in titles or URLs', async () => {
      const other = world.other;
      for (const lang of ['kk', 'ru', 'en']) {
        for (const path of PAGES) {
          const url = `/${lang}/my${path}`;
          assert.ok(isPersonalPath(url), url);
          const { res, text } = await b.request(url);
          assert.equal(res.status, 200, url);
          assert.equal(res.headers.get('cache-control'), 'no-store', url);
          const title = /<title>([^<]*)<\/title>/.exec(text)?.[1] ?? '';
          for (const secret of [CHILD.iin, CHILD.familyName, CHILD.givenName, NEW_IIN]) {
            assert.ok(!title.includes(secret), `${url} title`);
            assert.ok(!text.includes(secret), `${url} shows ${secret}`);
          }
          for (const href of text.matchAll(/(?:href|action)="([^"]*)"/g)) {
            assert.ok(!href[1]?.includes(world.child) && !href[1]?.includes(other), href[1]);
          }
        }
      }
      const rx = await b.request('/en/my/prescriptions');
      assert.match(rx.text, new RegExp(world.rxNumber));
      assert.match(rx.text, /1 vial left to receive/);
      assert.match(rx.text, /PHARM-1|Pharmacy|pharmacy/);
      assert.match((await b.request('/en/my/history')).text, /LOT|1 vial/);
      assert.match((await b.request('/en/my/registrations')).text, /G80\.1/);
      const ent = await b.request('/en/my/entitlements');
      assert.match(ent.text, /G80\.1/);
      assert.match(ent.text, /Botulinum/i);
    });

    it('speaks the page language: the product as the list names it, the diagnosis with no Kazakh second line', async () => {
      const registry = world.services.registry;
      for (const lang of ['kk', 'ru'] as const) {
        const name = listNameOf(registry, 'KZ-27', 'botulinum toxin type a', lang);
        assert.ok(name, `the list names the product in ${lang}`);
        const rx = await b.request(`/${lang}/my/prescriptions`);
        assert.ok(rx.text.includes(name), `${lang}: ${name}`);
      }
      const ru = (await b.request('/ru/my/entitlements')).text;
      const headings = [...ru.matchAll(/<h2 class="h3">([\s\S]*?)<\/h2>/g)].map((m) => m[1] ?? '');
      assert.ok(headings.length > 0);
      for (const h of headings) assert.ok(!h.includes('lang="kk"'), h);
      assert.match(ru, /[А-Яа-яЁё]{4}/);
    });

    it('audits every read with the patient as actor and subject', async () => {
      const before = (await world.services.opsStorage.auditHead()).sequence;
      await b.request('/ru/my/prescriptions');
      await b.request('/ru/my/history');
      const records = await world.services.opsStorage.auditPage(before, 100);
      assert.deepEqual(
        records.map((r) => [r.action, r.actorId, r.role, r.patientRef, r.outcome]),
        [
          ['own.prescriptions.read', `patient:${world.child}`, 'patient', world.child, 'allowed'],
          ['own.dispenses.read', `patient:${world.child}`, 'patient', world.child, 'allowed'],
        ],
      );
    });

    it('ignores any id a URL carries: the session names the patient', async () => {
      const { text } = await b.request(`/en/my/registrations?patient=${world.other}`);
      assert.match(text, /G80\.1/);
      assert.equal((await b.request(`/en/my/${world.other}`)).res.status, 404);
    });

    it('never lets a patient session act as staff', async () => {
      const token = b.jar.get('__Host-tegin_patient') as string;
      const api = await world.app.request(`http://localhost/api/v1/ops/patients/${world.child}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(api.status, 401);
      const staff = await world.app.request('http://localhost/ru/staff/', {
        headers: { cookie: `__Host-tegin_session=${token}` },
      });
      assert.equal(staff.status, 303);
      assert.match(staff.headers.get('location') ?? '', /\/ru\/staff\/sign-in/);
    });

    it('refuses, and audits, every staff use case called with a patient actor', async () => {
      const service = (await import('../src/app/ops/open.ts')).opsService(
        world.services.opsStorage,
      );
      const me = { kind: 'patient' as const, patientId: world.child };
      const ctx = { requestId: 'patient-as-staff', purpose: 'test' };
      for (const read of [
        () => service.patients.readPatient(me, world.child, ctx),
        () => service.patients.readPatient(me, world.other, ctx),
        () => service.register.registrations(me, world.other, ctx),
        () => service.prescriptions.list(me, world.other, {}, ctx),
      ]) {
        const r = await read();
        assert.equal(r.ok, false);
        assert.equal(r.ok ? null : r.issues[0]?.code, 'AUTH_REFUSED');
      }
      const audit = await world.services.opsStorage.auditPage(0, 10_000);
      const refused = audit.filter((r) => r.requestId === 'patient-as-staff');
      assert.equal(refused.length, 4);
      assert.ok(
        refused.every((r) => r.outcome === 'refused' && r.actorId === `patient:${world.child}`),
      );
    });

    it('signs out with the CSRF token only; the session is revoked', async () => {
      const c = new Browser(world, '10.9.0.1');
      await c.signIn(world, NEW_IIN); // the child's three codes of the window are spent above
      const stale = await c.request('/ru/my/sign-out', { form: { csrf: 'nope' } });
      assert.equal(stale.res.status, 403);
      const token = c.jar.get('__Host-tegin_patient') as string;
      const csrf = await c.csrfOf('/ru/my/');
      const out = await c.request('/ru/my/sign-out', { form: { csrf } });
      assert.equal(out.res.status, 303);
      const again = await world.app.request('http://localhost/ru/my/', {
        headers: { cookie: `__Host-tegin_patient=${token}` },
      });
      assert.equal(again.status, 303);
      assert.match(again.headers.get('location') ?? '', /sign-in\?session=ended/);
    });
  });

  /** A law whose item 1.7 is free before `until` and `after` from it, with the list's dates. */
  function standIn(changes: { ahead: IsoDate | null; since: IsoDate | null }, flip: IsoDate): Law {
    const entitlement = (date: string) => ({
      status: date < flip ? 'entitled' : 'not_entitled',
      item: '7',
      basis: { act: 'KZ-27.act', annex: '1', section: '1' },
      diagnosis: { code: 'G80.1' },
      reason: null,
      products: [],
    });
    return {
      version: 'x',
      provision: {} as Law['provision'],
      evaluate: (facts) => {
        const date = (facts as { date: string }).date;
        return {
          ok: true,
          result: { age: 14, entitlements: [entitlement(date)], warnings: [] },
        } as never;
      },
      listChanges: () => changes,
      diff: () => null,
    };
  }

  describe('my medicines: a notice when a change of the list touches the patient', () => {
    const notices = async (law: Law) => {
      const records = new MyRecordsUseCases({
        storage: world.services.opsStorage,
        hasher: argon2Hasher,
        policy: DEFAULT_LOGIN_POLICY,
        law: () => law,
        today: () => isoDate(TODAY),
      });
      const me = { kind: 'patient' as const, patientId: world.child };
      const answer = await records.entitlements(me, { requestId: null, purpose: 'test' });
      assert.ok(answer.ok);
      return answer.value.notices;
    };

    it('tells of a change ahead that takes an item away', async () => {
      const ahead = isoDate('2027-01-01');
      const found = await notices(standIn({ ahead, since: null }, ahead));
      assert.deepEqual(found, [
        {
          when: 'ahead',
          date: ahead,
          items: [{ item: '1.7', diagnosis: 'G80.1', before: 'entitled', after: 'not_entitled' }],
          acts: [],
        },
      ]);
    });

    it('says nothing when no change is ahead, or the change leaves the answer as it is', async () => {
      assert.deepEqual(
        await notices(standIn({ ahead: null, since: null }, isoDate('2027-01-01'))),
        [],
      );
      const ahead = isoDate('2027-01-01');
      assert.deepEqual(await notices(standIn({ ahead, since: null }, isoDate('2030-01-01'))), []);
    });

    it('tells of a change made lately, and not of one made long ago', async () => {
      const since = isoDate('2026-11-01');
      const lately = await notices(standIn({ ahead: null, since }, since));
      assert.equal(lately[0]?.when, 'since');
      const old = isoDate('2025-01-01');
      assert.deepEqual(await notices(standIn({ ahead: null, since: old }, old)), []);
    });
  });
});

describe('the development outbox', () => {
  it('appends the message to its file and logs it, naming the patient by internal id only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegin-outbox-'));
    try {
      const lines: string[] = [];
      const file = join(dir, 'sub', 'outbox.log');
      const outbox = developmentOutbox({ file, log: (l) => lines.push(l) });
      await outbox.send({
        patientId: 'p-1',
        kind: 'sign_in_code',
        code: '012345',
        expiresAt: '2026-11-24T10:10:00.000Z',
      });
      const stored = JSON.parse(readFileSync(file, 'utf8').trim());
      assert.equal(stored.patientId, 'p-1');
      assert.equal(stored.code, '012345');
      assert.deepEqual(Object.keys(stored).sort(), [
        'at',
        'code',
        'expiresAt',
        'kind',
        'patientId',
      ]);
      assert.match(lines[0] ?? '', /012345 for patient p-1/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
