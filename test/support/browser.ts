/**
 * What every browser suite shares: Debian's Chromium (launched by playwright-core with the flags
 * ../shared/STACK.md measured), the rule that a missing browser skips a suite unless
 * TEGIN_REQUIRE_BROWSER=1 (CI) makes it a failure, the screenshot folder and widths, and one
 * axe-core scan (WCAG 2.0/2.1 A and AA).
 */
import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SHOTS = 'artifacts/screenshots';
export const PHONE = { name: 'phone', width: 360, height: 800 } as const;
export const DESKTOP = { name: 'desktop', width: 1280, height: 900 } as const;
export const WIDTHS = [PHONE, DESKTOP] as const;
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** The tallest screenshot kept, px: a long list at 360 px is tens of thousands of pixels tall. */
export const MAX_SHOT = 4000;

const present = existsSync(CHROMIUM);

/**
 * `describe(…, { skip })` for a browser suite: false when Chromium is here or required (then a
 * missing browser fails in `launchBrowser`), else the reason, printed once.
 */
export function browserSkip(suite: string): false | string {
  if (present || process.env.TEGIN_REQUIRE_BROWSER === '1') return false;
  const why = `Chromium not found at ${CHROMIUM}: ${suite} skipped (apt-get install -y chromium; CI sets TEGIN_REQUIRE_BROWSER=1, which makes this a failure)`;
  console.log(`# ${why}`);
  return why;
}

export async function launchBrowser(): Promise<Browser> {
  if (!present) throw new Error(`TEGIN_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/**
 * axe-core's WCAG 2.0/2.1 A and AA violations on the page, each as "rule (impact): help — where".
 * Run in the page itself (axe's "legacy" mode): tegin's pages have no frames, and this halves
 * the time of a scan against the default, which finishes every scan in a new blank page.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] })
    .analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join('; ')}`,
  );
}

/** A screenshot of the page from its top, at most `MAX_SHOT` px of it, as SHOTS/`name`.png. */
export async function photograph(page: Page, name: string): Promise<void> {
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  const width = page.viewportSize()?.width ?? PHONE.width;
  await page.screenshot({
    path: `${SHOTS}/${name}.png`,
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, MAX_SHOT) },
  });
}
