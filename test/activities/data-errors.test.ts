/** Activities meet values Postgres refuses: they fail at once, named and counted, instead of retrying for ever. */
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createActivities } from '../../activities';
import type { Database } from '../../db/client';
import { insertRollout } from '../../db/rollouts';
import { rolloutPlan } from '../../domain/plan';
import { activityMetrics, processMetrics } from '../../src/metrics';
import { FAILURE } from '../../workflows/contract';
import { createMigratedDatabase, type MigratedDatabase } from '../support/database';

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
  const activities = createActivities({ db: database.db, metrics: activityMetrics });
  const before = Number((await dataErrors()) ?? 0);
  const write = activities.recordSiteState({
    rolloutId: 'ro_data',
    code: 'S1',
    seq: 1,
    state: 'failed',
    step: 'config_push',
    error: 'store\u0000closed',
    attempts: 1,
    completedSteps: [],
  });
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
  const activities = createActivities({ db: database.db, metrics: activityMetrics });
  const gone = activities.recordRolloutStatus({ rolloutId: 'ro_nope', status: 'running', waves: [] });
  await expect(gone).rejects.toMatchObject({ name: 'RolloutGone', message: 'rollout ro_nope does not exist' });
});
