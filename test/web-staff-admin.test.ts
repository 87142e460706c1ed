/**
 * The region administrator's and auditor's screens, in-process (issue 12, items 5 and 6):
 * - each screen opens for its role only: a doctor, an auditor on the administrator's screens
 *   and an administrator on the auditor's get the 403 page, and the refusal is in the trail;
 * - every answer is `no-store`; a POST without the session's CSRF token is refused;
 * - an organisation and an account are added through the forms; the generated password is on
 *   the answer to the POST only, never in an address, and sending the form again shows none;
 * - the parameters are the data's, with status and source, and the page says they are read-only;
 * - the auditor finds a patient by IIN through a POST that redirects to the internal id: the
 *   IIN is in no address, no title, no page after it and no audit record;
 * - the search and the exports are audited; the CSV starts with a BOM and the header, and a
 *   cell a spreadsheet would run as a formula is defused; the FHIR export is a valid Bundle.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Actor } from '../src/ops/permissions.ts';
import { csvCell } from '../src/ops/audit-csv.ts';
import { CHILD, staffWorld, type StaffWorld } from './support/staff-world.ts';
import { validateFhir } from './support/fhir-validator.ts';

let world: StaffWorld;
const operator: Actor = { kind: 'operator', name: 'test' };
const ctx = { requestId: null, purpose: 'test' };
const cookies: Record<string, string> = {};

async function signIn(username: string, password: string): Promise<string> {
  const form = await world.app.request('/en/staff/sign-in');
  const formCookie = (form.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await world.app.request('/en/staff/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: formCookie },
    body: new URLSearchParams({ username, password, csrf }).toString(),
  });
  assert.equal(res.status, 303);
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0] ?? '';
}

const get = (who: string, path: string) =>
  world.app.request(path, { headers: { cookie: cookies[who] ?? '' } });

async function post(who: string, path: string, form: Record<string, string>, csrf = true) {
  const page = await get(who, '/en/staff/');
  const token = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return world.app.request(path, {
    method: 'POST',
    headers: {
      cookie: cookies[who] ?? '',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ ...form, ...(csrf ? { csrf: token } : {}) }).toString(),
  });
}

const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';

async function lastAudit(n: number) {
  const head = await world.services.opsStorage.auditHead();
  return world.services.opsStorage.auditPage(Math.max(0, head.sequence - n), n);
}

before(async () => {
  world = await staffWorld();
  const admin = await world.service.accounts.createAccount(
    operator,
    {
      username: 'admin1.kz27',
      displayName: 'admin one',
      grants: [{ role: 'region_admin', region: 'KZ-27', organisation: null }],
    },
    ctx,
  );
  assert.ok(admin.ok);
  cookies.admin = await signIn('admin1.kz27', admin.value.password);
  for (const key of ['doctor', 'auditor'] as const) {
    cookies[key] = await signIn(world.usernames[key], world.passwords[key]);
  }
});
after(() => world.close());

describe('staff screens of the region administrator and the auditor', () => {
  it('opens each screen to its role only, refusing the others with an audited 403 page', async () => {
    const cases: [string, string][] = [
      ['doctor', '/en/staff/admin'],
      ['doctor', '/en/staff/audit'],
      ['auditor', '/en/staff/admin/KZ-27/accounts'],
      ['admin', '/en/staff/audit/KZ-27'],
      ['admin', '/en/staff/admin/KZ-35/accounts'],
    ];
    for (const [who, path] of cases) {
      const res = await get(who, path);
      assert.equal(res.status, 403, `${who} ${path}`);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.match(await res.text(), /The refusal has been recorded/);
      const [last] = await lastAudit(1);
      assert.equal(last?.outcome, 'refused', `${who} ${path}`);
    }
    for (const [who, path] of [
      ['admin', '/en/staff/admin'],
      ['admin', '/kk/staff/admin/KZ-27/accounts'],
      ['auditor', '/ru/staff/audit/KZ-27'],
      ['auditor', '/en/staff/admin/KZ-27/parameters'],
    ] as const) {
      const res = await get(who, path);
      assert.equal(res.status, 200, `${who} ${path}`);
      assert.equal(res.headers.get('cache-control'), 'no-store');
    }
    const signedOut = await world.app.request('/en/staff/admin');
    assert.equal(signedOut.status, 303);
  });

  it('adds an organisation through the form, and refuses the form without its CSRF token', async () => {
    const form = {
      code: 'POLY-9',
      kind: 'polyclinic',
      nameKk: 'Емхана 9',
      nameRu: 'Поликлиника 9',
      nameEn: 'Polyclinic 9',
    };
    const forged = await post('admin', '/en/staff/admin/KZ-27/organisations', form, false);
    assert.equal(forged.status, 403);
    const res = await post('admin', '/en/staff/admin/KZ-27/organisations', form);
    assert.equal(res.status, 303);
    const page = await (await get('admin', res.headers.get('location') ?? '')).text();
    assert.match(page, /The organisation KZ-27\/POLY-9 was added/);
    assert.match(page, /Polyclinic 9/);
    const again = await post('admin', '/en/staff/admin/KZ-27/organisations', form);
    assert.equal(again.status, 409);
  });

  it('shows a new account’s password once, on the answer to the form only', async () => {
    const form = {
      username: 'doctor9.kz27',
      displayName: 'Doctor Nine',
      role: 'doctor',
      organisation: 'KZ-27/POLY-1',
    };
    const res = await post('admin', '/en/staff/admin/KZ-27/accounts', form);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('location'), null);
    const html = await res.text();
    const password = /<code class="password">([^<]+)<\/code>/.exec(html)?.[1] ?? '';
    assert.ok(password.length >= 12, 'a generated password is shown');
    assert.match(await signIn('doctor9.kz27', password), /=/);
    const list = await (await get('admin', '/en/staff/admin/KZ-27/accounts')).text();
    assert.match(list, /doctor9\.kz27/);
    assert.ok(!list.includes(password), 'the list never shows it');
    const again = await post('admin', '/en/staff/admin/KZ-27/accounts', form);
    assert.equal(again.status, 409);
    assert.ok(!/class="password"/.test(await again.text()), 'sending again shows no password');
    const audit = JSON.stringify(await lastAudit(50));
    assert.ok(!audit.includes(password));
  });

  it('shows the parameters read-only, each value with its status and source', async () => {
    const html = await (await get('admin', '/en/staff/admin/KZ-27/parameters')).text();
    assert.match(html, /data\/KZ-27\/provision\.yaml/);
    assert.match(html, /not edited in a browser/);
    assert.match(html, /Validity of a prescription/);
    assert.match(html, /Default \(tegin’s choice/);
    assert.match(html, /in force today/);
    assert.ok(!/<form[^>]+method="post"[^>]+parameters/.test(html), 'no form edits them');
  });

  it('finds a patient by IIN without the IIN in an address, a title, a page or the trail', async () => {
    const res = await post('auditor', '/en/staff/audit/KZ-27/patient', { iin: CHILD.iin });
    assert.equal(res.status, 303);
    const location = res.headers.get('location') ?? '';
    assert.equal(location, `/en/staff/audit/KZ-27?patient=${world.child}`);
    const page = await get('auditor', location);
    const html = await page.text();
    assert.ok(!html.includes(CHILD.iin) && !title(html).includes(CHILD.familyName));
    assert.match(html, new RegExp(`<code>${world.child}</code>`), 'the patient’s records listed');
    const unknown = await post('auditor', '/en/staff/audit/KZ-27/patient', { iin: '750302300017' });
    assert.equal(unknown.status, 404);
    const unknownHtml = await unknown.text();
    assert.match(unknownHtml, /There is no patient with this IIN/);
    assert.ok(!unknownHtml.includes('750302300017'), 'not echoed');
    const trail = JSON.stringify(await world.services.opsStorage.auditPage(0, 10_000));
    assert.ok(!trail.includes(CHILD.iin) && !trail.includes('750302300017'));
    const [search] = await lastAudit(1);
    assert.equal(search?.action, 'audit.read');
  });

  it('audits the search, and answers a filter that is not one with 400 naming the field', async () => {
    const all = await (await get('auditor', '/en/staff/audit/KZ-27')).text();
    assert.match(
      all,
      /<code class="meta">account\.list<\/code>/,
      "the doctor's refusal is in the region's trail",
    );
    const before = (await world.services.opsStorage.auditHead()).sequence;
    const res = await get('auditor', '/en/staff/audit/KZ-27?outcome=allowed&action=patient.create');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<code class="meta">patient\.create<\/code>/);
    assert.ok(!/<code class="meta">account\.list<\/code>/.test(html), 'the filter is applied');
    const [record] = await lastAudit(1);
    assert.ok((record?.sequence ?? 0) > before);
    assert.match(record?.detail ?? '', /^search KZ-27 action=patient.create outcome=allowed/);
    const old = await (
      await get('auditor', '/en/staff/audit/KZ-27?from=2000-01-01&to=2000-01-02')
    ).text();
    assert.match(old, /No records match/);
    const day = world.today;
    const today = await (
      await get('auditor', `/en/staff/audit/KZ-27?from=${day}&to=${day}`)
    ).text();
    assert.match(
      today,
      /<code class="meta">account\.list<\/code>/,
      'a day in Kazakhstan holds today’s records',
    );
    const bad = await get('auditor', '/en/staff/audit/KZ-27?from=2026-13-01');
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /<strong>From:<\/strong>/);
  });

  it('verifies the chain and says it is intact', async () => {
    const res = await post('auditor', '/en/staff/audit/KZ-27/verify', {});
    assert.equal(res.status, 200);
    assert.match(await res.text(), /The trail is intact: \d+ records in 16 chains/);
    const forged = await post('auditor', '/en/staff/audit/KZ-27/verify', {}, false);
    assert.equal(forged.status, 403);
  });

  it('exports the search as formula-safe CSV with a BOM, audited', async () => {
    await world.services.opsStorage.appendAudit({
      at: new Date().toISOString(),
      actorId: null,
      role: null,
      organisation: 'KZ-27/POLY-1',
      action: 'patient.read',
      patientRef: null,
      purpose: '=HYPERLINK("http://x")',
      requestId: null,
      outcome: 'failed',
      detail: '+1',
    });
    const res = await get('auditor', '/en/staff/audit/KZ-27/export.csv?outcome=failed');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [header, first] = text.split('\r\n');
    assert.equal(header?.split(',').slice(0, 3).join(','), '"sequence","at","actor"');
    assert.match(first ?? '', /"'=HYPERLINK\(""http:\/\/x""\)"/);
    assert.match(first ?? '', /"'\+1"/);
    assert.ok(!text.includes('"allowed"'), 'only the search');
    const [record] = await lastAudit(1);
    assert.match(record?.detail ?? '', /^export csv KZ-27 outcome=failed/);
    assert.equal(csvCell('@SUM(A1)'), `"'@SUM(A1)"`);
    assert.equal(csvCell('plain, "quoted"'), '"plain, ""quoted"""');
  });

  it('exports the search as a FHIR AuditEvent searchset Bundle that validates', async () => {
    const res = await get(
      'auditor',
      `/en/staff/audit/KZ-27/export.fhir.json?patient=${world.child}`,
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const bundle = (await res.json()) as {
      resourceType: string;
      type: string;
      entry: { resource: { resourceType: string; entity?: unknown[] } }[];
    };
    assert.equal(bundle.type, 'searchset');
    assert.ok(bundle.entry.length > 0);
    assert.ok(
      bundle.entry.every((e) => e.resource.resourceType === 'AuditEvent' && e.resource.entity),
    );
    assert.deepEqual(validateFhir(bundle as never), []);
    const refused = await get('doctor', '/en/staff/audit/KZ-27/export.csv');
    assert.equal(refused.status, 403);
  });
});
