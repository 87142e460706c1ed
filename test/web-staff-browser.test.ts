/**
 * The staff screens in Chromium, short: on a small world set up through the use cases, the
 * doctor registers the patient for G80.1 (kk), the commission member records a decision (ru),
 * the doctor issues and prints the prescription (ru), and the pharmacist dispenses part, then
 * the rest (kk); the region administrator adds an account and reads the parameters (kk), and the
 * auditor searches the trail, verifies the chain and downloads the CSV (ru). Every screen is scanned by axe-core (WCAG 2.0/2.1 A and AA: zero violations)
 * once — the kk screens at 360 px, the ru screens at 1280 px — and photographed at both widths
 * into artifacts/screenshots/. Without JavaScript needs:
 * every step is a plain form post.
 *
 * Without /usr/bin/chromium the file is skipped with a message, unless TEGIN_REQUIRE_BROWSER=1.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { adminMessagesFor } from '../src/web/staff/i18n/admin-messages.ts';
import { staffMessagesFor } from '../src/web/staff/i18n/messages.ts';
import { axeViolations, browserSkip, launchBrowser, SHOTS, WIDTHS } from './support/browser.ts';
import { CHILD, staffWorld, type AccountKey, type StaffWorld } from './support/staff-world.ts';

const skip = browserSkip('staff browser tests');

let browser: Browser;
let world: StaffWorld;
let url = '';
let close: () => Promise<void>;

/**
 * axe once per screen, at the width of the context it is used in (kk at 360 px, ru at 1280 px),
 * and a full-page screenshot at both widths.
 */
async function check(page: Page, name: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `${name} at ${page.viewportSize()?.width} px`);
  const own = page.viewportSize();
  for (const w of WIDTHS) {
    await page.setViewportSize({ width: w.width, height: w.height });
    await page.screenshot({ path: `${SHOTS}/staff-${name}-${w.name}.png`, fullPage: true });
  }
  if (own) await page.setViewportSize(own);
}

const admin = { username: 'admin1.kz27', password: '' };

async function signIn(page: Page, lang: 'kk' | 'ru', who: AccountKey | 'admin'): Promise<void> {
  await page.goto(`${url}/${lang}/staff/sign-in`);
  await page.fill('#username', who === 'admin' ? admin.username : world.usernames[who]);
  await page.fill('#password', who === 'admin' ? admin.password : world.passwords[who]);
  await Promise.all([page.waitForURL(`${url}/${lang}/staff/`), page.click('button.primary')]);
}

async function signOut(page: Page): Promise<void> {
  await Promise.all([page.waitForURL(/sign-in\?session=out$/), page.click('.sign-out button')]);
}

describe('staff screens in Chromium', { skip }, () => {
  let kk: BrowserContext;
  let ru: BrowserContext;
  let patientUrl = '';

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
    world = await staffWorld({ localHttp: true });
    const made = await world.service.accounts.createAccount(
      { kind: 'operator', name: 'test' },
      {
        username: admin.username,
        displayName: 'admin one',
        grants: [{ role: 'region_admin', region: 'KZ-27', organisation: null }],
      },
      { requestId: null, purpose: 'test' },
    );
    assert.ok(made.ok);
    admin.password = made.value.password;
    const server = serve({ fetch: world.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await world.close();
    };
    kk = await browser.newContext({ viewport: WIDTHS[0] });
    ru = await browser.newContext({ viewport: WIDTHS[1] });
  });
  after(async () => {
    await browser?.close();
    await close?.();
  });

  it('the doctor signs in and registers the patient for G80.1 (kk)', async () => {
    const page = await kk.newPage();
    await page.goto(`${url}/kk/staff/sign-in`);
    await check(page, 'sign-in-kk');
    await signIn(page, 'kk', 'doctor');
    await check(page, 'home-kk');
    await page.goto(`${url}/kk/staff/patients`);
    await check(page, 'patients-kk');
    await page.fill('#find-iin', CHILD.iin);
    await Promise.all([
      page.waitForURL(/\/kk\/staff\/patients\/[0-9a-f-]{36}$/),
      page.click('form[action$="/patients/find"] button'),
    ]);
    patientUrl = page.url().replace('/kk/', '/{lang}/');
    await page.click('text=' + staffMessagesFor('kk').patient.registerTitle);
    await page.fill('#icd10', 'G80.1');
    await page.fill('#reg-from', '2024-02-01');
    await page.fill('#basis', 'қорытынды № 12, 01.02.2024');
    await page.check('#confirmed');
    await Promise.all([
      page.waitForURL(/done=registered$/),
      page.click('form[action$="/registrations"] button'),
    ]);
    await check(page, 'patient-kk');
    await signOut(page);
  });

  it('the commission member records a decision (ru)', async () => {
    const page = await ru.newPage();
    await signIn(page, 'ru', 'commission');
    await page.goto(`${url}/ru/staff/commission`);
    await check(page, 'commission-ru');
    await page.fill('#iin', CHILD.iin);
    await page.fill('#icd10', 'G80.1');
    await Promise.all([
      page.waitForURL(/\/commission\/prepare$/),
      page.click('form[action$="/prepare"] button'),
    ]);
    await page.fill('#protocolNumber', '77');
    await page.check('input[value="botulinum toxin type a"]');
    await check(page, 'decision-ru');
    await Promise.all([
      page.waitForURL(/done=recorded$/),
      page.click('form[action$="/decisions"] button'),
    ]);
    assert.ok((await page.content()).includes(staffMessagesFor('ru').commission.recorded));
    await signOut(page);
  });

  it('the doctor issues and prints the prescription (ru)', async () => {
    const page = await ru.newPage();
    await signIn(page, 'ru', 'doctor');
    await page.goto(patientUrl.replace('{lang}', 'ru'));
    await page.click('a[href$="/prescribe"]');
    await page.selectOption('#product', 'G80.1|botulinum toxin type a');
    await page.fill('#quantity', '4');
    await page.fill('#unit', 'флакон');
    await page.fill('#dosing', 'по назначению невролога');
    await check(page, 'prescribe-ru');
    await Promise.all([
      page.waitForURL(/done=issued$/),
      page.click('form[action$="/prescriptions"] button'),
    ]);
    assert.match(await page.inputValue('#qr-text'), /^TGRX1\./);
    await check(page, 'prescription-ru');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SHOTS}/staff-prescription-ru-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await signOut(page);
  });

  it('the pharmacist dispenses part, then the rest (kk)', async () => {
    const page = await kk.newPage();
    const t = staffMessagesFor('kk').pharmacy;
    await signIn(page, 'kk', 'pharmacist');
    await page.goto(`${url}/kk/staff/pharmacy`);
    await check(page, 'pharmacy-kk');
    await page.fill('#iin', CHILD.iin);
    await Promise.all([
      page.waitForURL(/\/pharmacy\/prescriptions\/[0-9a-f-]{36}$/),
      page.click('form[action$="/find"] button'),
    ]);
    await check(page, 'dispense-kk');
    for (const [quantity, left] of [
      ['1', 3],
      ['3', 0],
    ] as const) {
      await page.fill('#quantity', quantity);
      await page.fill('#lot', 'L-1');
      await page.fill('#expiry', '2030-12-31');
      await Promise.all([
        page.waitForURL(/done=dispensed$/),
        page.click('form[action$="/dispense"] button'),
      ]);
      assert.ok((await page.content()).includes(t.dispensed(Number(quantity), left)));
    }
    await page.goto(`${url}/kk/staff/pharmacy`);
    assert.equal(await page.locator('td', { hasText: 'L-1' }).count(), 2);
    await check(page, 'journal-kk');
  });

  it('the administrator adds a doctor’s account and reads the parameters with their sources (kk)', async () => {
    const page = await kk.newPage();
    const t = adminMessagesFor('kk');
    await signIn(page, 'kk', 'admin');
    await page.goto(`${url}/kk/staff/admin/KZ-27/accounts`);
    await check(page, 'accounts-kk');
    await page.fill('#username', 'doctor9.kz27');
    await page.fill('#displayName', 'doctor nine');
    await page.selectOption('#role', 'doctor');
    await page.selectOption('#organisation', 'KZ-27/POLY-1');
    await Promise.all([
      page.waitForLoadState('load'),
      page.click('form[action$="/accounts"] button'),
    ]);
    assert.ok((await page.content()).includes(t.accounts.createdTitle));
    await page.goto(`${url}/kk/staff/admin/KZ-27/parameters`);
    await check(page, 'parameters-kk');
    assert.ok((await page.locator('table td').count()) > 0, 'parameters listed');
    await signOut(page);
  });

  it('the auditor searches the trail, verifies the chain and exports CSV (ru)', async () => {
    const page = await ru.newPage();
    const t = adminMessagesFor('ru').audit;
    await signIn(page, 'ru', 'auditor');
    await page.goto(`${url}/ru/staff/audit/KZ-27`);
    await page.selectOption('#outcome', 'allowed');
    await Promise.all([
      page.waitForURL(/outcome=allowed/),
      page.click('form[method="get"] button.primary'),
    ]);
    await check(page, 'audit-ru');
    await Promise.all([
      page.waitForLoadState('load'),
      page.click('form[action$="/verify"] button'),
    ]);
    assert.ok((await page.content()).includes(t.verifyResult));
    await check(page, 'audit-verify-ru');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a[href*="/export.csv"]'),
    ]);
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream()) as AsyncIterable<Buffer>)
      chunks.push(chunk);
    const csv = Buffer.concat(chunks).toString('utf8');
    assert.ok(csv.startsWith('\uFEFF'), 'a BOM');
    assert.ok(csv.split('\n').length > 2, 'a header and records');
  });
});
