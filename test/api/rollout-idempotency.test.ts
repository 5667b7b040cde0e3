import { afterAll, beforeAll, expect, test } from 'vitest';
import { startRollwave, stores, type Rollwave } from '../support/harness';

let rw: Rollwave;

beforeAll(async () => {
  rw = await startRollwave();
  await rw.http('POST', '/v1/sites/import', stores(3, { prefix: 'IK', region: 'ik' }));
});
afterAll(async () => {
  await rw?.close();
});

const plan = (name: string) => ({
  name,
  release: { version: '1.0.0' },
  waves: [{ name: 'all', select: { regions: ['ik'] }, approval: 'manual' }],
});
const count = async (table: 'rollouts' | 'site_runs') =>
  (await rw.database.sql`select count(*)::int as n from ${rw.database.sql(table)}`)[0]!.n as number;

test('the same Idempotency-Key and body return the same rollout with 200 instead of starting a second one', async () => {
  const headers = { 'idempotency-key': 'launch-2026-11-26' };
  const first = await rw.http('POST', '/v1/rollouts', plan('once'), { headers });
  const again = await rw.http('POST', '/v1/rollouts', plan('once'), { headers });
  expect(first.status).toBe(201);
  expect(again.status).toBe(200);
  expect(again.body.id).toBe(first.body.id);
});

test('ten identical creations sent at once start one rollout', async () => {
  const before = await count('rollouts');
  const headers = { 'idempotency-key': 'double-click' };
  const answers = await Promise.all(Array.from({ length: 10 }, () => rw.http('POST', '/v1/rollouts', plan('burst'), { headers })));
  expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
  expect(answers.filter((a) => a.status === 200)).toHaveLength(9);
  expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  expect(await count('rollouts')).toBe(before + 1);
});

test('an Idempotency-Key reused with another body is refused and writes nothing', async () => {
  const headers = { 'idempotency-key': 'reused' };
  expect((await rw.http('POST', '/v1/rollouts', plan('first'), { headers })).status).toBe(201);
  const [rollouts, sites] = [await count('rollouts'), await count('site_runs')];
  const reused = await rw.http('POST', '/v1/rollouts', plan('second'), { headers });
  expect(reused.status).toBe(422);
  expect(reused.body.error.code).toBe('idempotency_key_reused');
  expect([await count('rollouts'), await count('site_runs')]).toEqual([rollouts, sites]);
});
