/** "My sites": the built-in page with a site-lead key, driven in Chromium at a phone's viewport. */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { storeAwaitingReadiness } from '../support/readiness-links';
import { useRollwave, waitForSite } from '../support/scenario';

/** Debian's chromium package; CI installs it (`apt-get install -y chromium`). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PHONE = { width: 360, height: 740 };
const SCREENSHOT = join(tmpdir(), 'rollwave-my-sites.png');

const scenario = useRollwave();
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run "apt-get install -y chromium" (or set CHROMIUM_PATH) to test the dashboard page`);
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
});

/** The dashboard on a phone-sized page, connected with `key`, recording script errors and CSP violations. */
async function connectOnPhone(key: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    // A refused confirmation is an answer the page explains, though Chromium logs each 4xx fetch.
    if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) errors.push(msg.text());
  });
  await page.goto(`${scenario.rw.url}/`);
  await page.fill('#key-input', key);
  await page.click('#key-form button[type=submit]');
  return { page, errors };
}

/** No horizontal scroll: nothing on the page is wider than the phone. (Expressions as text: tests have no DOM types.) */
const fitsTheScreen = async (page: Page) => (await page.evaluate<number>('document.documentElement.scrollWidth')) <= PHONE.width;

test('a site lead connects with its key, sees its site under My sites, is told of a shortfall, then confirms and the site moves on', async () => {
  const { id, code } = await storeAwaitingReadiness(scenario, 'MY');
  const made = await scenario.rw.http('POST', '/v1/api-keys', { role: 'site-lead', name: 'Mei Lin', sites: [code] });
  expect(made.status).toBe(201);
  const { page, errors } = await connectOnPhone(made.body.key);

  const card = page.locator(`#my-sites .site-card[data-rollout="${id}"][data-site="${code}"]`);
  const part = (name: string) => card.locator(`[data-part="${name}"]`);
  await expect.poll(() => part('site-code').textContent()).toBe(code);
  expect(await page.locator('#my-sites-view h1').textContent()).toBe('My sites');
  expect(await page.locator('#rollouts-view').isVisible()).toBe(false);
  expect(await page.locator('#my-sites .site-card').count()).toBe(1);
  expect(await part('site-name').textContent()).toBe('Store 1');
  expect(await part('rollout-name').textContent()).toBe('rollout MY');
  expect(await part('release').textContent()).toBe('5.2.0');
  expect(await part('state').textContent()).toBe('Waiting for you: confirm that enough staff are trained.');
  expect(await part('window').textContent()).toMatch(/^(today|tonight|tomorrow) \d\d:00–\d\d:00, Shanghai time$/);
  expect(await part('threshold').textContent()).toBe('At least 90% of the staff must be trained before you confirm.');
  expect(await fitsTheScreen(page)).toBe(true);

  await part('trained').fill('15');
  await part('total').fill('20');
  await part('submit').click();
  await expect.poll(() => part('form-error').textContent()).toBe('15 of 20 trained is 75%, below the required 90%: 3 more must be trained');
  expect(await part('form-error').isVisible()).toBe(true);
  expect(await fitsTheScreen(page)).toBe(true);
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  console.info(`My sites screenshot: ${SCREENSHOT}`);

  await part('trained').fill('19');
  await part('note').fill('night shift trained on Tuesday');
  await part('submit').click();
  await expect.poll(() => part('confirmed').isVisible()).toBe(true);
  expect(await part('confirmed-by').textContent()).toMatch(/^Mei Lin confirmed 19 of 20 staff trained on .+\. Note: night shift trained on Tuesday$/);
  expect(await part('form').isVisible()).toBe(false);
  expect(await part('next').textContent()).toMatch(/nothing more is needed from you/);
  expect(await fitsTheScreen(page)).toBe(true);

  // The audit trail says the confirmation came with the key, and whose.
  const events = (await scenario.rw.http('GET', `/v1/rollouts/${id}/events?limit=1000`)).body.items;
  const confirmed = events.filter((e: { type: string }) => e.type === 'action.readiness');
  expect(confirmed.map((e: { actor: unknown }) => e.actor)).toEqual([{ via: 'key', id: made.body.id, name: 'Mei Lin' }]);
  expect(confirmed[0].data).toMatchObject({ trainedStaff: 19, totalStaff: 20, note: 'night shift trained on Tuesday' });

  await waitForSite(scenario.rw, id, code, 'awaiting_window');
  await page.reload();
  await expect.poll(() => part('state').textContent()).toBe('Ready: waiting for its switch-over window.');
  expect(await part('confirmed-by').textContent()).toMatch(/^Mei Lin confirmed 19 of 20/);
  expect(await fitsTheScreen(page)).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
});

test('a manager key still opens on the rollouts, and a site lead reaches them from My sites', async () => {
  const manager = (await scenario.rw.http('POST', '/v1/api-keys', { role: 'manager', name: 'night shift' })).body.key;
  const { page, errors } = await connectOnPhone(manager);
  await expect.poll(() => page.locator('#rollouts-view').isVisible()).toBe(true);
  expect(await page.locator('#my-sites-view').isVisible()).toBe(false);
  await page.close();

  const lead = (await scenario.rw.http('POST', '/v1/api-keys', { role: 'site-lead', name: 'nobody yet', sites: ['NOT-001'] })).body.key;
  const second = await connectOnPhone(lead);
  await expect.poll(() => second.page.locator('#my-sites-empty').isVisible()).toBe(true);
  expect(await second.page.locator('#my-sites-empty').textContent()).toBe('None of your sites is in a rollout under way.');
  await second.page.click('#my-sites-view a[href="#/rollouts"]');
  await expect.poll(() => second.page.locator('#rollouts-view').isVisible()).toBe(true);
  expect([...errors, ...second.errors]).toEqual([]);
  await second.page.close();
});
