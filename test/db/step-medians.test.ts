/** The installation's step durations the projected completion falls back on: medians over finished work only. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../db/client';
import { insertRollout } from '../../db/rollouts';
import { STEP_MEDIAN_ROLLOUTS, stepMedians } from '../../db/step-medians';
import { rolloutPlan } from '../../domain/plan';
import { FORWARD_STEPS } from '../../domain/states';
import { createMigratedDatabase, type MigratedDatabase } from '../support/database';

let testDb: MigratedDatabase;
let database: Database;

beforeAll(async () => {
  testDb = await createMigratedDatabase();
  database = testDb.database;
});
afterAll(async () => {
  await testDb?.drop();
});

const T0 = Date.parse('2026-01-12T00:00:00Z');
/** A step that took `seconds`; null: started, never finished. */
const timed = (seconds: number | null) => ({
  startedAt: new Date(T0).toISOString(),
  ...(seconds === null ? {} : { finishedAt: new Date(T0 + seconds * 1000).toISOString() }),
});

/** A rollout in `status` whose sites ended in the given states with the given step timings. */
async function rollout(id: string, status: string, sites: { state: string; timings: Record<string, unknown> }[], createdAt = new Date()) {
  const plan = rolloutPlan.parse({ name: id, release: { version: '1' }, waves: [{ name: 'all', select: { all: true } }] });
  const codes = sites.map((_, i) => `${id}-S${i}`);
  await insertRollout(database.db, { id, plan, waves: [codes], requestHash: id, actor: null });
  await database.sql`update rollouts set status = ${status}, created_at = ${createdAt.toISOString()}::timestamptz where id = ${id}`;
  for (const [i, s] of sites.entries()) {
    await database.sql`update site_runs set state = ${s.state}, step_timings = ${JSON.stringify(s.timings)}::jsonb where rollout_id = ${id} and site_code = ${codes[i]!}`;
  }
}

test('an installation without finished rollouts has no medians', async () => {
  expect(await stepMedians(database.db, FORWARD_STEPS)).toEqual({});
});

test('medians are over the succeeded sites of completed rollouts, each step timed from when it ran', async () => {
  await rollout('done-1', 'completed', [
    { state: 'succeeded', timings: { config_push: timed(60), data_load: timed(600), cutover: timed(300) } },
    { state: 'succeeded', timings: { config_push: timed(120), data_load: timed(1200) } },
    // A failed site's figures say nothing about how long the step takes.
    { state: 'rolled_back', timings: { config_push: timed(9999), data_load: timed(9999), cutover: timed(9999) } },
  ]);
  await rollout('done-2', 'completed', [
    { state: 'succeeded', timings: { config_push: timed(600), data_load: timed(1800), cutover: timed(500), rollback: timed(5) } },
    // Started and never finished (a cutover that waited for its window has no start of its own).
    { state: 'succeeded', timings: { config_push: timed(90), data_load: timed(null) } },
  ]);
  // Rollouts still running or aborted are not finished work.
  await rollout('running', 'running', [{ state: 'succeeded', timings: { config_push: timed(5000) } }]);
  await rollout('aborted', 'aborted', [{ state: 'succeeded', timings: { config_push: timed(5000) } }]);

  expect(await stepMedians(database.db, FORWARD_STEPS)).toEqual({
    config_push: { seconds: 105, sampleSize: 4 }, // 60, 90, 120, 600
    data_load: { seconds: 1200, sampleSize: 3 }, // 600, 1200, 1800
    cutover: { seconds: 400, sampleSize: 2 }, // 300, 500
  });
});

test(`only the latest ${STEP_MEDIAN_ROLLOUTS} completed rollouts count`, async () => {
  const old = new Date('2020-01-01T00:00:00Z');
  await rollout('ancient', 'completed', Array.from({ length: 5 }, () => ({ state: 'succeeded', timings: { training: timed(7) } })), old);
  for (let i = 0; i < STEP_MEDIAN_ROLLOUTS; i++) {
    await rollout(`recent-${i}`, 'completed', [{ state: 'succeeded', timings: { training: timed(60) } }]);
  }
  expect((await stepMedians(database.db, ['training'])).training).toEqual({ seconds: 60, sampleSize: STEP_MEDIAN_ROLLOUTS });
});
