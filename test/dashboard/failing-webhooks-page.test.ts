/** The built-in page's banner of a rollout's failing webhooks, driven in Chromium with a viewer key. */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { waitFor } from '../support/harness';
import { startStoreRollout, useRollwave, waitForStatus } from '../support/scenario';
import { deadUrl, startReceiver, type Receiver } from '../support/webhook-receiver';

/** Debian's chromium package; CI installs it (`apt-get install -y chromium`). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = join(tmpdir(), 'rollwave-failing-webhooks.png');
const SECRET = 'whsec-0123456789-abcdef';

const scenario = useRollwave();
let browser: Browser;
let receiver: Receiver;
let viewerKey: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run "apt-get install -y chromium" (or set CHROMIUM_PATH) to test the dashboard page`);
  }
  [browser, receiver] = await Promise.all([
    chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    }),
    startReceiver(),
  ]);
  const made = await scenario.rw.http('POST', '/v1/api-keys', { role: 'viewer', name: 'wall screen' });
  expect(made.status).toBe(201);
  viewerKey = made.body.key;
});
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
});

interface Failing {
  url: string;
  failing: number;
  lastError: string;
}

const notificationsOf = async (id: string) => (await scenario.rw.http('GET', `/v1/rollouts/${id}/notifications`)).body;

/** Waits until the rollout's webhook at `url` has been tried and failed, and returns the API's line for it. */
const failingVia = (id: string, url: string) =>
  waitFor(async () => {
    const body = await notificationsOf(id);
    const tried = body.items.some((d: { url: string; attempts: number }) => d.url === url && d.attempts >= 1);
    return tried && (body.failing as Failing[]).find((f) => f.url === url);
  }, 60_000, `a failed attempt to ${url}`);

/** The dashboard connected with the viewer key, on one rollout's view, recording script errors and CSP violations. */
async function openRollout(id: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  await page.goto(`${scenario.rw.url}/`);
  await page.fill('#key-input', viewerKey);
  await page.click('#key-form button[type=submit]');
  await page.goto(`${scenario.rw.url}/#/rollouts/${encodeURIComponent(id)}`);
  return { page, errors };
}

/** The page checks its webhooks before it lists the sites: once a site row shows, the banner is as the API says. */
const sitesShown = (page: Page, code: string) => expect.poll(() => page.locator(`#sites tr[data-site="${code}"]`).count(), { timeout: 20_000 }).toBe(1);

const banner = (page: Page) => page.locator('#webhooks-failing');
const bannerLines = (page: Page) => page.locator('#webhooks-failing li').allTextContents();
const sentence = (f: Failing) =>
  `Webhook ${f.url} is failing: ${f.failing} ${f.failing === 1 ? 'notification' : 'notifications'} not delivered (last error: ${f.lastError}).` +
  ' Rollwave retries each notification for a day before giving up.';

test('a rollout whose webhook nobody answers shows a banner naming its URL and the error, as text, and never its secret', async () => {
  // Characters that would be markup if the page rendered the URL as HTML.
  const url = `${await deadUrl()}?team=<b>ops</b>`;
  const { id, codes } = await startStoreRollout(scenario, 'FW', 2, { plan: { notifications: [{ url, events: ['rollout.completed'], secret: SECRET }] } });
  await waitForStatus(scenario.rw, id, 'completed');
  const failing = await failingVia(id, url);
  expect(failing).toMatchObject({ url, failing: 1 });
  expect(failing.lastError).toMatch(/^could not connect \(ECONNREFUSED\)$/);

  const { page, errors } = await openRollout(id);
  await expect.poll(() => bannerLines(page), { timeout: 20_000 }).toEqual([sentence(failing)]);
  expect(await banner(page).isVisible()).toBe(true);
  expect(await page.locator('#webhooks-failing b').count()).toBe(0);
  expect(await page.locator('#webhooks-failing .url').textContent()).toBe(url);
  await sitesShown(page, codes[0]!);

  // The secret is in no answer the page had, hence nowhere on it.
  expect(await page.locator('body').innerText()).not.toContain(SECRET);
  expect(await page.content()).not.toContain(SECRET);
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  console.info(`failing webhooks screenshot: ${SCREENSHOT}`);
  expect(errors).toEqual([]);
  await page.close();
});

test('a rollout without failing webhooks shows no banner, and a webhook that recovers leaves the banner', async () => {
  const quiet = await startStoreRollout(scenario, 'FQ', 1);
  await waitForStatus(scenario.rw, quiet.id, 'completed');
  expect((await notificationsOf(quiet.id)).failing).toEqual([]);
  const first = await openRollout(quiet.id);
  await expect.poll(() => first.page.locator('#rollout-name').textContent()).toBe('rollout FQ');
  await sitesShown(first.page, quiet.codes[0]!);
  expect(await banner(first.page).isVisible()).toBe(false);
  expect(await bannerLines(first.page)).toEqual([]);
  expect(first.errors).toEqual([]);
  await first.page.close();

  // A receiver refusing every attempt, until it is fixed while the page is open.
  receiver.failFirst(Number.MAX_SAFE_INTEGER);
  const { id, codes } = await startStoreRollout(scenario, 'FR', 1, { plan: { notifications: [{ url: receiver.url, events: ['rollout.completed'], secret: SECRET }] } });
  await waitForStatus(scenario.rw, id, 'completed');
  const failing = await failingVia(id, receiver.url);
  const { page, errors } = await openRollout(id);
  await expect.poll(() => page.locator('#webhooks-failing .url').allTextContents(), { timeout: 20_000 }).toEqual([receiver.url]);
  expect((await bannerLines(page))[0]).toMatch(/ is failing: 1 notification not delivered \(last error: .+\)\. Rollwave retries/);
  expect(failing.lastError).not.toBe('');
  await sitesShown(page, codes[0]!);

  receiver.failFirst(0);
  await waitFor(async () => (await notificationsOf(id)).items.every((d: { status: string }) => d.status === 'delivered'), 30_000, 'the delivery to be taken');
  // The banner's own poll (every 15 s) notices.
  await expect.poll(() => banner(page).isVisible(), { timeout: 40_000 }).toBe(false);
  expect(await bannerLines(page)).toEqual([]);
  expect(await page.content()).not.toContain(SECRET);
  expect(errors).toEqual([]);
  await page.close();
});
