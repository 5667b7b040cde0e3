/**
 * What a manager sees of a plan before starting it: its JSON Schema for the editor, and the preview's projected
 * completion, each figure naming its source.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NOTIFICATION_EVENTS } from '../../domain/notifications';
import { startRollwave, waitFor, type Rollwave } from '../support/harness';
import { detailPaths, expectErrorBody, rowCounts, site } from './api-support';

let rw: Rollwave;

beforeAll(async () => {
  rw = await startRollwave();
  const sites = [
    ...['ST-001', 'ST-002', 'ST-003'].map((code) => site(code, { region: 'done' })),
    ...['LN-001', 'LN-002'].map((code) => site(code, { region: 'london', timezone: 'Europe/London' })),
    ...['NY-001', 'NY-002'].map((code) => site(code, { region: 'new-york', timezone: 'America/New_York' })),
  ];
  const imported = await rw.http('POST', '/v1/sites/import', sites);
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
});
afterAll(async () => {
  await rw?.close();
});

const examplePlan = {
  name: 'POS 5.2 national rollout',
  release: { version: '5.2.0', config: { tax: 'vat-2027' }, dataset: { uri: 's3://pos/master-5.2', records: 120000 } },
  waves: [
    { name: 'pilot', select: { regions: ['london'] }, maxParallel: 5, failureThreshold: { maxFailedPercent: 20 } },
    { name: 'national', select: { all: true }, maxParallel: 50, approval: 'manual', bakeSeconds: 3600 },
  ],
  training: { requireReadiness: true, minTrainedPercent: 90 },
  cutover: { window: { start: '01:00', end: '05:00' } },
  notifications: [{ url: 'https://hooks.example.com/rollwave', events: ['site.failed'], secret: 'a secret of 16 chars' }],
  estimates: { data_load: '40m', cutover: '15m' },
};

describe('GET /v1/schemas/plan.json', () => {
  let schema: any;
  beforeAll(async () => {
    const res = await rw.http('GET', '/v1/schemas/plan.json', undefined, { key: null });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    schema = res.body;
  });

  test('answers without a key, with the fields a plan must and may have', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.type).toBe('object');
    expect(schema.required.sort()).toEqual(['name', 'release', 'waves']);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['name', 'release', 'waves', 'training', 'cutover', 'gateway', 'notifications', 'dailySummary', 'estimates', '$schema']),
    );
    // Fields with a default are optional: the schema is of what a plan may say, not of the plan as stored.
    expect(schema.properties.waves.items.required.sort()).toEqual(['name', 'select']);
    expect(schema.properties.waves.items.properties.approval.enum).toEqual(['auto', 'manual']);
    expect(schema.properties.notifications.items.properties.events.items.enum).toEqual([...NOTIFICATION_EVENTS]);
    expect(Object.keys(schema.properties.estimates.properties)).toEqual(['config_push', 'data_load', 'training', 'cutover']);
    expect(schema.properties.estimates.properties.data_load.pattern).toEqual(expect.any(String));
  });

  /** Fastify's own validator (Ajv) as an editor would apply the schema: nothing coerced, removed or filled in. */
  async function validates(plan: unknown): Promise<boolean> {
    const app = Fastify({ ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, strict: false } } });
    app.post('/', { schema: { body: schema } }, async () => ({ ok: true }));
    try {
      const res = await app.inject({ method: 'POST', url: '/', payload: plan as object });
      return res.statusCode === 200;
    } finally {
      await app.close();
    }
  }

  test('a JSON Schema validator accepts a real plan, and one that names the schema', async () => {
    expect(await validates(examplePlan)).toBe(true);
    expect(await validates({ $schema: 'https://rollwave.example.com/v1/schemas/plan.json', name: 'x', release: { version: '1' }, waves: [{ name: 'all', select: { all: true } }] })).toBe(true);
  });

  test.each([
    ['an unknown field', { ...examplePlan, priority: 'high' }],
    ['a wave without select', { ...examplePlan, waves: [{ name: 'pilot' }] }],
    ['an unknown notification event', { ...examplePlan, notifications: [{ url: 'https://h.example.com', events: ['site.exploded'], secret: 'a secret of 16 chars' }] }],
    ['a duration without a unit', { ...examplePlan, estimates: { data_load: '40' } }],
    ['a window at 25:00', { ...examplePlan, cutover: { window: { start: '25:00', end: '05:00' } } }],
    ['maxParallel 0', { ...examplePlan, waves: [{ name: 'pilot', select: { all: true }, maxParallel: 0 }] }],
  ])('a JSON Schema validator refuses a plan with %s', async (_what, plan) => {
    expect(await validates(plan)).toBe(false);
  });

  test('the API accepts a plan that names its schema', async () => {
    const res = await rw.http('POST', '/v1/rollouts/preview', { ...examplePlan, $schema: `${rw.url}/v1/schemas/plan.json` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
});

describe('POST /v1/rollouts/preview answers the projected completion', () => {
  beforeAll(async () => {
    // A finished rollout of three sites gives this installation a history of each step it timed.
    const created = await rw.http('POST', '/v1/rollouts', {
      name: 'history',
      release: { version: '5.1.0' },
      waves: [{ name: 'all', select: { regions: ['done'] } }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await waitFor(async () => (await rw.http('GET', `/v1/rollouts/${created.body.id}`)).body.status === 'completed', 60_000, 'the rollout to complete');
  });

  test('each figure names its source: the plan, the installation history, or a default', async () => {
    const before = await rowCounts(rw);
    const res = await rw.http('POST', '/v1/rollouts/preview', {
      ...examplePlan,
      waves: [
        { name: 'pilot', select: { regions: ['london'] }, maxParallel: 1, bakeSeconds: 3600 },
        { name: 'national', select: { regions: ['new-york'] }, approval: 'manual' },
      ],
      training: { requireReadiness: true },
      estimates: { data_load: '40m' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // The answer it always gave is unchanged.
    expect(res.body.sites).toBe(4);
    expect(res.body.waves).toEqual([
      { name: 'pilot', sites: ['LN-001', 'LN-002'] },
      { name: 'national', sites: ['NY-001', 'NY-002'] },
    ]);
    const { projection } = res.body;
    expect(projection.durations).toEqual({
      config_push: { seconds: expect.any(Number), source: 'history', sampleSize: 3 },
      data_load: { seconds: 2400, source: 'plan' },
      training: { seconds: 0, source: 'default' },
      cutover: { seconds: expect.any(Number), source: 'history', sampleSize: 3 },
    });
    expect(projection.waves.map((w: any) => [w.name, w.sites, w.nights])).toEqual([
      ['pilot', 2, expect.any(Number)],
      ['national', 2, expect.any(Number)],
    ]);
    const { startsAt, completion } = projection;
    expect(Math.abs(Date.parse(startsAt) - Date.now())).toBeLessThan(60_000);
    expect(Date.parse(projection.waves[0].start)).toBe(Date.parse(startsAt));
    // The national wave starts an hour (the pilot's bake) after the pilot ends, and ends with the rollout.
    expect(Date.parse(projection.waves[1].start) - Date.parse(projection.waves[0].end)).toBe(3600_000);
    expect(projection.waves[1].end).toBe(completion);
    expect(projection.notes).toEqual(
      expect.arrayContaining(['manual approvals counted as instant', 'readiness confirmations are not simulated: training counted as 0s (give estimates.training to count it)']),
    );
    expect(await rowCounts(rw)).toEqual(before);
  });

  test('a plan with every estimate takes nothing from history', async () => {
    const res = await rw.http('POST', '/v1/rollouts/preview', {
      ...examplePlan,
      estimates: { config_push: '90s', data_load: '1h30m', training: '0s', cutover: '5m' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Object.values(res.body.projection.durations)).toEqual([
      { seconds: 90, source: 'plan' },
      { seconds: 5400, source: 'plan' },
      { seconds: 0, source: 'plan' },
      { seconds: 300, source: 'plan' },
    ]);
  });

  test.each([
    ['POST', '/v1/rollouts/preview'],
    ['POST', '/v1/rollouts'],
  ] as const)('%s %s refuses a bad estimate naming the field, and writes nothing', async (method, path) => {
    const before = await rowCounts(rw);
    const res = await rw.http(method, path, { ...examplePlan, estimates: { config_push: '5m', data_load: '40 minutes', cutover: '1.5h' } });
    expect(res.status).toBe(400);
    expectErrorBody(res.body, 'invalid_request');
    expect(detailPaths(res.body).sort()).toEqual(['estimates.cutover', 'estimates.data_load']);
    expect(await rowCounts(rw)).toEqual(before);
  });

  test('an unknown step in estimates is refused naming it', async () => {
    const res = await rw.http('POST', '/v1/rollouts/preview', { ...examplePlan, estimates: { rollback: '5m' } });
    expect(res.status).toBe(400);
    expect(detailPaths(res.body)).toEqual(['estimates.rollback']);
  });
});
