/**
 * One Rollwave per test file: its own database and task queue on the shared servers, a real worker and the
 * API listening on a free port. Tests drive it over HTTP, like a user.
 */
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { inject } from 'vitest';
import type { Database } from '../../db/client';
import { buildApp, type AppDeps } from '../../src/api/app';
import { apiClient, type ApiClient } from '../../src/dev/api-client';
import { connectTemporal } from '../../src/temporal';
import { createWorker } from '../../src/worker';
import type { DeliveryRetry } from '../../workflows/contract';
import { createMigratedDatabase } from './database';

export const ADMIN_KEY = 'test-admin-key-0123456789';

export interface Rollwave {
  url: string;
  /** Of this Rollwave's own database, for a worker run as a separate process. */
  databaseUrl: string;
  database: Database;
  temporal: Client;
  taskQueue: string;
  readonly app: FastifyInstance;
  /** JSON over HTTP with the admin key unless `key` is given (null: no Authorization header). */
  http: ApiClient;
  /**
   * Another API process on this Rollwave's database, Temporal and task queue, with the admin key and a silent log,
   * not listening; `deps` replace any of those. The caller closes it.
   */
  anotherApp(deps?: Partial<AppDeps>): Promise<FastifyInstance>;
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  /** Stops the worker and the API, then starts both again on the same port and database. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface RollwaveOptions {
  /** Run a worker in this process; without one (false) the test runs its own, e.g. as a child process. @default true */
  worker?: boolean;
  /** How the worker retries webhook deliveries. @default 250 ms doubling to 2 s, for 2 min */
  deliveryRetry?: DeliveryRetry;
  /** Daily summaries at this interval instead of the plan's hour. */
  dailySummaryEveryMs?: number;
}

export async function startRollwave(opts: RollwaveOptions = {}): Promise<Rollwave> {
  const withWorker = opts.worker ?? true;
  const testDb = await createMigratedDatabase();
  const { database } = testDb;
  const log = pino({ level: process.env.LOG_LEVEL ?? 'error' });
  const address = inject('temporalAddress');
  const taskQueue = `test-${randomBytes(6).toString('hex')}`;
  const temporal = await connectTemporal(address, 'default');

  let worker: { worker: Worker; running: Promise<void>; close(): Promise<void> } | undefined;
  async function startWorker() {
    const w = await createWorker({
      db: database.db,
      log,
      address,
      namespace: 'default',
      taskQueue,
      publicUrl: url,
      deliveryRetry: opts.deliveryRetry ?? { initialMs: 250, maxMs: 2000, forMs: 120_000 },
      dailySummaryEveryMs: opts.dailySummaryEveryMs,
      dataLoadPollMs: 20,
    });
    const running = w.worker.run();
    worker = { worker: w.worker, running, close: () => w.connection.close() };
  }
  async function stopWorker() {
    if (!worker) return;
    const w = worker;
    worker = undefined;
    w.worker.shutdown();
    await w.running;
    await w.close();
  }
  async function startApi(port: number) {
    const app = await buildApp({
      db: database.db,
      temporal,
      taskQueue,
      adminKey: ADMIN_KEY,
      logger: log,
      memory: { databaseUrl: testDb.url, progressRollouts: 100, apiKeys: 100 },
    });
    await app.listen({ port, host: '127.0.0.1' });
    return app;
  }
  let app = await startApi(0);
  const listening = app.server.address();
  const port = typeof listening === 'object' && listening ? listening.port : 0;
  const url = `http://127.0.0.1:${port}`;
  if (withWorker) await startWorker();

  return {
    url,
    databaseUrl: testDb.url,
    database,
    temporal,
    taskQueue,
    get app() {
      return app;
    },
    startWorker,
    stopWorker,
    async restart() {
      await app.close();
      await stopWorker();
      if (withWorker) await startWorker();
      app = await startApi(port);
    },
    http: apiClient(url, ADMIN_KEY),
    anotherApp: (deps = {}) =>
      buildApp({ db: database.db, temporal, taskQueue, adminKey: ADMIN_KEY, logger: pino({ level: 'silent' }), ...deps }),
    async close() {
      await app.close();
      await stopWorker();
      await temporal.connection.close();
      await testDb.drop();
    },
  };
}

/** Polls `check` until it returns a truthy value, or fails after `timeoutMs` with the last value seen. */
export async function waitFor<T>(check: () => Promise<T | undefined | false | null>, timeoutMs = 60_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `n` stores in `region`, codes `${prefix}-001`… */
export function stores(n: number, opts: { prefix?: string; region?: string; timezone?: string; endpoint?: string } = {}) {
  const { prefix = 'ST', region = 'east', timezone = 'Asia/Shanghai' } = opts;
  return Array.from({ length: n }, (_, i) => ({
    code: `${prefix}-${String(i + 1).padStart(3, '0')}`,
    name: `Store ${i + 1}`,
    region,
    timezone,
    tags: [],
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
  }));
}
