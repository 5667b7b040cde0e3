/** The projection's promises: retried writes change nothing, counters follow every state, events are in order. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../db/client';
import { appendEvent, recordSiteTransition, type SiteTransition } from '../../db/projection';
import { insertRollout } from '../../db/rollouts';
import { rolloutPlan } from '../../domain/plan';
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

async function newRollout(id: string, codes: string[]) {
  const plan = rolloutPlan.parse({ name: id, release: { version: '1' }, waves: [{ name: 'all', select: { all: true } }] });
  await insertRollout(database.db, { id, plan, waves: [codes], requestHash: id, actor: null });
}
const transition = (rolloutId: string, seq: number, state: SiteTransition['state'], step: SiteTransition['step']): SiteTransition => ({
  rolloutId,
  code: 'S1',
  seq,
  state,
  step,
  attempts: 1,
  completedSteps: [],
});
const eventsOf = (id: string) => database.sql`select seq, type, data, dedupe_key from events where rollout_id = ${id} order by seq`;
const countsOf = async (id: string) =>
  Object.fromEntries((await database.sql`select state, count from wave_state_counts where rollout_id = ${id}`).map((r) => [r.state, r.count]));

test('a transition applied twice (a retried activity) is written once', async () => {
  await newRollout('r1', ['S1', 'S2']);
  expect(await recordSiteTransition(database.db, transition('r1', 1, 'running', 'config_push'))).toBe(true);
  expect(await recordSiteTransition(database.db, transition('r1', 1, 'running', 'config_push'))).toBe(false);
  expect((await eventsOf('r1')).map((e) => e.type)).toEqual(['rollout.created', 'site.state']);
  expect(await countsOf('r1')).toMatchObject({ pending: 1, running: 1 });
});

test('an older transition arriving late never moves a site backwards', async () => {
  await newRollout('r2', ['S1']);
  await recordSiteTransition(database.db, transition('r2', 2, 'succeeded', null));
  expect(await recordSiteTransition(database.db, transition('r2', 1, 'running', 'cutover'))).toBe(false);
  const [row] = await database.sql`select state, seq from site_runs where rollout_id = 'r2'`;
  expect(row).toMatchObject({ state: 'succeeded', seq: 2 });
  expect(await countsOf('r2')).toMatchObject({ pending: 0, running: 0, succeeded: 1 });
});

test('step timings record when each step started and finished', async () => {
  await newRollout('r3', ['S1']);
  await recordSiteTransition(database.db, transition('r3', 1, 'running', 'config_push'));
  await recordSiteTransition(database.db, transition('r3', 2, 'running', 'data_load'));
  await recordSiteTransition(database.db, transition('r3', 3, 'failed', 'data_load'));
  const [row] = await database.sql`select step_timings from site_runs where rollout_id = 'r3'`;
  expect(Object.keys(row!.step_timings).sort()).toEqual(['config_push', 'data_load']);
  expect(row!.step_timings.config_push.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  expect(row!.step_timings.data_load.finishedAt).toBeDefined();
});

test('an event appended twice with one dedupe key is written once and bumps the version once', async () => {
  await newRollout('r4', ['S1']);
  const append = () => database.db.transaction((tx) => appendEvent(tx, 'r4', { type: 'action.pause', dedupeKey: 'wf/run/7', data: {} }));
  expect(await append()).toBe(2);
  expect(await append()).toBeUndefined();
  expect((await eventsOf('r4')).map((e) => Number(e.seq))).toEqual([1, 2]);
  const [rollout] = await database.sql`select version from rollouts where id = 'r4'`;
  expect(Number(rollout!.version)).toBe(2);
});

test('events appended by many concurrent writers get gap-free sequence numbers', async () => {
  await newRollout('r5', ['S1']);
  await Promise.all(
    Array.from({ length: 50 }, (_, i) => database.db.transaction((tx) => appendEvent(tx, 'r5', { type: 'test', data: { i } }))),
  );
  const seqs = (await eventsOf('r5')).map((e) => Number(e.seq));
  expect(seqs).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
});
