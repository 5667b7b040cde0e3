/** Cutover waits for each site's window, in the site's own time zone, on a durable timer. */
import { DateTime } from 'luxon';
import { test } from 'vitest';
import { stores, waitFor } from '../support/harness';
import { useRollwave } from '../support/scenario';

const scenario = useRollwave();
// Each test waits for a minute boundary: they run side by side (their sites and rollouts are apart).
const windowTest = test.concurrent;

windowTest('each site cuts over when its own window opens, and shows when that is while it waits', { timeout: 180_000 }, async ({ expect }) => {
  // The window opens at a minute boundary far enough away for both sites to be seen waiting for it first.
  const shanghaiNow = DateTime.now().setZone('Asia/Shanghai');
  let opensAt = shanghaiNow.plus({ minutes: 1 }).startOf('minute');
  if (opensAt.diff(shanghaiNow).as('seconds') < 20) opensAt = opensAt.plus({ minutes: 1 });
  const window = { start: opensAt.toFormat('HH:mm'), end: opensAt.plus({ minutes: 5 }).toFormat('HH:mm') };
  await scenario.rw.http('POST', '/v1/sites/import', [
    ...stores(1, { prefix: 'SH', region: 'win', timezone: 'Asia/Shanghai' }),
    ...stores(1, { prefix: 'LDN', region: 'win', timezone: 'Europe/London' }),
  ]);
  const created = await scenario.rw.http('POST', '/v1/rollouts', {
    name: 'windows',
    release: { version: '5.2.0' },
    waves: [{ name: 'all', select: { regions: ['win'] }, maxParallel: 2 }],
    cutover: { window },
    gateway: { endpointTemplate: scenario.fleet.endpointTemplate },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id;
  const rows = async () => (await scenario.rw.http('GET', `/v1/rollouts/${id}/sites`)).body.items as { code: string; state: string; windowOpensAt: string | null }[];

  const waiting = await waitFor(async () => {
    const r = await rows();
    return r.every((x) => x.state === 'awaiting_window') && r;
  }, 30_000, 'both sites to wait for their windows');
  const shanghai = waiting.find((r) => r.code === 'SH-001')!;
  const london = waiting.find((r) => r.code === 'LDN-001')!;
  expect(Date.parse(shanghai.windowOpensAt!)).toBe(opensAt.toMillis());
  const londonOpens = DateTime.fromISO(london.windowOpensAt!, { zone: 'Europe/London' });
  expect(londonOpens.toFormat('HH:mm')).toBe(window.start);
  expect(londonOpens.toMillis()).toBeGreaterThan(Date.now());

  await waitFor(async () => (await rows()).find((r) => r.code === 'SH-001')?.state === 'succeeded', 120_000, 'the Shanghai cutover');
  const cutover = scenario.fleet.callsFor('SH-001').find((c) => c.step === 'cutover')!;
  expect(cutover.at).toBeGreaterThanOrEqual(opensAt.toMillis());
  expect(scenario.fleet.callsFor('LDN-001').some((c) => c.step === 'cutover')).toBe(false);
  expect((await rows()).find((r) => r.code === 'LDN-001')?.state).toBe('awaiting_window');
});

windowTest('a wave rollback undoes a cutover only inside the site\'s window: it waits while the window is closed, then runs', { timeout: 180_000 }, async ({ expect }) => {
  // The stores cut over in Shanghai, where the window is open now; moved to Bangkok (an hour behind), the
  // same local window opens at the next minute boundary at least ten seconds away.
  const bangkokNow = DateTime.now().setZone('Asia/Bangkok');
  let opensAt = bangkokNow.plus({ minutes: 1 }).startOf('minute');
  if (opensAt.diff(bangkokNow).as('seconds') < 10) opensAt = opensAt.plus({ minutes: 1 });
  const window = { start: opensAt.toFormat('HH:mm'), end: opensAt.plus({ hours: 2 }).toFormat('HH:mm') };
  const [first, second, later] = stores(3, { prefix: 'WR', region: 'wr', timezone: 'Asia/Shanghai' });
  const sites = [first!, second!];
  await scenario.rw.http('POST', '/v1/sites/import', [...sites, later]);
  const created = await scenario.rw.http('POST', '/v1/rollouts', {
    name: 'rollback inside the window',
    release: { version: '5.2.0', dataset: { uri: 's3://d', records: 10 } },
    waves: [
      { name: 'all', select: { codes: ['WR-001', 'WR-002'] }, maxParallel: 2 },
      // Keeps the rollout open: a completed rollout takes no more actions.
      { name: 'later', select: { codes: ['WR-003'] }, approval: 'manual' },
    ],
    cutover: { window },
    gateway: { endpointTemplate: scenario.fleet.endpointTemplate },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id;
  await waitFor(async () => (await scenario.rw.http('GET', `/v1/rollouts/${id}/progress`)).body.waves[0].status === 'completed', 60_000, 'the first wave');

  for (const { code, ...site } of sites) {
    expect((await scenario.rw.http('PUT', `/v1/sites/${code}`, { ...site, timezone: 'Asia/Bangkok' })).status).toBe(200);
  }
  expect((await scenario.rw.http('POST', `/v1/rollouts/${id}/waves/all/rollback`)).status).toBe(202);
  const rows = async () =>
    (await scenario.rw.http('GET', `/v1/rollouts/${id}/sites?wave=all`)).body.items as { code: string; state: string; step: string | null; windowOpensAt: string | null }[];
  const waiting = await waitFor(async () => {
    const r = await rows();
    return r.every((x) => x.state === 'awaiting_window') && r;
  }, 30_000, 'both undos to wait for the window');
  expect(waiting.map((r) => [r.step, Date.parse(r.windowOpensAt!)])).toEqual([['rollback', opensAt.toMillis()], ['rollback', opensAt.toMillis()]]);

  await waitFor(async () => (await rows()).every((x) => x.state === 'rolled_back'), 120_000, 'both sites to be rolled back');
  for (const { code } of sites) {
    const undos = scenario.fleet.callsFor(code).filter((c) => c.step.endsWith('_rollback'));
    expect(undos.map((c) => c.step)).toEqual(['cutover_rollback', 'data_load_rollback', 'config_rollback']);
    expect(undos[0]!.at).toBeGreaterThanOrEqual(opensAt.toMillis());
  }
});
