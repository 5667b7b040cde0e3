/**
 * The worker process is SIGKILLed three times in the middle of a 300-site rollout, each time while a site's call
 * of a different step (config push, data load, cutover) is in flight, and started again. The rollout completes,
 * every step of every site took effect at the fleet exactly once (one Idempotency-Key each, however often it
 * was sent), and the events feed has no gap, no repeat and every site's transitions in order.
 *
 * The worker runs as `tsx src/main.ts` with ROLLWAVE_ROLE=worker, as in production; the API runs in this
 * process. Nothing reports the killed worker's activities as failed: Temporal retries them once their heartbeat
 * timeout has passed (workflows/retry-profiles.ts), 10 s for a site call and a minute for a data load.
 */
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { startFleet, type Call, type Fleet, type Step } from '../../src/dev/site-fleet';
import { siteWorkflowId } from '../../workflows/contract';
import { startRollwave, stores, waitFor, type Rollwave } from '../support/harness';
import { expectStepsOnceAndFeedIntact } from '../support/intact-rollout';
import { spawnRollwave, type RollwaveProcess } from '../support/processes';

const SITES = stores(300, { prefix: 'WK', region: 'wk' });
const MAX_PARALLEL = 30;

let rw: Rollwave;
let fleet: Fleet;
let worker: RollwaveProcess | undefined;

beforeAll(async () => {
  [rw, fleet] = await Promise.all([startRollwave({ worker: false }), startFleet()]);
});

afterAll(async () => {
  if (worker) await kill(worker);
  await rw?.close();
  await fleet?.close();
});

async function startWorker(): Promise<RollwaveProcess> {
  const p = spawnRollwave({
    via: 'tsx',
    env: { ROLLWAVE_ROLE: 'worker', DATABASE_URL: rw.databaseUrl, TEMPORAL_ADDRESS: inject('temporalAddress'), TEMPORAL_TASK_QUEUE: rw.taskQueue },
  });
  await p.waitForOutput(/"msg":"Rollwave is running"/, 120_000);
  return p;
}

/** SIGKILL to the worker's process group: tsx, the Node process under it, everything it spawned. */
async function kill(p: RollwaveProcess): Promise<void> {
  if (p.hasExited()) return;
  process.kill(-p.pid, 'SIGKILL');
  expect(await p.exited).toEqual({ code: null, signal: 'SIGKILL' });
}

/**
 * Holds `site`'s `step` at the fleet, waits for the worker to call it, kills the worker with the call in flight,
 * lets the site finish applying the orphaned call, and starts a new worker.
 */
async function crashDuring(site: string, step: Step): Promise<Call> {
  const hold = fleet.hold(site, step);
  const call = await fleet.waitForCall((c) => c.site === site && c.step === step, 240_000);
  await kill(worker!);
  expect(call.status).toBeUndefined(); // still in flight when the worker died
  hold.release();
  await waitFor(async () => call.status !== undefined, 10_000, `${site} ${step} to be applied`);
  worker = await startWorker();
  return call;
}

const ACTIVITY_OF: Partial<Record<Step, string>> = { config_push: 'pushConfig', data_load: 'loadData', cutover: 'cutover' };

/** The Started event of the site's `activityType` activity (written for its last attempt only). */
async function lastAttempt(workflowId: string, activityType: string | undefined) {
  const events = (await rw.temporal.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activityType)!;
  const started = events.find((e) => e.activityTaskStartedEventAttributes && Number(e.activityTaskStartedEventAttributes.scheduledEventId) === Number(scheduled.eventId))!;
  return started.activityTaskStartedEventAttributes!;
}

test('a 300-site rollout survives three worker SIGKILLs at different steps: each step applied once, no event lost or repeated', async () => {
  worker = await startWorker();
  expect((await rw.http('POST', '/v1/sites/import', SITES)).status).toBe(200);
  const created = await rw.http('POST', '/v1/rollouts', {
    name: 'worker crashes',
    release: { version: '5.2.0', dataset: { uri: 's3://d', records: 10 } },
    waves: [{ name: 'all', select: { regions: ['wk'] }, maxParallel: MAX_PARALLEL }],
    gateway: { endpointTemplate: fleet.endpointTemplate },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id: string = created.body.id;

  const crashes = [
    await crashDuring('WK-045', 'config_push'),
    await crashDuring('WK-140', 'data_load'),
    await crashDuring('WK-230', 'cutover'),
  ];

  const done = await waitFor(async () => {
    const { body } = await rw.http('GET', `/v1/rollouts/${id}/progress`);
    return body.status === 'completed' && body;
  }, 600_000, 'the rollout to complete');
  expect(done.totals).toMatchObject({ sites: 300, succeeded: 300, failed: 0 });

  // The calls cut off by the kills were sent again after the restart, under the same key, and took effect once;
  // Temporal retried each once the killed attempt had timed out.
  for (const crash of crashes) {
    const again = fleet.callsFor(crash.site).filter((c) => c.step === crash.step);
    expect(again.length, `${crash.site} ${crash.step}`).toBeGreaterThanOrEqual(2);
    expect(new Set(again.map((c) => c.idempotencyKey)), `${crash.site} ${crash.step}`).toEqual(new Set([crash.idempotencyKey]));
    const started = await lastAttempt(siteWorkflowId(id, crash.site), ACTIVITY_OF[crash.step]);
    expect(started.attempt, `${crash.site} ${crash.step}`).toBeGreaterThanOrEqual(2);
    expect(started.lastFailure?.timeoutFailureInfo, `${crash.site} ${crash.step}`).toBeTruthy();
  }
  expect(fleet.maxConcurrentSites()).toBeLessThanOrEqual(MAX_PARALLEL);
  const events = await expectStepsOnceAndFeedIntact(fleet, (path) => rw.http('GET', path), id, SITES.map((s) => s.code));
  expect(events.filter((e) => e.type === 'rollout.status' && e.data.status === 'completed')).toHaveLength(1);
});
