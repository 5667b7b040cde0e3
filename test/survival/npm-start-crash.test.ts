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
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { freePort } from '../../src/dev/temporal-dev-server';
import { cursorBreaks, HAPPY_PATH, readFeed, siteHistories, unexpectedChains } from '../support/feed';
import { startFleet, type Fleet } from '../support/fleet';
import { stores, waitFor } from '../support/harness';
import { apiClient, isAlive, pidFromFile, processTable, signalAll, spawnRollwave, until, type RollwaveProcess } from '../support/processes';

const KEY = 'survival-admin-key-0123456789';
const SITES = stores(24, { prefix: 'NS', region: 'ns' });
const MAX_PARALLEL = 12;
/** Start-up on an existing data directory, orphans to clear included. */
const RESTART_BOUND_MS = 120_000;
const WAITED_FOR_READINESS = ['running/config_push', 'running/data_load', 'awaiting_readiness/training', 'running/cutover', 'succeeded'];

let dataDir: string;
let fleet: Fleet;
let port: number;
const started: RollwaveProcess[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rollwave-sigkill-'));
  [fleet, port] = await Promise.all([startFleet(), freePort()]);
});

afterAll(async () => {
  for (const p of started) if (!p.hasExited()) signalAll([...p.descendants().map((d) => d.pid), p.pid], 'SIGKILL');
  signalAll(serversOfDataDir().map((p) => p.pid), 'SIGKILL');
  await fleet?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Postgres and Temporal processes serving this test's data directory, whoever their parent is now. */
const serversOfDataDir = () =>
  processTable().filter((p) => (p.comm === 'postgres' || p.comm === 'temporal') && p.cmdline.includes(dataDir));

async function startNpm(): Promise<RollwaveProcess> {
  const p = spawnRollwave({ via: 'npm', env: { ROLLWAVE_DATA_DIR: dataDir, PORT: String(port), ROLLWAVE_ADMIN_KEY: KEY } });
  started.push(p);
  await p.waitForOutput(/"msg":"Rollwave is running"/, RESTART_BOUND_MS);
  return p;
}

test('npm start SIGKILLed mid-rollout restarts on the same data directory past orphaned servers and stale pidfiles, and the rollout completes', async () => {
  let rw = await startNpm();
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
  expect(serversOfDataDir().map((p) => p.comm)).toContain('postgres');

  rw = await startNpm();
  expect(rw.output()).toMatch(new RegExp(`"orphanPid":${postmaster},.*"msg":"stopping orphaned server left by a previous run"`));
  expect(isAlive(postmaster)).toBe(false);
  expect(serversOfDataDir().every((p) => rw.descendants().some((d) => d.pid === p.pid))).toBe(true);
  await windowFull();

  // 2. The whole process group dies at once, servers included: only stale pidfiles and data files are left.
  process.kill(-rw.pid, 'SIGKILL');
  await rw.exited;
  await until(() => serversOfDataDir().length === 0, 10_000, 'the servers to die with their group');
  expect(pidFromFile(join(dataDir, 'temporal.pid'))).toBeDefined();
  expect(pidFromFile(join(dataDir, 'postgres', 'postmaster.pid'))).toBeDefined();

  rw = await startNpm();
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

  for (const { code } of SITES) {
    for (const step of ['config_push', 'data_load', 'cutover'] as const) expect(fleet.applied(code, step), `${code} ${step}`).toBe(1);
  }
  const events = await readFeed((path) => http('GET', path), id);
  expect(cursorBreaks(events)).toEqual([]);
  const { chains, broken } = siteHistories(events);
  expect(broken).toEqual([]);
  expect(unexpectedChains(chains, SITES.map((s) => s.code), (code) => (waiting.includes(code) ? WAITED_FOR_READINESS : HAPPY_PATH))).toEqual([]);

  process.kill(rw.mainPid()!, 'SIGTERM');
  expect(await rw.exited).toEqual({ code: 0, signal: null });
});
