/**
 * The web pages in a real browser: Debian's Chromium driven by playwright-core
 * against the app on a real port. Every page type is opened at 1280 px in one
 * language and at 360 px in another, its JavaScript weighed (gzipped,
 * ≤ 60 KB), and scanned once by axe-core (WCAG 2.0/2.1 A and AA: zero
 * violations), the width and language taken in turn; no page scrolls sideways
 * at 360 px, and screenshots are kept under artifacts/screenshots/. The checker is used for both regions with
 * JavaScript (autocomplete) and without it (a plain form post); the list's
 * instant filter, and the print layout, are checked too.
 *
 * Without /usr/bin/chromium the suite is skipped with a message, unless
 * TEGIN_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LANGS, type Lang } from '../src/domain/text.ts';
import { messagesFor } from '../src/web/i18n/messages.ts';
import {
  axeViolations,
  browserSkip,
  launchBrowser,
  photograph,
  PHONE,
  DESKTOP,
  SHOTS,
} from './support/browser.ts';
import { listSize } from './support/counts.ts';
import { PAGES, type PageDef } from './support/web-pages.ts';
import { startWebServer } from './support/web-server.ts';

const BUDGET = 60 * 1024;
const skip = browserSkip('browser tests');

let browser: Browser;
let server: Awaited<ReturnType<typeof startWebServer>>;

/**
 * axe over a page that was rendered without JavaScript: axe itself needs
 * JavaScript, so the same HTML is scanned in a page of a JS-enabled context.
 */
async function axeViolationsWithoutJs(page: Page): Promise<string[]> {
  const html = await page.content();
  const context = await browser.newContext();
  try {
    const scan = await context.newPage();
    await scan.goto(page.url().replace(/\/check$/, '/'));
    await scan.setContent(html, { waitUntil: 'load' });
    return await axeViolations(scan);
  } finally {
    await context.close();
  }
}

/** Opens a page, weighing every script it loads (gzipped, as a slow link would carry it). */
async function open(
  context: BrowserContext,
  path: string,
  form?: PageDef['form'],
): Promise<{ page: Page; scriptBytes: number }> {
  const page = await context.newPage();
  if (form) {
    // The checker answers a form post only: the first navigation becomes that post.
    await page.route(
      `${server.url}${path}`,
      (route) =>
        route.continue({
          method: 'POST',
          postData: new URLSearchParams(form).toString(),
          headers: {
            ...route.request().headers(),
            'content-type': 'application/x-www-form-urlencoded',
          },
        }),
      { times: 1 },
    );
  }
  const pending: Promise<number>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') {
      pending.push(res.body().then((b) => gzipSync(b, { level: 9 }).length));
    }
  });
  const res = await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  assert.ok(res, path);
  assert.ok(res.status() < 400, `${path}: HTTP ${res.status()}`);
  const sizes = await Promise.all(pending);
  return { page, scriptBytes: sizes.reduce((a, b) => a + b, 0) };
}

// Tests run three at a time, each in its own browser context.
describe('the web pages in Chromium', { skip, concurrency: 3 }, () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startWebServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (browser) console.log(`browser suite ran in Chromium ${browser.version()}`);
  });

  it('axe reports a violation planted in a page (the scan can fail)', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.setContent(
        '<!doctype html><html lang="en"><title>t</title><main><img src="x.png"></main></html>',
      );
      assert.match((await axeViolations(page)).join('\n'), /^image-alt /m);
    } finally {
      await context.close();
    }
  });

  /**
   * Every page type at desktop width in one language and at phone width in the next, the
   * languages taken in turn (the in-process suite, test/web.test.ts, reads every page in all
   * three): its language, navigation and script weight, a screenshot, and at phone width no
   * sideways scroll. axe scans each page type once, at phone width on odd page types and at
   * desktop width on even ones, so both widths and all three languages are scanned across the
   * page types. The three languages run in parallel contexts.
   */
  async function checkPage(
    context: BrowserContext,
    lang: Lang,
    def: PageDef,
    width: typeof PHONE | typeof DESKTOP,
    scan: boolean,
    photographed: boolean,
  ): Promise<number> {
    const m = messagesFor(lang);
    const { page, scriptBytes } = await open(context, `/${lang}${def.path}`, def.form);
    const where = `${def.name} (${lang}, ${width.width} px)`;
    try {
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.ok(
        (await page.textContent('nav.main'))?.includes(m.nav.check),
        `${where}: navigation`,
      );
      assert.ok(scriptBytes > 0 && scriptBytes <= BUDGET, `${where}: ${scriptBytes} B`);
      if (width === PHONE) {
        const scrollWidth = await page.evaluate('document.documentElement.scrollWidth');
        assert.ok(Number(scrollWidth) <= width.width, `${where}: ${String(scrollWidth)} px wide`);
      }
      if (scan) assert.deepEqual(await axeViolations(page), [], where);
      if (photographed) await photograph(page, `${def.name}-${lang}-${width.name}`);
      return scriptBytes;
    } finally {
      await page.close();
    }
  }

  LANGS.forEach((lang, langIndex) => {
    it(`every page type on its turns in ${lang}: language, navigation, JS ≤ 60 KB; axe finds no WCAG 2.1 A/AA violation`, async (t) => {
      const turn = (index: number, offset: number) => (index + offset) % LANGS.length === langIndex;
      const wide = await browser.newContext({ viewport: DESKTOP, locale: lang });
      const narrow = await browser.newContext({ viewport: PHONE, locale: lang });
      try {
        for (const [index, def] of PAGES.entries()) {
          const even = index % 2 === 0;
          if (turn(index, 0)) {
            const bytes = await checkPage(wide, lang, def, DESKTOP, even, true);
            t.diagnostic(`${def.name}: ${bytes} B of gzipped JS`);
          }
          if (turn(index, 1)) await checkPage(narrow, lang, def, PHONE, !even, true);
        }
      } finally {
        await wide.close();
        await narrow.close();
      }
    });
  });

  /** Fills the checker; `pick` types words and picks a suggestion (JS), else types the code. */
  async function fillChecker(
    page: Page,
    facts: { region: string; date: string; age: string; dx: string; pick?: string | undefined },
  ): Promise<void> {
    await page.selectOption('#ck-region', facts.region);
    await page.fill('#ck-date', facts.date);
    await page.fill('#ck-age', facts.age);
    if (facts.pick) {
      // A pause while typing may show the answer to a shorter query first; wait for the
      // answer to the whole word so the list does not change under the arrow keys.
      const answered = page.waitForResponse(
        (res) => new URL(res.url()).searchParams.get('q') === facts.dx,
      );
      await page.locator('#ck-dx-1').pressSequentially(facts.dx, { delay: 20 });
      await answered;
      const option = page.locator('#ck-dx-1-list [role="option"]', { hasText: facts.pick });
      await option.first().waitFor({ state: 'visible' });
      assert.equal(await page.getAttribute('#ck-dx-1', 'aria-expanded'), 'true');
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('ArrowDown');
        const active = await page.getAttribute('#ck-dx-1', 'aria-activedescendant');
        const text = active ? await page.textContent(`#${active}`) : '';
        if (text?.startsWith(facts.pick)) {
          await page.keyboard.press('Enter');
          break;
        }
      }
    } else {
      await page.fill('#ck-dx-1', facts.dx);
    }
  }

  const CASES: {
    lang: Lang;
    region: string;
    date: string;
    age: string;
    dx: string;
    pick: string;
    status: 'entitled' | 'unknown';
  }[] = [
    {
      lang: 'en',
      region: 'KZ-27',
      date: '2026-11-24',
      age: '8',
      dx: 'juvenile',
      pick: 'M08',
      status: 'entitled',
    },
    {
      lang: 'ru',
      region: 'KZ-35',
      date: '2026-06-01',
      age: '9',
      dx: 'ювениль',
      pick: 'M08',
      status: 'unknown',
    },
    {
      lang: 'kk',
      region: 'KZ-35',
      date: '2026-11-24',
      age: '9',
      dx: 'M08',
      pick: 'M08',
      status: 'entitled',
    },
  ];

  for (const javaScript of [true, false]) {
    for (const c of CASES) {
      const mode = javaScript ? 'with JavaScript' : 'without JavaScript';
      it(`checker ${mode}: ${c.region} on ${c.date} in ${c.lang} answers ${c.status}`, async () => {
        const m = messagesFor(c.lang);
        const context = await browser.newContext({
          viewport: { width: 360, height: 800 },
          javaScriptEnabled: javaScript,
        });
        try {
          const { page } = await open(context, `/${c.lang}/check`);
          assert.equal(
            await page.getAttribute('#ck-dx-1', 'role'),
            javaScript ? 'combobox' : null,
            'the script enhances the field only when it runs',
          );
          await fillChecker(page, { ...c, ...(javaScript ? {} : { dx: 'M08', pick: undefined }) });
          if (javaScript) assert.match(await page.inputValue('#ck-dx-1'), /^M08 — /);
          await page.click('form.check button[type="submit"]');
          await page.waitForSelector('.answer-block');
          const answer = await page.textContent('.answer-block');
          assert.ok(answer?.includes(m.check.statusTitle[c.status]), `${c.status} in ${c.lang}`);
          assert.ok(answer?.includes(m.common.basis), 'the citation is shown');
          // The answer is the server's page either way; axe scans it where the script ran.
          if (javaScript) assert.deepEqual(await axeViolations(page), []);
          const tag = `${javaScript ? 'js' : 'nojs'}-${c.region}-${c.lang}`;
          await page.screenshot({ path: `${SHOTS}/check-answer-${tag}-phone.png`, fullPage: true });
        } finally {
          await context.close();
        }
      });
    }
  }

  it('the checker shows its errors without JavaScript, and axe is clean there', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const { page } = await open(context, '/en/check');
      await page.selectOption('#ck-region', 'KZ-27');
      await page.fill('#ck-dx-1', 'arthritis');
      await page.click('form.check button[type="submit"]');
      await page.waitForSelector('.error-summary');
      const summary = await page.textContent('.error-summary');
      const m = messagesFor('en');
      assert.ok(summary?.includes(m.check.errors.ageMissing));
      assert.ok(summary?.includes(m.check.errors.dxAmbiguous('arthritis')));
      assert.deepEqual(await axeViolationsWithoutJs(page), []);
      await page.screenshot({ path: `${SHOTS}/check-errors-en-desktop.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('a list filters as you type with JavaScript, and by the button without it', async () => {
    const m = messagesFor('en');
    const withJs = await browser.newContext();
    try {
      const { page } = await open(withJs, '/en/regions/west-kazakhstan');
      const before = page.url();
      await page.fill('#f-q', 'canakinumab');
      // Polled from here: a predicate evaluated in the page would need 'unsafe-eval' under the CSP.
      for (let i = 0; i < 100; i++) {
        if ((await page.locator('article[data-key]:not([hidden])').count()) < 10) break;
        await page.waitForTimeout(50);
      }
      const shown = await page.locator('article[data-key]:not([hidden])').count();
      assert.ok(shown > 0);
      assert.equal(await page.textContent('#count'), m.catalog.showing(shown, listSize('KZ-27')));
      assert.notEqual(page.url(), before, 'the address follows the filter');
      assert.match(page.url(), /q=canakinumab/);
    } finally {
      await withJs.close();
    }
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    try {
      const { page } = await open(noJs, '/en/regions/west-kazakhstan');
      await page.fill('#f-q', 'canakinumab');
      await Promise.all([
        page.waitForURL(/q=canakinumab/),
        page.click('form.filters button[type="submit"]'),
      ]);
      const shown = await page.locator('article[data-key]:not([hidden])').count();
      assert.ok(shown > 0 && shown < 10);
      assert.equal(await page.textContent('#count'), m.catalog.showing(shown, listSize('KZ-27')));
    } finally {
      await noJs.close();
    }
  });

  it('an item prints without navigation, forms or the footer', async () => {
    const context = await browser.newContext();
    try {
      const { page } = await open(context, '/kk/regions/KZ-27/items/1/2');
      assert.ok(await page.isVisible('button[data-print]'), 'the print button appears with JS');
      await page.emulateMedia({ media: 'print' });
      for (const hidden of ['header.site', 'footer.site', 'form', 'nav.crumbs']) {
        assert.equal(await page.isVisible(hidden), false, `${hidden} is not printed`);
      }
      assert.ok(await page.isVisible('pre[lang="kk"]'), 'the source text is printed');
      await page.screenshot({ path: `${SHOTS}/item-print-kk.png`, fullPage: true });
      const pdf = await page.pdf({ format: 'A4' });
      assert.ok(pdf.length > 1000);
    } finally {
      await context.close();
    }
  });
});
