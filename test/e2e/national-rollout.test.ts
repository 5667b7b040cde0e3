/**
 * The product's story: 300 stores, a 30-store pilot region that starts at once, then the rest of the country
 * after a manager launches it. Every store is driven through the real site protocol against a local fleet.
 */
import { expect, test } from 'vitest';
import { SITE_STATES } from '../../domain/states';
import { stores, waitFor } from '../support/harness';
import { useRollwave } from '../support/scenario';

const scenario = useRollwave();

const pilot = stores(30, { prefix: 'EAST', region: 'east' });
const national = stores(270, { prefix: 'NAT', region: 'west' });

test('300 stores go through every step once, pilot first, the nation only after launch', { timeout: 360_000 }, async () => {
  expect((await scenario.rw.http('POST', '/v1/sites/import', [...pilot, ...national])).body).toEqual({ created: 300, updated: 0 });

  const created = await scenario.rw.http('POST', '/v1/rollouts', {
    name: 'POS 5.2 national rollout',
    release: { version: '5.2.0', config: { tax: 'vat-2027' }, dataset: { uri: 's3://pos/master-5.2', records: 1200, checksum: 'sha256:abc' } },
    waves: [
      { name: 'pilot', select: { regions: ['east'] }, maxParallel: 5, approval: 'auto' },
      { name: 'national', select: { all: true }, maxParallel: 50, approval: 'manual' },
    ],
    gateway: { endpointTemplate: scenario.fleet.endpointTemplate },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id: string = created.body.id;
  for (const code of [...pilot, ...national].map((s) => s.code)) scenario.fleet.behave(code, { loadChecksum: 'sha256:abc' });

  const polls: { status: string; sum: number; sites: number }[] = [];
  const poll = async () => {
    const { body } = await scenario.rw.http('GET', `/v1/rollouts/${id}/progress`);
    polls.push({ status: body.status, sum: SITE_STATES.reduce((n, s) => n + body.totals[s], 0), sites: body.totals.sites });
    return body;
  };

  const awaiting = await waitFor(async () => {
    const p = await poll();
    return p.status === 'awaiting_approval' && p;
  }, 120_000, 'the pilot to finish');
  expect(awaiting.waves[0]).toMatchObject({ name: 'pilot', status: 'completed', counts: { succeeded: 30 } });
  expect(awaiting.waves[1]).toMatchObject({ name: 'national', status: 'awaiting_approval', counts: { pending: 270 } });
  const launchedAt = Date.now();
  expect(scenario.fleet.calls.filter((c) => c.site.startsWith('NAT'))).toHaveLength(0);

  expect((await scenario.rw.http('POST', `/v1/rollouts/${id}/waves/national/launch`)).status).toBe(200);
  const done = await waitFor(async () => {
    const p = await poll();
    return p.status === 'completed' && p;
  }, 240_000, 'the rollout to complete');

  expect(done.totals).toMatchObject({ sites: 300, succeeded: 300, failed: 0, pending: 0, running: 0 });
  expect(done.percentComplete).toBe(100);
  expect(polls.every((p) => p.sum === p.sites && p.sites === 300)).toBe(true);

  for (const store of [...pilot, ...national]) {
    const calls = scenario.fleet.callsFor(store.code);
    expect(scenario.fleet.applied(store.code, 'config_push'), store.code).toBe(1);
    expect(scenario.fleet.applied(store.code, 'data_load'), store.code).toBe(1);
    expect(scenario.fleet.applied(store.code, 'cutover'), store.code).toBe(1);
    const order = calls.map((c) => c.step).filter((s) => s !== 'data_load_poll');
    expect(order, store.code).toEqual(['config_push', 'data_load', 'cutover', 'health']);
    expect(calls.every((c) => c.rolloutId === id && c.idempotencyKey)).toBe(true);
  }
  expect(scenario.fleet.calls.filter((c) => c.site.startsWith('NAT')).every((c) => c.at >= launchedAt)).toBe(true);
  expect(scenario.fleet.maxConcurrentSites(pilot.map((s) => s.code))).toBeLessThanOrEqual(5);
  expect(scenario.fleet.maxConcurrentSites(pilot.map((s) => s.code))).toBeGreaterThan(1);
  expect(scenario.fleet.maxConcurrentSites(national.map((s) => s.code))).toBeLessThanOrEqual(50);

  const rows = await scenario.rw.http('GET', `/v1/rollouts/${id}/sites?wave=pilot&limit=5`);
  expect(rows.body.items).toHaveLength(5);
  expect(rows.body.items[0]).toMatchObject({ code: 'EAST-001', wave: 'pilot', state: 'succeeded', attempts: 1, error: null });
  expect(Object.keys(rows.body.items[0].timings)).toEqual(expect.arrayContaining(['config_push', 'data_load', 'cutover']));
});
