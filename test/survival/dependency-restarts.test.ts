/**
 * Postgres and the Temporal server each restart in the middle of a rollout. While one is down the API says so
 * at once (503 with a code naming it, never a hang), and once it is back the rollout carries on: every site
 * succeeds, every step reaches the fleet once, and the events feed has no gap and no repeat.
 *
 * Both servers are this file's own (an embedded Postgres and a Temporal dev server with a persistent SQLite
 * file, each on a fixed port), so the test can stop and start them; the API and the worker run in-process.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { connect, runMigrations, type Database } from '../../db/client';
import { buildApp } from '../../src/api/app';
import { apiClient } from '../../src/dev/api-client';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../../src/dev/embedded-postgres';
import { freePort } from '../../src/dev/processes';
import { startFleet, type Fleet } from '../../src/dev/site-fleet';
import { startTemporalDevServer, type TemporalDevServer } from '../../src/dev/temporal-dev-server';
import { connectTemporal } from '../../src/temporal';
import { createWorker } from '../../src/worker';
import { ADMIN_KEY, stores, waitFor } from '../support/harness';
import { expectStepsOnceAndFeedIntact } from '../support/intact-rollout';

const log = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
const SITES = stores(200, { prefix: 'DR', region: 'dr' });
/** Stretches the rollout over tens of seconds, so both restarts land while sites are mid-step. */
const CALL_DELAY_MS = 100;
/** A dependency that is down is reported at once, not after client retries. */
const FAST_503_MS = 5_000;
/** The Temporal client retries an unreachable server for ~20 s before it gives up; the API answers then. */
const TEMPORAL_503_MS = 30_000;

let pgDir: string;
let temporalDir: string;
let temporalPort: number;
let pg: EmbeddedPostgresServer | undefined;
let temporal: TemporalDevServer | undefined;
let database: Database;
let client: Client;
let worker: { worker: Worker; connection: NativeConnection; running: Promise<void> };
let workerFailure: unknown;
let app: FastifyInstance;
let fleet: Fleet;
let http: ReturnType<typeof apiClient>;

beforeAll(async () => {
  [pgDir, temporalDir, temporalPort, fleet] = await Promise.all([
    mkdtemp(join(tmpdir(), 'rollwave-restart-pg-')),
    mkdtemp(join(tmpdir(), 'rollwave-restart-temporal-')),
    freePort(),
    startFleet(),
  ]);
  [pg, temporal] = await Promise.all([
    startEmbeddedPostgres({ dataDir: pgDir, log }),
    startTemporalDevServer({ dataDir: temporalDir, port: temporalPort, log }),
  ]);
  await runMigrations(pg.url);
  database = connect(pg.url);
  client = await connectTemporal(temporal.address, 'default');
  const taskQueue = `restarts-${randomBytes(4).toString('hex')}`;
  const created = await createWorker({ db: database.db, log, address: temporal.address, namespace: 'default', taskQueue, publicUrl: 'http://127.0.0.1', dataLoadPollMs: 20 });
  worker = { ...created, running: created.worker.run() };
  worker.running.catch((err) => (workerFailure = err));
  app = await buildApp({
    db: database.db,
    temporal: client,
    taskQueue,
    adminKey: ADMIN_KEY,
    logger: log,
    memory: { databaseUrl: pg.url, progressRollouts: 10, apiKeys: 10 },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  http = apiClient(`http://127.0.0.1:${port}`, ADMIN_KEY);
});

afterAll(async () => {
  await app?.close();
  if (worker) {
    worker.worker.shutdown();
    await worker.running.catch(() => {});
    await worker.connection.close();
  }
  await client?.connection.close();
  await database?.close();
  await Promise.all([temporal?.stop(), pg?.stop(), fleet?.close()]);
  await Promise.all([rm(pgDir, { recursive: true, force: true }), rm(temporalDir, { recursive: true, force: true })]);
});

const progress = async (id: string) => (await http('GET', `/v1/rollouts/${id}/progress`)).body;
const succeededAtLeast = (id: string, n: number) =>
  waitFor(async () => (await progress(id)).totals.succeeded >= n, 120_000, `${n} sites to succeed`);

test('the rollout completes across a Postgres restart and a Temporal restart, with 503s that name the missing dependency meanwhile', async () => {
  expect((await http('POST', '/v1/sites/import', SITES)).status).toBe(200);
  for (const { code } of SITES) fleet.behave(code, { delayMs: { config_push: CALL_DELAY_MS, data_load: CALL_DELAY_MS, cutover: CALL_DELAY_MS } });
  // The last site waits at cutover until both restarts are over, so the rollout cannot finish before them.
  const last = SITES.at(-1)!.code;
  const held = fleet.hold(last, 'cutover');
  const created = await http('POST', '/v1/rollouts', {
    name: 'dependency restarts',
    release: { version: '5.2.0', dataset: { uri: 's3://d', records: 10 } },
    waves: [{ name: 'all', select: { regions: ['dr'] }, maxParallel: 10 }],
    gateway: { endpointTemplate: fleet.endpointTemplate },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id: string = created.body.id;

  // Postgres goes away with sites mid-step.
  await succeededAtLeast(id, 40);
  const pgUrl = pg!.url;
  await pg!.stop();
  pg = undefined;
  const progressDown = await http('GET', `/v1/rollouts/${id}/progress`);
  expect(progressDown.status).toBe(503);
  expect(progressDown.body.error).toMatchObject({ code: 'database_unavailable', message: expect.stringContaining('database') });
  expect(progressDown.ms).toBeLessThan(FAST_503_MS);
  const notReady = await http('GET', '/readyz');
  expect(notReady).toMatchObject({ status: 503, body: { error: { code: 'not_ready', details: [{ postgres: false, temporal: true }] } } });
  expect(notReady.ms).toBeLessThan(FAST_503_MS);
  expect((await http('GET', '/healthz')).status).toBe(200);

  pg = await startEmbeddedPostgres({ dataDir: pgDir, log });
  expect(pg.url).toBe(pgUrl);
  await waitFor(async () => (await http('GET', '/readyz')).status === 200, 60_000, 'ready again after Postgres');
  const afterPg = (await progress(id)).totals.succeeded;

  // Then the Temporal server, once the rollout has moved on.
  await succeededAtLeast(id, afterPg + 40);
  await temporal!.stop();
  temporal = undefined;
  const readyzDown = await http('GET', '/readyz');
  expect(readyzDown).toMatchObject({ status: 503, body: { error: { code: 'not_ready', details: [{ postgres: true, temporal: false }] } } });
  expect(readyzDown.ms).toBeLessThan(FAST_503_MS);
  const pauseDown = await http('POST', `/v1/rollouts/${id}/pause`);
  expect(pauseDown.status).toBe(503);
  expect(pauseDown.body.error).toMatchObject({ code: 'temporal_unavailable', message: expect.stringContaining('orchestration') });
  expect(pauseDown.ms).toBeLessThan(TEMPORAL_503_MS);
  // Reads come from Postgres and go on.
  expect((await http('GET', `/v1/rollouts/${id}/progress`)).status).toBe(200);

  temporal = await startTemporalDevServer({ dataDir: temporalDir, port: temporalPort, log });
  await waitFor(async () => (await http('GET', '/readyz')).status === 200, 60_000, 'ready again after Temporal');
  // Writes work again: the pause that failed while Temporal was down now goes through, and so does the resume.
  expect(await http('POST', `/v1/rollouts/${id}/pause`)).toMatchObject({ status: 200, body: { status: 'paused' } });
  expect(await http('POST', `/v1/rollouts/${id}/resume`)).toMatchObject({ status: 200, body: { status: 'running' } });

  held.release();
  const done = await waitFor(async () => {
    const p = await progress(id);
    return p.status === 'completed' && p;
  }, 300_000, 'the rollout to complete');
  expect(done.totals).toMatchObject({ sites: SITES.length, succeeded: SITES.length, failed: 0 });
  expect(workerFailure).toBeUndefined();

  const events = await expectStepsOnceAndFeedIntact(fleet, (path) => http('GET', path), id, SITES.map((s) => s.code));
  expect(events.filter((e) => e.type === 'action.pause' || e.type === 'action.resume').map((e) => e.type)).toEqual(['action.pause', 'action.resume']);
});
