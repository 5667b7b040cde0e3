import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFleet, type Fleet } from '../../src/dev/site-fleet';
import { SITE_STATES } from '../../domain/states';
import { startRollwave, stores, waitFor, type Rollwave } from '../support/harness';

/** Debian's chromium package; CI installs it (`apt-get install -y chromium`). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = join(tmpdir(), 'rollwave-dashboard.png');
const LIST_SCREENSHOT = join(tmpdir(), 'rollwave-dashboard-list.png');

let rw: Rollwave;
let fleet: Fleet;
let browser: Browser;
let rolloutId: string;
let managerKey: string;
let viewerKey: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run "apt-get install -y chromium" (or set CHROMIUM_PATH) to test the dashboard page`);
  }
  [rw, fleet, browser] = await Promise.all([
    startRollwave(),
    startFleet(),
    chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    }),
  ]);
  expect((await rw.http('POST', '/v1/sites/import', stores(12, { prefix: 'S' }))).status).toBe(200);
  managerKey = (await rw.http('POST', '/v1/api-keys', { role: 'manager', name: 'night shift' })).body.key;
  viewerKey = (await rw.http('POST', '/v1/api-keys', { role: 'viewer', name: 'wall screen' })).body.key;

  // Two pilot stores refuse the config; the national wave waits for its launch.
  for (const code of ['S-002', 'S-003']) fleet.behave(code, { fail: { config_push: { status: 422, message: 'config rejected: missing tax table' } } });
  const pilot = stores(8, { prefix: 'S' }).map((s) => s.code);
  const created = await rw.http('POST', '/v1/rollouts', {
    name: 'POS 5.2 national rollout',
    release: { version: '5.2.0', config: { a: 1 }, dataset: { uri: 's3://x', records: 100 } },
    waves: [
      { name: 'pilot', select: { codes: pilot }, maxParallel: 4, failureThreshold: { maxFailed: 5 } },
      { name: 'national', select: { all: true }, maxParallel: 4, approval: 'manual' },
    ],
    gateway: { endpointTemplate: fleet.endpointTemplate },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  rolloutId = created.body.id;
  await waitFor(async () => {
    const p = (await rw.http('GET', `/v1/rollouts/${rolloutId}/progress`)).body;
    return p.totals.succeeded === 6 && p.totals.failed === 2;
  }, 90_000, 'the pilot to settle');
});
afterAll(async () => {
  await browser?.close();
  await rw?.close();
  await fleet?.close();
});

/** A fresh page that records script errors and CSP violations (both reach the console as errors). */
async function openDashboard(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${rw.url}/`);
  return { page, errors };
}

const tile = (page: Page, name: string) => page.getByTestId(`total-${name}`).locator('.value');

/** Waits until every count on the page equals the API's progress at that moment, and returns that progress. */
async function countsMatchApi(page: Page) {
  return waitFor(async () => {
    const progress = (await rw.http('GET', `/v1/rollouts/${rolloutId}/progress`)).body;
    const shown = Object.fromEntries(await Promise.all(['sites', ...SITE_STATES].map(async (s) => [s, Number(await tile(page, s).textContent())])));
    const expected = { sites: progress.totals.sites, ...Object.fromEntries(SITE_STATES.map((s) => [s, progress.totals[s]])) };
    const percent = await page.getByTestId('percent').textContent();
    return JSON.stringify(shown) === JSON.stringify(expected) && percent === `${progress.percentComplete.toFixed(1)}%` && progress;
  }, 20_000, 'the page to show the API counts');
}

test('the page asks for a key, lists rollouts, and shows the counts, waves, sites and events of one', async () => {
  const { page, errors } = await openDashboard();
  await expect.poll(() => page.locator('#key-form').isVisible()).toBe(true);
  await page.fill('#key-input', managerKey);
  await page.click('#key-form button[type=submit]');

  const row = page.locator(`tr[data-rollout="${rolloutId}"]`);
  await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('awaiting approval');
  await page.screenshot({ path: LIST_SCREENSHOT });
  await row.click();
  await expect.poll(() => page.locator('#rollout-name').textContent()).toBe('POS 5.2 national rollout');
  const progress = await countsMatchApi(page);
  expect(progress.totals).toMatchObject({ sites: 12, succeeded: 6, failed: 2, pending: 4 });

  // Waves: each with its status, done count and the counts behind its bar.
  const national = page.getByTestId('wave-national');
  await expect.poll(() => national.locator('.badge').textContent()).toBe('awaiting approval');
  await expect.poll(() => page.getByTestId('wave-pilot').locator('.done').textContent()).toBe('6 / 8 done');
  expect(await page.getByTestId('wave-pilot').locator('[data-count="failed"] b').textContent()).toBe('2');

  // The site table, filtered to the failures, shows step and error as the API does.
  await page.selectOption('#filter-state', 'failed');
  await expect.poll(() => page.locator('#sites tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-site')))).toEqual(['S-002', 'S-003']);
  const failed = (await rw.http('GET', `/v1/rollouts/${rolloutId}/sites?state=failed`)).body.items;
  for (const site of failed) {
    const row = page.locator(`#sites tr[data-site="${site.code}"]`);
    expect(await row.locator('td').nth(3).textContent()).toBe(site.step);
    expect(await row.locator('td.error').textContent()).toBe(site.error);
  }
  expect(failed[0].error).toContain('missing tax table');

  // Latest events, newest first, from the audit trail.
  const latest = (await rw.http('GET', `/v1/rollouts/${rolloutId}/events?after=${progress.version - 1}`)).body.items[0];
  expect(await page.locator('#events li').first().getAttribute('data-cursor')).toBe(latest.cursor);

  await expect.poll(() => page.locator('#live').textContent()).toBe('live');
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  console.info(`dashboard screenshots: ${LIST_SCREENSHOT} ${SCREENSHOT}`);
  expect(errors).toEqual([]);
  await page.close();
});

test('a manager launches a wave and retries a site from the page, and the page follows live', async () => {
  const { page, errors } = await openDashboard();
  await page.fill('#key-input', managerKey);
  await page.click('#key-form button[type=submit]');
  await page.goto(`${rw.url}/dashboard#/rollouts/${encodeURIComponent(rolloutId)}`);
  await countsMatchApi(page);
  await expect.poll(() => page.locator('#live').textContent()).toBe('live');

  await page.getByTestId('wave-national').getByRole('button', { name: 'Launch wave' }).click();
  await expect.poll(() => tile(page, 'succeeded').textContent(), { timeout: 60_000 }).toBe('10');
  await countsMatchApi(page);

  fleet.reset('S-002');
  await page.selectOption('#filter-state', 'failed');
  await page.locator('#sites tr[data-site="S-002"]').getByRole('button', { name: 'Retry' }).click();
  await expect.poll(() => tile(page, 'succeeded').textContent(), { timeout: 60_000 }).toBe('11');
  const progress = await countsMatchApi(page);
  expect(progress.totals).toMatchObject({ succeeded: 11, failed: 1 });
  await expect.poll(() => page.locator('#sites tr').count()).toBe(1);
  await expect.poll(() => page.locator('#events li .what').allTextContents(), { timeout: 30_000 }).toContain('S-002: running → succeeded');
  expect(errors).toEqual([]);
  await page.close();
});

test('a viewer key sees the rollout but its action is refused with the reason', async () => {
  const { page } = await openDashboard();
  await page.fill('#key-input', viewerKey);
  await page.click('#key-form button[type=submit]');
  await page.goto(`${rw.url}/#/rollouts/${encodeURIComponent(rolloutId)}`);
  await countsMatchApi(page);
  await page.locator('[data-rollout-action="abort"]').click();
  await expect.poll(() => page.locator('#notice').textContent()).toMatch(/^Abort: a viewer key may not/);
  expect((await rw.http('GET', `/v1/rollouts/${rolloutId}`)).body.status).not.toBe('aborted');
  await page.close();
});
