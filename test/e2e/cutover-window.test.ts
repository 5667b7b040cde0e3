/** Cutover waits for each site's window, in the site's own time zone, on a durable timer. */
import { DateTime } from 'luxon';
import { expect, test } from 'vitest';
import { stores, waitFor } from '../support/harness';
import { useRollwave } from '../support/scenario';

const scenario = useRollwave();

test('each site cuts over when its own window opens, and shows when that is while it waits', async () => {
  const opensAt = DateTime.now().setZone('Asia/Shanghai').plus({ minutes: 1 }).startOf('minute');
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
