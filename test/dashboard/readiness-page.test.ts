/** The site lead's page behind a readiness link, driven in Chromium at a phone's viewport. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expireLink, makeLink, storeAwaitingReadiness } from '../support/readiness-links';
import { useRollwave, waitForSite } from '../support/scenario';

/** Debian's chromium package; CI installs it (`apt-get install -y chromium`). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PHONE = { width: 360, height: 740 };

const scenario = useRollwave();
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run "apt-get install -y chromium" (or set CHROMIUM_PATH) to test the site lead's page`);
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
});

/** Opens a link on a phone-sized page that records script errors and CSP violations. */
async function openOnPhone(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    // A refused link is an answer the page explains, though Chromium logs each 4xx fetch.
    if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) errors.push(msg.text());
  });
  await page.goto(url);
  return { page, errors };
}

const text = (page: Page, selector: string) => page.locator(selector).textContent();
/** No horizontal scroll: nothing on the page is wider than the phone. (Expressions as text: tests have no DOM types.) */
const fitsTheScreen = async (page: Page) => (await page.evaluate<number>('document.documentElement.scrollWidth')) <= PHONE.width;

test('a site lead opens the link, sees the window in local time, is told of a shortfall, then confirms and the site moves on', async () => {
  const { id, code } = await storeAwaitingReadiness(scenario, 'PH');
  const link = await makeLink(scenario.rw, id, code, { name: 'Sister Okafor' });
  const { page, errors } = await openOnPhone(link.url);

  await expect.poll(() => text(page, '#site-code')).toBe(code);
  expect(await text(page, '#site-name')).toBe('Store 1');
  expect(await text(page, '#rollout-name')).toBe('rollout PH');
  expect(await text(page, '#release')).toBe('5.2.0');
  expect(await text(page, '#state')).toBe('Waiting for you: confirm that enough staff are trained.');
  expect(await text(page, '#window')).toMatch(/^(today|tonight|tomorrow) \d\d:00–\d\d:00, Shanghai time$/);
  expect(await text(page, '#threshold')).toBe('At least 90% of the staff must be trained before you confirm.');
  expect(await fitsTheScreen(page)).toBe(true);
  expect(parseFloat(await page.evaluate<string>('getComputedStyle(document.body).fontSize'))).toBeGreaterThanOrEqual(16);

  await page.fill('#trained', '15');
  await page.fill('#total', '20');
  await page.click('#submit');
  await expect.poll(() => text(page, '#form-error')).toBe('15 of 20 trained is 75%, below the required 90%: 3 more must be trained');
  expect(await page.locator('#form-error').isVisible()).toBe(true);

  await page.fill('#trained', '19');
  await page.fill('#note', 'night shift trained on Tuesday');
  await page.click('#submit');
  await expect.poll(() => page.locator('#confirmed').isVisible()).toBe(true);
  expect(await text(page, '#confirmed-by')).toMatch(/^Sister Okafor confirmed 19 of 20 staff trained on .+\. Note: night shift trained on Tuesday$/);
  expect(await page.locator('#form').isVisible()).toBe(false);
  expect(await text(page, '#next')).toMatch(/nothing more is needed from you/);
  expect(await fitsTheScreen(page)).toBe(true);

  await waitForSite(scenario.rw, id, code, 'awaiting_window');
  await page.reload();
  await expect.poll(() => text(page, '#state')).toBe('Ready: waiting for its switch-over window.');
  expect(await text(page, '#confirmed-by')).toMatch(/^Sister Okafor confirmed 19 of 20/);
  expect(errors).toEqual([]);
});

test('an expired link and a revoked link say so in plain words', async () => {
  const { id, code } = await storeAwaitingReadiness(scenario, 'PX');
  const expired = await makeLink(scenario.rw, id, code);
  await expireLink(scenario.rw, expired.id);
  const revoked = await makeLink(scenario.rw, id, code);
  expect((await scenario.rw.http('DELETE', `/v1/readiness-links/${revoked.id}`)).status).toBe(204);

  for (const [url, said] of [
    [expired.url, /^This link expired on .+\. Ask your rollout manager for a new link\.$/],
    [revoked.url, /^This link was withdrawn on .+\. Ask your rollout manager for a new link\.$/],
  ] as const) {
    const { page, errors } = await openOnPhone(url);
    await expect.poll(() => page.locator('#problem').isVisible()).toBe(true);
    expect(await text(page, '#problem')).toMatch(said);
    expect(await page.locator('#site').isVisible()).toBe(false);
    expect(await fitsTheScreen(page)).toBe(true);
    expect(errors).toEqual([]);
  }
});
