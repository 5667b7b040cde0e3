/**
 * `npm start` with its own embedded Postgres and Temporal dev server is SIGKILLed mid-rollout, twice: once only
 * its Node processes (as the OOM killer or `kill -9` would), which leaves Postgres running as an orphan that
 * holds the port and the data directory; once its whole process group, which leaves stale pidfiles and a
 * SQLite file cut mid-write. Each time `npm start` on the same data directory comes up in bounded time, and
 * the rollout carries on to completion with every step applied once and the events feed intact.
 *
 * The kills come while every running site waits for its readiness confirmation: no activity is in flight,
 * so the rollout does not wait out heartbeat timeouts (test/survival/worker-crash.test.ts covers those).
 */
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { apiClient } from '../../src/dev/api-client';
import { HAPPY_PATH } from '../support/feed';
import { stores, waitFor } from '../support/harness';
import { expectStepsOnceAndFeedIntact } from '../support/intact-rollout';
import { useNpmStart } from '../support/npm-start';
import { isAlive, pidFromFile, signalAll, until } from '../support/processes';

const KEY = 'survival-admin-key-0123456789';
const SITES = stores(24, { prefix: 'NS', region: 'ns' });
const MAX_PARALLEL = 12;
/** Start-up on an existing data directory, orphans to clear included. */
const RESTART_BOUND_MS = 120_000;
const WAITED_FOR_READINESS = ['running/config_push', 'running/data_load', 'awaiting_readiness/training', 'running/cutover', 'succeeded'];

const npm = useNpmStart({ key: KEY, tmpPrefix: 'rollwave-sigkill-', startTimeoutMs: RESTART_BOUND_MS });

test('npm start SIGKILLed mid-rollout restarts on the same data directory past orphaned servers and stale pidfiles, and the rollout completes', async () => {
  const { dataDir, fleet, port } = npm;
  let rw = await npm.start();
  const http = apiClient(`http://127.0.0.1:${port}`, KEY);
  expect((await http('POST', '/v1/sites/import', SITES)).status).toBe(200);
  const created = await http('POST', '/v1/rollouts', {
    name: 'npm start crashes',
    release: { version: '5.2.0', dataset: { uri: 's3://d', records: 10 } },
    waves: [{ name: 'all', select: { regions: ['ns'] }, maxParallel: MAX_PARALLEL }],
    training: { requireReadiness: true, minTrainedPercent: 90, timeoutSeconds: 86_400 },
    gateway: { endpointTemplate: fleet.endpointTemplate },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id: string = created.body.id;
  const windowFull = () =>
    waitFor(async () => (await http('GET', `/v1/rollouts/${id}/progress`)).body.totals.awaiting_readiness === MAX_PARALLEL, 120_000, 'a full window of sites awaiting readiness');
  await windowFull();

  // 1. The Node processes die; the servers they started live on as orphans.
  const postmaster = pidFromFile(join(dataDir, 'postgres', 'postmaster.pid'))!;
  const node = rw.descendants().filter((p) => p.comm !== 'postgres' && p.comm !== 'temporal').map((p) => p.pid);
  signalAll([rw.pid, ...node], 'SIGKILL');
  await rw.exited;
  await until(() => node.every((pid) => !isAlive(pid)), 10_000, 'the Node processes to die');
  expect(isAlive(postmaster)).toBe(true);
  expect(npm.servers().map((p) => p.comm)).toContain('postgres');

  rw = await npm.start();
  expect(rw.output()).toMatch(new RegExp(`"orphanPid":${postmaster},.*"msg":"stopping orphaned server left by a previous run"`));
  expect(isAlive(postmaster)).toBe(false);
  expect(npm.servers().every((p) => rw.descendants().some((d) => d.pid === p.pid))).toBe(true);
  await windowFull();

  // 2. The whole process group dies at once, servers included: only stale pidfiles and data files are left.
  process.kill(-rw.pid, 'SIGKILL');
  await rw.exited;
  await until(() => npm.servers().length === 0, 10_000, 'the servers to die with their group');
  expect(pidFromFile(join(dataDir, 'temporal.pid'))).toBeDefined();
  expect(pidFromFile(join(dataDir, 'postgres', 'postmaster.pid'))).toBeDefined();

  rw = await npm.start();
  await windowFull();

  // The rollout carries on: readiness for the sites still pending first (they pass training at once when they
  // get there), then for the sites waiting at training.
  const waiting = SITES.slice(0, MAX_PARALLEL).map((s) => s.code);
  const pending = SITES.slice(MAX_PARALLEL).map((s) => s.code);
  for (const code of [...pending, ...waiting]) {
    const confirmed = await http('POST', `/v1/rollouts/${id}/sites/${code}/readiness`, { confirmed: true, trainedStaff: 20, totalStaff: 20 });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  }
  const done = await waitFor(async () => {
    const { body } = await http('GET', `/v1/rollouts/${id}/progress`);
    return body.status === 'completed' && body;
  }, 180_000, 'the rollout to complete');
  expect(done.totals).toMatchObject({ sites: SITES.length, succeeded: SITES.length, failed: 0 });

  const readinessWaits = (code: string) => (waiting.includes(code) ? WAITED_FOR_READINESS : HAPPY_PATH);
  await expectStepsOnceAndFeedIntact(fleet, (path) => http('GET', path), id, SITES.map((s) => s.code), readinessWaits);

  process.kill(rw.mainPid()!, 'SIGTERM');
  expect(await rw.exited).toEqual({ code: 0, signal: null });
});
