/** How site failures follow SITE-PROTOCOL.md: permanent errors fail at once, transient ones are retried. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFleet, type Fleet } from '../support/fleet';
import { startRollwave, stores, waitFor, type Rollwave } from '../support/harness';

let rw: Rollwave;
let fleet: Fleet;

beforeAll(async () => {
  [rw, fleet] = await Promise.all([startRollwave(), startFleet()]);
});
afterAll(async () => {
  await rw?.close();
  await fleet?.close();
});

async function rollout(prefix: string, n: number, dataset: Record<string, unknown> = { uri: 's3://d', records: 10 }) {
  const sites = stores(n, { prefix, region: prefix });
  await rw.http('POST', '/v1/sites/import', sites);
  const created = await rw.http('POST', '/v1/rollouts', {
    name: `failures ${prefix}`,
    release: { version: '5.2.0', dataset },
    waves: [{ name: 'all', select: { regions: [prefix] }, maxParallel: n }],
    gateway: { endpointTemplate: fleet.endpointTemplate },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { id: created.body.id as string, codes: sites.map((s) => s.code) };
}

const siteRow = async (id: string, code: string) => {
  const { body } = await rw.http('GET', `/v1/rollouts/${id}/sites?limit=1000`);
  return body.items.find((r: { code: string }) => r.code === code);
};
const settledRow = (id: string, code: string, state: string) =>
  waitFor(async () => {
    const row = await siteRow(id, code);
    return row?.state === state && row;
  }, 60_000, `${code} to be ${state}`);

test('a config push answered 422 fails the site at once with the status and message, and its neighbours succeed', async () => {
  fleet.behave('A-001', { fail: { config_push: { status: 422, message: 'unknown tax profile' } } });
  const { id } = await rollout('A', 3);
  const row = await settledRow(id, 'A-001', 'failed');
  expect(row.step).toBe('config_push');
  expect(row.error).toContain('422');
  expect(row.error).toContain('unknown tax profile');
  expect(fleet.received('A-001', 'config_push')).toBe(1);
  await settledRow(id, 'A-002', 'succeeded');
  await settledRow(id, 'A-003', 'succeeded');
  const progress = await rw.http('GET', `/v1/rollouts/${id}/progress`);
  expect(progress.body.totals).toMatchObject({ failed: 1, succeeded: 2 });
  expect(progress.body.status).toBe('running');
});

test('a config push answered 503 twice then 200 succeeds, every attempt with the same Idempotency-Key', async () => {
  fleet.behave('B-001', { fail: { config_push: { status: 503, message: 'busy', times: 2 } } });
  const { id } = await rollout('B', 1);
  await settledRow(id, 'B-001', 'succeeded');
  const pushes = fleet.callsFor('B-001').filter((c) => c.step === 'config_push');
  expect(pushes.map((c) => c.status)).toEqual([503, 503, 200]);
  expect(new Set(pushes.map((c) => c.idempotencyKey)).size).toBe(1);
  expect(fleet.applied('B-001', 'config_push')).toBe(1);
});

test('a data load reporting another checksum fails with "data verification failed" and is not retried', async () => {
  fleet.behave('C-001', { loadChecksum: 'sha256:other' });
  const { id } = await rollout('C', 1, { uri: 's3://d', records: 10, checksum: 'sha256:expected' });
  const row = await settledRow(id, 'C-001', 'failed');
  expect(row.step).toBe('data_load');
  expect(row.error).toContain('data verification failed');
  expect(fleet.received('C-001', 'data_load')).toBe(1);
  expect(fleet.received('C-001', 'cutover')).toBe(0);
});

test('a data load that loads fewer records than the dataset fails verification', async () => {
  fleet.behave('D-001', { loadCount: 9 });
  const { id } = await rollout('D', 1);
  const row = await settledRow(id, 'D-001', 'failed');
  expect(row.error).toMatch(/data verification failed.*9.*10/);
});

test('a long data load shows its progress in the site row while it runs', async () => {
  fleet.behave('E-001', { loadPolls: 1_000_000 });
  const { id } = await rollout('E', 1, { uri: 's3://d', records: 5000 });
  const row = await waitFor(async () => {
    const r = await siteRow(id, 'E-001');
    return r?.dataLoad && r;
  }, 60_000, 'data-load progress');
  expect(row).toMatchObject({ state: 'running', step: 'data_load', dataLoad: { total: 5000 } });
  fleet.behave('E-001', { loadPolls: 0 });
  await settledRow(id, 'E-001', 'succeeded');
});

test('the rollout survives a restart of worker and API mid-rollout and applies every step exactly once', async () => {
  const hold = fleet.hold('F-003', 'cutover');
  const { id, codes } = await rollout('F', 6);
  await fleet.waitForCall((c) => c.site === 'F-003' && c.step === 'cutover', 60_000);
  await rw.restart();
  hold.release();
  await waitFor(async () => (await rw.http('GET', `/v1/rollouts/${id}/progress`)).body.status === 'completed', 120_000, 'completion');
  for (const code of codes) {
    for (const step of ['config_push', 'data_load', 'cutover'] as const) expect(fleet.applied(code, step), `${code} ${step}`).toBe(1);
  }
  const events = await rw.http('GET', `/v1/rollouts/${id}/events?limit=1000`);
  const cursors = events.body.items.map((e: { cursor: string }) => Number(e.cursor));
  expect(cursors).toEqual(cursors.map((_: number, i: number) => i + 1));
});
