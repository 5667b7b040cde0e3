import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFleet } from '../../src/dev/site-fleet';
import { startRollwave, stores, waitFor, type Rollwave } from '../support/harness';
import { scrape } from './prometheus';

let rw: Rollwave;

beforeAll(async () => {
  rw = await startRollwave();
  expect((await rw.http('POST', '/v1/sites/import', stores(5))).status).toBe(200);
});
afterAll(async () => {
  await rw?.close();
});

/** The value of the sample named `name` that carries every label in `labels`. */
function sample(samples: Map<string, number>, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const [key, value] of samples) {
    const brace = key.indexOf('{');
    if ((brace < 0 ? key : key.slice(0, brace)) !== name) continue;
    if (Object.entries(labels).every(([k, v]) => key.includes(`${k}="${v}"`))) return value;
  }
  return undefined;
}

test('/metrics needs no key and speaks the Prometheus text format', async () => {
  const res = await fetch(`${rw.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  expect(text).toContain('# TYPE rollwave_rollouts gauge');
  expect(text).toContain('# TYPE rollwave_http_request_duration_seconds histogram');
  expect(text).toContain('# TYPE process_cpu_seconds_total counter');
});

test('rollouts by status and sites by state follow the rollouts', async () => {
  const created = await rw.http('POST', '/v1/rollouts', {
    name: 'metered',
    release: { version: '5.2.0', config: {}, dataset: { uri: 's3://x', records: 10 } },
    waves: [
      { name: 'first', select: { codes: ['ST-001', 'ST-002', 'ST-003'] }, maxParallel: 3 },
      { name: 'second', select: { codes: ['ST-004', 'ST-005'] }, maxParallel: 2, approval: 'manual' },
    ],
  });
  const id = created.body.id;
  await waitFor(async () => (await rw.http('GET', `/v1/rollouts/${id}/progress`)).body.status === 'awaiting_approval', 60_000, 'awaiting approval');

  let metrics = await scrape(rw.url);
  expect(sample(metrics, 'rollwave_rollouts', { status: 'awaiting_approval' })).toBe(1);
  expect(sample(metrics, 'rollwave_rollouts', { status: 'completed' })).toBe(0);
  expect(sample(metrics, 'rollwave_sites', { state: 'succeeded' })).toBe(3);
  expect(sample(metrics, 'rollwave_sites', { state: 'pending' })).toBe(2);

  await rw.http('POST', `/v1/rollouts/${id}/waves/second/launch`);
  metrics = await waitFor(async () => {
    const m = await scrape(rw.url);
    return sample(m, 'rollwave_rollouts', { status: 'completed' }) === 1 && m;
  }, 60_000, 'the rollout counted as completed');
  expect(sample(metrics, 'rollwave_rollouts', { status: 'awaiting_approval' })).toBe(0);
  // Sites of finished rollouts leave the gauge: it shows the work in flight.
  expect(sample(metrics, 'rollwave_sites', { state: 'succeeded' })).toBe(0);
});

test('request latency is recorded by route template and status, never by raw URL', async () => {
  await rw.http('GET', '/v1/rollouts/no-such-rollout/progress');
  await rw.http('GET', '/no/such/page-7f3a');
  const metrics = await scrape(rw.url);
  const count = 'rollwave_http_request_duration_seconds_count';
  expect(sample(metrics, count, { method: 'GET', route: '/v1/rollouts/:id/progress', status: '404' })).toBeGreaterThanOrEqual(1);
  expect(sample(metrics, count, { method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
  expect(sample(metrics, 'rollwave_http_request_duration_seconds_bucket', { route: '/v1/rollouts/:id/progress', le: '+Inf' })).toBeGreaterThanOrEqual(1);
  expect([...metrics.keys()].filter((k) => k.includes('no-such-rollout') || k.includes('page-7f3a'))).toEqual([]);
});

test('the activities record step durations and failures by class, which /metrics exports', async () => {
  const fleet = await startFleet();
  try {
    await rw.http('POST', '/v1/sites/import', stores(2, { prefix: 'MX', region: 'mx' }));
    fleet.behave('MX-002', { fail: { config_push: { status: 422, message: 'rejected' } } });
    const created = await rw.http('POST', '/v1/rollouts', {
      name: 'metrics',
      release: { version: '5.2.0', dataset: { uri: 's3://d', records: 10 } },
      waves: [{ name: 'all', select: { regions: ['mx'] }, maxParallel: 2 }],
      gateway: { endpointTemplate: fleet.endpointTemplate },
    });
    const id = created.body.id;
    await waitFor(async () => {
      const { body } = await rw.http('GET', `/v1/rollouts/${id}/progress`);
      return body.totals.succeeded === 1 && body.totals.failed === 1;
    }, 60_000, 'one site to succeed and one to fail');
    const metrics = await scrape(rw.url);
    for (const step of ['config_push', 'data_load', 'cutover']) {
      expect(sample(metrics, 'rollwave_step_duration_seconds_count', { step, outcome: 'succeeded' }), step).toBeGreaterThanOrEqual(1);
    }
    expect(sample(metrics, 'rollwave_step_duration_seconds_count', { step: 'config_push', outcome: 'failed' })).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, 'rollwave_activity_failures_total', { step: 'config_push', class: 'SitePermanentError' })).toBeGreaterThanOrEqual(1);
  } finally {
    await fleet.close();
  }
});
