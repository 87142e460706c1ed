/**
 * The Analytics pages in Chromium, short: the region's auditor opens the impact and the need
 * pages in kk at 360 px and in en at 1280 px (one load each), with a registered patient so the
 * need page draws its chart; axe-core (WCAG 2.0/2.1 A and AA) finds zero violations on each.
 * No script is needed: the pages are GET forms. Skipped without /usr/bin/chromium unless
 * TEGIN_REQUIRE_BROWSER=1 (as test/web-staff-browser.test.ts).
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { iinFor } from '../src/app/ops/ops-setup.ts';
import { isoDate } from '../src/domain/date.ts';
import { axeViolations, browserSkip, launchBrowser } from './support/browser.ts';
import { staffWorld, type StaffWorld } from './support/staff-world.ts';

const skip = browserSkip('analytics browser test');
const ctx = { requestId: null, purpose: 'test' };

describe('the Analytics pages in Chromium', { skip }, () => {
  let browser: Browser;
  let world: StaffWorld;
  let url = '';
  let close: () => Promise<void> = async () => undefined;

  before(async () => {
    browser = await launchBrowser();
    world = await staffWorld({ localHttp: true });
    const adult = await world.service.patients.createPatient(
      world.actors.doctor,
      {
        iin: iinFor(isoDate('1960-04-02'), 'female', 41),
        familyName: 'Test',
        givenName: 'Analytics',
        patronymic: null,
        birthDate: '1960-04-02',
        sex: 'female',
        citizenship: 'KZ',
      },
      { organisation: 'KZ-27/POLY-1', from: isoDate('2024-01-10') },
      ctx,
    );
    assert.ok(adult.ok, JSON.stringify(adult));
    const registered = await world.service.register.register(
      world.actors.doctor,
      {
        patientId: adult.value.id,
        icd10: 'I50.0',
        organisation: 'KZ-27/POLY-1',
        from: '2024-01-10',
        basis: 'conclusion (test)',
        confirmed: true,
      },
      ctx,
    );
    assert.ok(registered.ok, JSON.stringify(registered));
    const server = serve({ fetch: world.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await world.close();
    };
  });
  after(async () => {
    await browser?.close();
    await close();
  });

  it('impact and need, kk at 360 px and en at 1280 px: zero axe violations', async () => {
    const year = world.today.slice(0, 4);
    for (const [lang, width] of [
      ['kk', 360],
      ['en', 1280],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${url}/${lang}/staff/sign-in`);
      await page.fill('#username', world.usernames.auditor);
      await page.fill('#password', world.passwords.auditor);
      await Promise.all([page.waitForURL(`${url}/${lang}/staff/`), page.click('button.primary')]);
      for (const path of [`impact?date=${world.today}`, `need?year=${year}`]) {
        await page.goto(`${url}/${lang}/staff/analytics/KZ-27/${path}`);
        if (path.startsWith('need')) {
          assert.equal(await page.locator('svg.chart[role="img"] title').count(), 1, 'a chart');
        }
        assert.deepEqual(await axeViolations(page), [], `${lang} ${path} at ${width} px`);
      }
      await context.close();
    }
  });
});
