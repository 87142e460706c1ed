/**
 * "My medicines" in a real browser (docs/adr/0020-patient-access.md): in kk and ru at 360 px,
 * sign in with the IIN and the code read from the development outbox's file, open every page
 * (no IIN or name in a title or address); axe-core finds no WCAG 2.0/2.1 A or AA violation on
 * each screen, scanned and photographed (artifacts/screenshots/patient-*) in one of the two
 * languages, in turn. One browser, one context per language.
 *
 * Without /usr/bin/chromium the suite is skipped with a message, unless
 * TEGIN_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { developmentOutbox } from '../src/app/ops/outbox.ts';
import { axeViolations, browserSkip, launchBrowser, photograph, SHOTS } from './support/browser.ts';
import { CHILD, patientWorld } from './support/patient-world.ts';

const skip = browserSkip('patient browser tests');

describe('my medicines in Chromium at 360 px', { skip }, () => {
  let browser: Browser;
  let world: Awaited<ReturnType<typeof patientWorld>>;
  let url: string;
  let dir: string;
  let file: string;
  let close: () => Promise<void>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tegin-patient-'));
    file = join(dir, 'outbox.log');
    const launched = launchBrowser();
    world = await patientWorld({
      local: true,
      outbox: developmentOutbox({ file, log: () => undefined }),
    });
    browser = await launched;
    const server = serve({ fetch: world.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await close?.();
    await world?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The last code the outbox file holds for the patient. */
  const codeFromFile = (): string => {
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const mine = lines
      .map((l) => JSON.parse(l) as { patientId: string; code: string })
      .filter((m) => m.patientId === world.child);
    const code = mine.at(-1)?.code;
    assert.ok(code, 'a code in the development outbox');
    return code;
  };

  // Each screen is scanned by axe and photographed in one of the two languages, in turn (the
  // walk-through in test/web-staff-browser.test.ts signs the patient in in all three).
  for (const [langIndex, lang] of (['kk', 'ru'] as const).entries()) {
    it(`signs in with a code and shows every page without violations (${lang})`, async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
      const page = await context.newPage();
      let screen = 0;
      const check = async (name: string) => {
        const title = await page.title();
        assert.ok(!title.includes(CHILD.iin) && !title.includes(CHILD.familyName), title);
        assert.ok(!page.url().includes(CHILD.iin), page.url());
        if (screen++ % 2 !== langIndex) return;
        assert.deepEqual(await axeViolations(page), [], `${lang} ${name}`);
        await photograph(page, `patient-${lang}-${name}-phone`);
      };
      try {
        await page.goto(`${url}/${lang}/my/`);
        assert.match(page.url(), /\/my\/sign-in$/);
        await check('sign-in');
        await page.fill('#iin', CHILD.iin);
        await page.click('button[type=submit]');
        assert.match(page.url(), /\/my\/code$/);
        await check('code');
        await page.fill('#code', codeFromFile());
        await page.click('main button[type=submit]');
        assert.match(page.url(), new RegExp(`/${lang}/my/$`));
        await check('home');
        for (const section of ['entitlements', 'prescriptions', 'history', 'registrations']) {
          await page.click(`nav.main a[href="/${lang}/my/${section}"]`);
          assert.match(await page.locator('h1').innerText(), /\S/);
          await check(section);
        }
        assert.match(await page.content(), /G80\.1/);
      } finally {
        await context.close();
      }
    });
  }
});
