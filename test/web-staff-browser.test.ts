/**
 * The staff and patient screens in Chromium on `tegin demo`'s data, as a newcomer walks them
 * (README, "Try it"): `runDemo` fills the database, the real app serves it, and in kk, ru and en
 * at 360 px each role signs in with the account and password the demo printed — the doctor finds
 * no patient for a made-up IIN and adds one, registers a diagnosis whose list item needs a
 * commission decision (picked from the law the demo runs on: test/support/demo-world.ts), the
 * commission member records the decision, the doctor issues and prints the prescription, the
 * pharmacist dispenses part then the rest, the auditor finds the patient's records in the trail
 * and verifies the chain, and the patient signs in with the code from the development outbox's
 * file and sees what was dispensed. The three languages walk at once (each its own patient).
 * No page and no table scrolls sideways at 360 px; axe-core (WCAG 2.0/2.1 A and AA) finds
 * nothing on any screen, each screen scanned — and photographed into artifacts/screenshots/ —
 * once, in one of the three languages in turn. The region administrator's screens (kk, 360 px)
 * and the auditor's export (ru, 1280 px) are checked at their own widths. Every step is a plain
 * form post: no JavaScript is needed.
 *
 * Without /usr/bin/chromium the file is skipped with a message, unless TEGIN_REQUIRE_BROWSER=1.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { iinFor } from '../src/app/ops/ops-setup.ts';
import { UNMET_LABELS } from '../src/domain/explain.ts';
import type { Lang } from '../src/domain/text.ts';
import type { AuditedAction } from '../src/fhir/ops/audit-event.ts';
import type { RoleGrant } from '../src/ops/model.ts';
import { messagesFor } from '../src/web/i18n/messages.ts';
import { patientMessagesFor } from '../src/web/patient/i18n/messages.ts';
import { adminMessagesFor } from '../src/web/staff/i18n/admin-messages.ts';
import { staffMessagesFor } from '../src/web/staff/i18n/messages.ts';
import {
  axeViolations,
  browserSkip,
  launchBrowser,
  photograph,
  PHONE,
  SHOTS,
  DESKTOP,
} from './support/browser.ts';
import { birthDateFor, demoWorld, type DemoWorld } from './support/demo-world.ts';
import { addDays, isoDate } from '../src/domain/date.ts';

const skip = browserSkip('staff browser tests');

/**
 * The demo's last day (`tegin demo --until`): two months into the first list tegin knows West
 * Kazakhstan's to be in force on, so every kind of record is there (registrations, decisions,
 * prescriptions, dispenses, deferrals, cancellations) at a sixth of a full year's time. The
 * case itself is picked from the law in force that day.
 */
const DEMO_UNTIL = isoDate('2026-02-28');
const LANGS = ['kk', 'ru', 'en'] as const satisfies readonly Lang[];

/**
 * The chain's screens in order: screen i is scanned by axe, and photographed, in LANGS[i % 3]
 * only (TEGIN_ALL_SHOTS=1 photographs every screen in every language, for a review).
 */
const SCREENS = [
  'sign-in',
  'patients',
  'new-patient',
  'patient',
  'commission',
  'decision',
  'prescribe',
  'prescription',
  'pharmacy',
  'dispense',
  'journal',
  'audit',
  'audit-verify',
  'my-sign-in',
  'my-code',
  'my-home',
  'my-entitlements',
  'my-history',
] as const;
type Screen = (typeof SCREENS)[number];
const ALL_SHOTS = process.env.TEGIN_ALL_SHOTS === '1';

/** What the auditor finds in the patient's trail. */
const CHAIN_ACTIONS = [
  'patient.create',
  'registration.create',
  'commission.record',
  'prescription.issue',
  'dispense.record',
] as const satisfies readonly AuditedAction[];

/** A made-up patient per language (names invented; the IIN valid and unused). */
const PEOPLE = {
  kk: { familyName: 'Сәрсенова', givenName: 'Ақбота', sex: 'female' },
  ru: { familyName: 'Ковалёв', givenName: 'Даниил', sex: 'male' },
  en: { familyName: 'Omarova', givenName: 'Dana', sex: 'female' },
} as const;

const LOCALES = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' } as const satisfies Record<Lang, string>;

/** The unit the doctor types (free text), per language. */
const UNIT = { kk: 'құты', ru: 'фл.', en: 'vials' } as const;

/** What a pharmacist hands over: part of the prescription, then the rest. */
const ORDERED = 3;
const PARTS = [1, 2] as const;

let browser: Browser;
let world: DemoWorld;

/** How far the page scrolls sideways, and how many tables scroll inside their frames. */
async function sideways(page: Page): Promise<{ page: number; tables: number }> {
  return (await page.evaluate(`({
    page: document.documentElement.scrollWidth - window.innerWidth,
    tables: [...document.querySelectorAll('.table-wrap')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1).length,
  })`)) as { page: number; tables: number };
}

/**
 * Nothing scrolls sideways at the phone's width (tables stack their cells); axe where it is
 * this language's turn; a photograph.
 */
async function check(page: Page, lang: Lang, screen: Screen): Promise<void> {
  assert.deepEqual(await sideways(page), { page: 0, tables: 0 }, `${lang} ${screen} at 360 px`);
  const turn = turnOf(screen, lang);
  if (turn) assert.deepEqual(await axeViolations(page), [], `${lang} ${screen}`);
  if (turn || ALL_SHOTS) {
    await photograph(
      page,
      `chain-${lang}-${String(SCREENS.indexOf(screen)).padStart(2, '0')}-${screen}`,
    );
  }
}

const turnOf = (screen: Screen, lang: Lang) =>
  SCREENS.indexOf(screen) % LANGS.length === LANGS.indexOf(lang);

async function signIn(page: Page, lang: Lang, role: RoleGrant['role']): Promise<void> {
  const { username, password } = world.account(role);
  await page.goto(`${world.url}/${lang}/staff/sign-in`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${world.url}/${lang}/staff/`), page.click('button.primary')]);
}

/** Clicks a form's submit button and waits for the address the answer lands on. */
async function submit(page: Page, form: string, lands: RegExp): Promise<void> {
  await Promise.all([page.waitForURL(lands), page.click(`${form} button[type=submit]`)]);
}

describe(
  'the demo in Chromium: every role, in kk, ru and en at 360 px',
  { skip, concurrency: true },
  () => {
    const contexts: BrowserContext[] = [];
    /** A phone in the language's own locale (dates in forms are shown as its people write them). */
    const phone = async (lang: Lang = 'kk') => {
      const context = await browser.newContext({ viewport: PHONE, locale: LOCALES[lang] });
      contexts.push(context);
      context.setDefaultTimeout(15_000);
      return context.newPage();
    };

    before(async () => {
      mkdirSync(SHOTS, { recursive: true });
      const launched = launchBrowser();
      world = await demoWorld({ caseRegionOnly: true, until: DEMO_UNTIL });
      browser = await launched;
    });
    after(async () => {
      await browser?.close();
      await world?.close();
    });

    for (const [n, lang] of LANGS.entries()) {
      it(`${lang}: register → commission → prescribe → dispense → audit → my medicines`, async () => {
        const s = staffMessagesFor(lang);
        const { icd10, inn, age, region } = world.case;
        const person = PEOPLE[lang];
        const birthDate = birthDateFor(age, world.today);
        let iin = iinFor(birthDate, person.sex, 1 + 100 * n);
        while (await world.services.opsStorage.patientIdByIin(iin))
          iin = iinFor(birthDate, person.sex, Number(iin.slice(7, 11)) + 1);

        // The doctor: no such patient; adds them; registers the diagnosis.
        const doctor = await phone(lang);
        await doctor.goto(`${world.url}/${lang}/staff/sign-in`);
        await check(doctor, lang, 'sign-in');
        await signIn(doctor, lang, 'doctor');
        await doctor.goto(`${world.url}/${lang}/staff/patients`);
        await check(doctor, lang, 'patients');
        await doctor.fill('#find-iin', iin);
        await submit(doctor, 'form[action$="/patients/find"]', /\/patients\/find$/);
        assert.ok((await doctor.content()).includes(s.patients.notFound));
        assert.equal(await doctor.inputValue('#iin'), iin, 'the IIN carried to the new form');
        await check(doctor, lang, 'new-patient');
        await doctor.fill('#familyName', person.familyName);
        await doctor.fill('#givenName', person.givenName);
        await doctor.fill('#birthDate', birthDate);
        await doctor.selectOption('#sex', person.sex);
        await submit(doctor, 'form[action$="/patients"]', /\/patients\/[0-9a-f-]{36}$/);
        const patientPath = new URL(doctor.url()).pathname;
        const patientId = patientPath.split('/').at(-1) ?? '';
        await doctor.click(`summary:has-text("${s.patient.registerTitle}")`);
        await doctor.fill('#icd10', icd10);
        await doctor.fill('#reg-from', addDays(world.today, -30));
        await doctor.fill('#basis', `№ 12, ${addDays(world.today, -31)}`);
        await doctor.check('#confirmed');
        await submit(doctor, 'form[action$="/registrations"]', /done=registered$/);
        await check(doctor, lang, 'patient');
        const today = doctor.locator('section[aria-labelledby="today-h"]');
        assert.ok(
          (await today.innerText()).includes(UNMET_LABELS.commission_decision[lang]),
          await today.innerText(),
        );

        // The commission member records the decision.
        const member = await phone(lang);
        await signIn(member, lang, 'commission_member');
        await member.goto(`${world.url}/${lang}/staff/commission`);
        await check(member, lang, 'commission');
        await member.fill('#iin', iin);
        await member.fill('#icd10', icd10);
        await submit(member, 'form[action$="/prepare"]', /\/commission\/prepare$/);
        await member.fill('#protocolNumber', `${40 + n}`);
        await member.check(`input[name="inns"][value="${inn}"]`);
        await check(member, lang, 'decision');
        await submit(member, 'form[action$="/decisions"]', /done=recorded$/);
        assert.ok((await member.content()).includes(s.commission.recorded));

        // The doctor issues the prescription, and prints it.
        await doctor.goto(`${world.url}${patientPath}`);
        const now = await today.innerText();
        assert.ok(now.includes(messagesFor(lang).check.statusTitle.entitled), now);
        assert.ok(!now.includes(UNMET_LABELS.commission_decision[lang]), now);
        await doctor.click('a[href$="/prescribe"]');
        await doctor.check(`input[name="product"][value$="|${inn}"]`);
        await doctor.fill('#quantity', String(ORDERED));
        await doctor.fill('#unit', UNIT[lang]);
        await doctor.fill('#dosing', '1 × 1');
        await check(doctor, lang, 'prescribe');
        await submit(doctor, 'form[action$="/prescriptions"]', /done=issued$/);
        assert.match(await doctor.inputValue('#qr-text'), /^TGRX1\./);
        assert.equal(await doctor.locator('.qr svg.qr-code[role="img"]').count(), 1, 'a QR code');
        const number = (await doctor.locator('h1 .code').innerText()).trim();
        await check(doctor, lang, 'prescription');
        if (turnOf('prescription', lang) || ALL_SHOTS) {
          await doctor.emulateMedia({ media: 'print' });
          await photograph(doctor, `chain-${lang}-print`);
          await doctor.emulateMedia({ media: 'screen' });
        }

        // The pharmacist dispenses part, then the rest.
        const pharmacist = await phone(lang);
        const t = s.pharmacy;
        await signIn(pharmacist, lang, 'pharmacist');
        await pharmacist.goto(`${world.url}/${lang}/staff/pharmacy`);
        await check(pharmacist, lang, 'pharmacy');
        await pharmacist.fill('#iin', iin);
        await submit(
          pharmacist,
          'form[action$="/find"]',
          /\/pharmacy\/prescriptions\/[0-9a-f-]{36}$/,
        );
        let left: number = ORDERED;
        for (const part of PARTS) {
          left -= part;
          await pharmacist.fill('#quantity', String(part));
          await pharmacist.fill('#lot', `L-${lang}-${part}`);
          await pharmacist.fill('#expiry', addDays(world.today, 400));
          await submit(pharmacist, 'form[action$="/dispense"]', /done=dispensed$/);
          const notice = await pharmacist.locator('.notice.ok').innerText();
          assert.equal(notice.trim(), t.dispensed(part, left, UNIT[lang]), `${lang} notice`);
          // After the part: the notice, what is left, the form for the rest and the ledger.
          if (left > 0) await check(pharmacist, lang, 'dispense');
        }
        await pharmacist.goto(`${world.url}/${lang}/staff/pharmacy`);
        assert.equal(await pharmacist.locator('td', { hasText: `L-${lang}-` }).count(), 2);
        await check(pharmacist, lang, 'journal');

        // The auditor finds the patient's records by IIN and verifies the chain.
        const auditor = await phone(lang);
        const a = adminMessagesFor(lang).audit;
        await signIn(auditor, lang, 'auditor');
        await auditor.goto(`${world.url}/${lang}/staff/audit/${region}`);
        await auditor.fill('#iin', iin);
        await submit(
          auditor,
          `form[action$="/audit/${region}/patient"]`,
          /\?patient=[0-9a-f-]{36}$/,
        );
        assert.ok(!auditor.url().includes(iin), 'no IIN in the address');
        const trail = await auditor.locator('#results-h ~ .table-wrap').innerText();
        for (const action of CHAIN_ACTIONS) {
          assert.ok(trail.includes(a.actions[action]), `${lang}: ${action} in the trail`);
        }
        await check(auditor, lang, 'audit');
        await submit(auditor, 'form[action$="/verify"]', /\/verify$/);
        assert.ok((await auditor.locator('.notice.ok').innerText()).includes(a.verifyResult));
        await check(auditor, lang, 'audit-verify');

        // The patient signs in with the code and sees what was dispensed.
        const patient = await phone(lang);
        const my = patientMessagesFor(lang);
        await patient.goto(`${world.url}/${lang}/my/`);
        await check(patient, lang, 'my-sign-in');
        await patient.fill('#iin', iin);
        await submit(patient, 'main form', /\/my\/code$/);
        await check(patient, lang, 'my-code');
        await patient.fill('#code', world.codeFor(patientId) ?? '');
        await submit(patient, 'main form', new RegExp(`/${lang}/my/$`));
        await check(patient, lang, 'my-home');
        await patient.click(`nav.main a[href="/${lang}/my/entitlements"]`);
        await check(patient, lang, 'my-entitlements');
        await patient.click(`nav.main a[href="/${lang}/my/history"]`);
        const history = patient.locator('main ul.cards > li');
        assert.equal(await history.count(), PARTS.length, my.history.title);
        assert.ok((await history.first().innerText()).includes(number));
        await check(patient, lang, 'my-history');
      });
    }

    /** The administrator's and auditor's screens at their own widths: axe, and a photograph. */
    async function checkAt(page: Page, name: string): Promise<void> {
      const width = page.viewportSize()?.width ?? 0;
      if (width === PHONE.width) {
        assert.deepEqual(await sideways(page), { page: 0, tables: 0 }, `${name} at 360 px`);
      }
      assert.deepEqual(await axeViolations(page), [], `${name} at ${width} px`);
      const at = width === PHONE.width ? PHONE.name : DESKTOP.name;
      await photograph(page, `staff-${name}-${at}`);
    }

    it('the administrator adds a doctor’s account and reads the parameters with their sources (kk)', async () => {
      const page = await phone();
      const t = adminMessagesFor('kk');
      const { region } = world.case;
      await signIn(page, 'kk', 'region_admin');
      await page.goto(`${world.url}/kk/staff/admin/${region}/accounts`);
      await checkAt(page, 'accounts-kk');
      await page.fill('#username', 'doctor9.new');
      await page.fill('#displayName', 'doctor nine');
      await page.selectOption('#role', 'doctor');
      await page.selectOption('#organisation', world.account('doctor').organisation ?? '');
      await Promise.all([
        page.waitForLoadState('load'),
        page.click('form[action$="/accounts"] button'),
      ]);
      assert.ok((await page.content()).includes(t.accounts.createdTitle));
      await page.goto(`${world.url}/kk/staff/admin/${region}/parameters`);
      await checkAt(page, 'parameters-kk');
      assert.ok((await page.locator('table td').count()) > 0, 'parameters listed');
    });

    it('the auditor searches the trail by outcome and exports CSV (ru, 1280 px)', async () => {
      const context = await browser.newContext({ viewport: DESKTOP });
      contexts.push(context);
      const page = await context.newPage();
      const { region } = world.case;
      await signIn(page, 'ru', 'auditor');
      await page.goto(`${world.url}/ru/staff/audit/${region}`);
      await page.selectOption('#outcome', 'allowed');
      await submit(page, 'form[method="get"]', /outcome=allowed/);
      await checkAt(page, 'audit-ru');
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
  },
);
