/** Activities meet values Postgres refuses: they fail at once, named and counted, instead of retrying for ever. */
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createActivities, type ActivityDeps } from '../../activities';
import type { Notifier } from '../../activities/notifier';
import type { Database } from '../../db/client';
import { insertRollout } from '../../db/rollouts';
import { rolloutPlan } from '../../domain/plan';
import { activityMetrics, processMetrics } from '../../src/metrics';
import { FAILURE } from '../../workflows/contract';
import { createMigratedDatabase, type MigratedDatabase } from '../support/database';

/** These writes are worth no delivery (the plan names no webhook), so nothing is started. */
const notifier: Notifier = { startDeliveries: async () => {}, scheduleDailySummary: async () => {}, dropDailySummary: async () => {} };
const deps = (): ActivityDeps => ({ db: database.db, metrics: activityMetrics, notifier, publicUrl: 'http://127.0.0.1' });
/** Runs an activity with the context Temporal gives it. */
const inActivity = <T>(run: () => Promise<T>) => new MockActivityEnvironment().run(run);

let testDb: MigratedDatabase;
let database: Database;

beforeAll(async () => {
  testDb = await createMigratedDatabase();
  database = testDb.database;
  const plan = rolloutPlan.parse({ name: 'r', release: { version: '1' }, waves: [{ name: 'all', select: { all: true } }] });
  await insertRollout(database.db, { id: 'ro_data', plan, waves: [['S1']], requestHash: 'h', actor: null });
});
afterAll(async () => {
  await testDb?.drop();
});

const dataErrors = async () => (await processMetrics.getSingleMetricAsString('rollwave_activity_data_errors_total')).match(/activity="recordSiteState"} (\d+)/)?.[1];

test('a site state Postgres cannot store fails its activity as non-retryable UnstorableData, and is counted', async () => {
  const activities = createActivities(deps());
  const before = Number((await dataErrors()) ?? 0);
  const write = inActivity(() => activities.recordSiteState({
    rolloutId: 'ro_data',
    code: 'S1',
    seq: 1,
    state: 'failed',
    step: 'config_push',
    error: 'store\u0000closed',
    attempts: 1,
    completedSteps: [],
  }));
  const failure = await write.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(failure).toBeInstanceOf(ApplicationFailure);
  expect(failure).toMatchObject({ type: FAILURE.unstorableData, nonRetryable: true });
  expect((failure as Error).message).toMatch(/^the database refused a value \(SQLSTATE 22021\): invalid byte sequence/);
  expect(Number(await dataErrors())).toBe(before + 1);
});

test('other failures pass through unchanged, for their own retry rules', async () => {
  const activities = createActivities(deps());
  const gone = inActivity(() => activities.recordRolloutStatus({ rolloutId: 'ro_nope', status: 'running', waves: [] }));
  await expect(gone).rejects.toMatchObject({ name: 'RolloutGone', message: 'rollout ro_nope does not exist' });
});
