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

test('a small two-wave rollout completes after the manual launch', async () => {
  const imported = await rw.http('POST', '/v1/sites/import', [...stores(2, { prefix: 'P', region: 'east' }), ...stores(4, { prefix: 'N', region: 'west' })]);
  expect(imported.status).toBe(200);
  const created = await rw.http('POST', '/v1/rollouts', {
    name: 'smoke',
    release: { version: '5.2.0', config: { a: 1 }, dataset: { uri: 's3://x', records: 100 } },
    waves: [
      { name: 'pilot', select: { regions: ['east'] }, maxParallel: 2 },
      { name: 'national', select: { all: true }, maxParallel: 2, approval: 'manual' },
    ],
    gateway: { endpointTemplate: fleet.endpointTemplate },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id;
  await waitFor(async () => (await rw.http('GET', `/v1/rollouts/${id}`)).body.status === 'awaiting_approval', 60_000, 'awaiting approval');
  const launched = await rw.http('POST', `/v1/rollouts/${id}/waves/national/launch`);
  expect(launched.status, JSON.stringify(launched.body)).toBe(200);
  const done = await waitFor(async () => {
    const r = await rw.http('GET', `/v1/rollouts/${id}/progress`);
    return r.body.status === 'completed' && r.body;
  }, 60_000, 'completed');
  expect(done.totals.succeeded).toBe(6);
});
