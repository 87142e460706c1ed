/**
 * `npm run screenshots`: the README's "Try it" pictures, one per role, as a newcomer sees them
 * after `tegin demo`. The demo fills a temporary in-memory database (test/support/demo-world.ts),
 * the real app serves it, and Chromium at 360×800 in Russian (the staff's most common language)
 * walks the chain with the demo's printed accounts: the doctor adds a made-up patient and
 * registers a diagnosis whose list item needs a commission decision, the commission member
 * records it, the doctor sees the patient entitled today and issues the prescription, the
 * pharmacist dispenses part, the patient signs in with the code from the development outbox, the
 * auditor finds the patient's records, the administrator reads the region's parameters. Each
 * picture is the viewport only (small files): docs/screenshots/<role>.png.
 *
 * Needs /usr/bin/chromium. Nobody in the pictures is real.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { iinFor } from '../src/app/ops/ops-setup.ts';
import { addDays } from '../src/domain/date.ts';
import type { RoleGrant } from '../src/ops/model.ts';
import { ROOT } from '../src/paths.ts';
import { staffMessagesFor } from '../src/web/staff/i18n/messages.ts';
import { launchBrowser, PHONE } from '../test/support/browser.ts';
import { birthDateFor, DEMO_TODAY, demoWorld, type DemoWorld } from '../test/support/demo-world.ts';

const OUT = join(ROOT, 'docs', 'screenshots');
const LANG = 'ru';
const PERSON = { familyName: 'Ахметова', givenName: 'Айгерим', sex: 'female' } as const;

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const launched = launchBrowser();
  const world = await demoWorld();
  const browser = await launched;
  try {
    await walk(browser, world);
  } finally {
    await browser.close();
    await world.close();
  }
}

async function walk(browser: Browser, world: DemoWorld): Promise<void> {
  const { url } = world;
  const { icd10, inn, age, region } = world.case;
  const phone = async () =>
    (await browser.newContext({ viewport: PHONE, locale: 'ru-RU' })).newPage();
  /** The viewport, with `scrollTo` at its top (or, with `end`, its bottom at the viewport's). */
  const shot = async (page: Page, name: string, scrollTo?: string, end = false) => {
    if (scrollTo) {
      await page
        .locator(scrollTo)
        .first()
        .evaluate((e, block) => e.scrollIntoView({ block }), end ? 'end' : 'start');
    }
    const path = join(OUT, `${name}.png`);
    await page.screenshot({ path, fullPage: false });
    console.log(`${path}: ${Math.round(statSync(path).size / 1024)} KB`);
  };
  const signIn = async (page: Page, role: RoleGrant['role']) => {
    const { username, password } = world.account(role);
    await page.goto(`${url}/${LANG}/staff/sign-in`);
    await page.fill('#username', username);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(`${url}/${LANG}/staff/`), page.click('button.primary')]);
  };
  const submit = (page: Page, form: string, lands: RegExp) =>
    Promise.all([page.waitForURL(lands), page.click(`${form} button[type=submit]`)]);

  const birthDate = birthDateFor(age, DEMO_TODAY);
  let iin = iinFor(birthDate, PERSON.sex, 7000);
  while (await world.services.opsStorage.patientIdByIin(iin))
    iin = iinFor(birthDate, PERSON.sex, Number(iin.slice(7, 11)) + 1);

  // The doctor adds the patient and registers the diagnosis.
  const doctor = await phone();
  await signIn(doctor, 'doctor');
  await doctor.goto(`${url}/${LANG}/staff/patients`);
  await doctor.fill('#find-iin', iin);
  await doctor.click('form[action$="/patients/find"] button');
  await doctor.fill('#familyName', PERSON.familyName);
  await doctor.fill('#givenName', PERSON.givenName);
  await doctor.fill('#birthDate', birthDate);
  await doctor.selectOption('#sex', PERSON.sex);
  await submit(doctor, 'form[action$="/patients"]', /\/patients\/[0-9a-f-]{36}$/);
  const patientUrl = doctor.url();
  const patientId = patientUrl.split('/').at(-1) ?? '';
  await doctor.click(`summary:has-text("${staffMessagesFor(LANG).patient.registerTitle}")`);
  await doctor.fill('#icd10', icd10);
  await doctor.fill('#reg-from', addDays(DEMO_TODAY, -30));
  const concluded = addDays(DEMO_TODAY, -31).split('-').reverse().join('.');
  await doctor.fill('#basis', `заключение № 12 от ${concluded}`);
  await doctor.check('#confirmed');
  await submit(doctor, 'form[action$="/registrations"]', /done=registered$/);

  // The commission member records the decision.
  const member = await phone();
  await signIn(member, 'commission_member');
  await member.goto(`${url}/${LANG}/staff/commission`);
  await member.fill('#iin', iin);
  await member.fill('#icd10', icd10);
  await submit(member, 'form[action$="/prepare"]', /\/commission\/prepare$/);
  await member.fill('#protocolNumber', '41');
  await member.check(`input[name="inns"][value="${inn}"]`);
  await shot(member, 'commission');
  await submit(member, 'form[action$="/decisions"]', /done=recorded$/);

  // The doctor: entitled today; the prescription with its legal basis and QR text.
  await doctor.goto(patientUrl);
  await shot(doctor, 'doctor', '#today-h');
  await doctor.click('a[href$="/prescribe"]');
  await doctor.check(`input[name="product"][value$="|${inn}"]`);
  await doctor.fill('#quantity', '3');
  await doctor.fill('#unit', 'фл.');
  await doctor.fill('#dosing', 'по назначению невролога');
  await submit(doctor, 'form[action$="/prescriptions"]', /done=issued$/);
  await shot(doctor, 'prescription', 'section.qr', true);

  // The pharmacist dispenses part.
  const pharmacist = await phone();
  await signIn(pharmacist, 'pharmacist');
  await pharmacist.goto(`${url}/${LANG}/staff/pharmacy`);
  await pharmacist.fill('#iin', iin);
  await submit(pharmacist, 'form[action$="/find"]', /\/pharmacy\/prescriptions\/[0-9a-f-]{36}$/);
  await pharmacist.fill('#quantity', '1');
  await pharmacist.fill('#lot', 'A1234');
  await pharmacist.fill('#expiry', addDays(DEMO_TODAY, 400));
  await submit(pharmacist, 'form[action$="/dispense"]', /done=dispensed$/);
  await shot(pharmacist, 'pharmacist');

  // The patient: what is left to collect, and where.
  const patient = await phone();
  await patient.goto(`${url}/${LANG}/my/`);
  await patient.fill('#iin', iin);
  await submit(patient, 'main form', /\/my\/code$/);
  await patient.fill('#code', world.codeFor(patientId) ?? '');
  await submit(patient, 'main form', /\/my\/$/);
  await patient.goto(`${url}/${LANG}/my/prescriptions`);
  await shot(patient, 'patient');

  // The auditor finds the patient's records by IIN.
  const auditor = await phone();
  await signIn(auditor, 'auditor');
  await auditor.goto(`${url}/${LANG}/staff/audit/${region}`);
  await auditor.fill('#iin', iin);
  await submit(auditor, `form[action$="/audit/${region}/patient"]`, /\?patient=/);
  await shot(auditor, 'auditor', '#results-h');

  // The administrator reads the region's parameters and their sources.
  const admin = await phone();
  await signIn(admin, 'region_admin');
  await admin.goto(`${url}/${LANG}/staff/admin/${region}/parameters`);
  await shot(admin, 'administrator', 'h1');
}

await main();
