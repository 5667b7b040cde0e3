/** How site failures follow SITE-PROTOCOL.md: permanent errors fail at once, transient ones are retried. */
import { expect, test } from 'vitest';
import { waitFor } from '../support/harness';
import { siteRow, startStoreRollout, useRollwave, waitForSite } from '../support/scenario';

const scenario = useRollwave();
const rollout = (prefix: string, n: number, dataset?: Record<string, unknown>) => startStoreRollout(scenario, prefix, n, { dataset });
const settledRow = (id: string, code: string, state: string) => waitForSite(scenario.rw, id, code, state);

test('a config push answered 422 fails the site at once with the status and message, and its neighbours succeed', async () => {
  scenario.fleet.behave('A-001', { fail: { config_push: { status: 422, message: 'unknown tax profile' } } });
  const { id } = await rollout('A', 3);
  const row = await settledRow(id, 'A-001', 'failed');
  expect(row.step).toBe('config_push');
  expect(row.error).toContain('422');
  expect(row.error).toContain('unknown tax profile');
  expect(scenario.fleet.received('A-001', 'config_push')).toBe(1);
  await settledRow(id, 'A-002', 'succeeded');
  await settledRow(id, 'A-003', 'succeeded');
  const progress = await scenario.rw.http('GET', `/v1/rollouts/${id}/progress`);
  expect(progress.body.totals).toMatchObject({ failed: 1, succeeded: 2 });
  expect(progress.body.status).toBe('running');
});

test('a config push answered 503 twice then 200 succeeds, every attempt with the same Idempotency-Key', async () => {
  scenario.fleet.behave('B-001', { fail: { config_push: { status: 503, message: 'busy', times: 2 } } });
  const { id } = await rollout('B', 1);
  await settledRow(id, 'B-001', 'succeeded');
  const pushes = scenario.fleet.callsFor('B-001').filter((c) => c.step === 'config_push');
  expect(pushes.map((c) => c.status)).toEqual([503, 503, 200]);
  expect(new Set(pushes.map((c) => c.idempotencyKey)).size).toBe(1);
  expect(scenario.fleet.applied('B-001', 'config_push')).toBe(1);
});

test('a cutover slower than the heartbeat timeout runs to its end in one call while the worker heartbeats', async () => {
  scenario.fleet.behave('H-001', { delayMs: { cutover: 14_000 } });
  const { id } = await rollout('H', 1);
  await settledRow(id, 'H-001', 'succeeded');
  expect(scenario.fleet.received('H-001', 'cutover')).toBe(1);
});

test('a data load reporting another checksum fails with "data verification failed" and is not retried', async () => {
  scenario.fleet.behave('C-001', { loadChecksum: 'sha256:other' });
  const { id } = await rollout('C', 1, { uri: 's3://d', records: 10, checksum: 'sha256:expected' });
  const row = await settledRow(id, 'C-001', 'failed');
  expect(row.step).toBe('data_load');
  expect(row.error).toContain('data verification failed');
  expect(scenario.fleet.received('C-001', 'data_load')).toBe(1);
  expect(scenario.fleet.received('C-001', 'cutover')).toBe(0);
});

test('a data load that loads fewer records than the dataset fails verification', async () => {
  scenario.fleet.behave('D-001', { loadCount: 9 });
  const { id } = await rollout('D', 1);
  const row = await settledRow(id, 'D-001', 'failed');
  expect(row.error).toMatch(/data verification failed.*9.*10/);
});

test('a long data load shows its progress in the site row while it runs', async () => {
  scenario.fleet.behave('E-001', { loadPolls: 1_000_000 });
  const { id } = await rollout('E', 1, { uri: 's3://d', records: 5000 });
  const row = await waitFor(async () => {
    const r = await siteRow(scenario.rw, id, 'E-001');
    return r?.dataLoad && r;
  }, 60_000, 'data-load progress');
  expect(row).toMatchObject({ state: 'running', step: 'data_load', dataLoad: { total: 5000 } });
  scenario.fleet.behave('E-001', { loadPolls: 0 });
  await settledRow(id, 'E-001', 'succeeded');
});

test('the rollout survives a restart of worker and API mid-rollout and applies every step exactly once', async () => {
  const hold = scenario.fleet.hold('F-003', 'cutover');
  const { id, codes } = await rollout('F', 6);
  await scenario.fleet.waitForCall((c) => c.site === 'F-003' && c.step === 'cutover', 60_000);
  await scenario.rw.restart();
  hold.release();
  await waitFor(async () => (await scenario.rw.http('GET', `/v1/rollouts/${id}/progress`)).body.status === 'completed', 120_000, 'completion');
  for (const code of codes) {
    for (const step of ['config_push', 'data_load', 'cutover'] as const) expect(scenario.fleet.applied(code, step), `${code} ${step}`).toBe(1);
  }
  const events = await scenario.rw.http('GET', `/v1/rollouts/${id}/events?limit=1000`);
  const cursors = events.body.items.map((e: { cursor: string }) => Number(e.cursor));
  expect(cursors).toEqual(cursors.map((_: number, i: number) => i + 1));
});

test('a site whose answers hold characters Postgres cannot store fails with a readable error instead of retrying for ever', async () => {
  scenario.fleet.behave('U-001', { fail: { cutover: { status: 409, message: 'store\u0000closed \ud800' } } });
  scenario.fleet.behave('U-002', { healthVersion: '5.2.0\u0000' });
  const { id } = await rollout('U', 3);
  const refused = await settledRow(id, 'U-001', 'failed');
  expect(refused).toMatchObject({ step: 'cutover', error: 'POST /cutover → HTTP 409: store\uFFFDclosed \uFFFD' });
  const unhealthy = await settledRow(id, 'U-002', 'failed');
  expect(unhealthy.error).toBe('post-cutover health check failed: the site runs version 5.2.0\uFFFD, expected 5.2.0');
  await settledRow(id, 'U-003', 'succeeded');
});
