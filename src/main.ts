/**
 * `npm start`: API and worker (ROLLWAVE_ROLE=all|api|worker). Without TEMPORAL_ADDRESS it starts a Temporal dev
 * server, without DATABASE_URL an embedded Postgres, both keeping their data under ROLLWAVE_DATA_DIR.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Worker } from '@temporalio/worker';
import type { Logger } from 'pino';
import { connect, runMigrations } from '../db/client';
import { buildApp } from './api/app';
import { loadConfig, type Config } from './config';
import { claimDataDir } from './dev/data-dir-lock';
import { startEmbeddedPostgres } from './dev/embedded-postgres';
import { startTemporalDevServer } from './dev/temporal-dev-server';
import { createLogger } from './logger';
import { connectTemporal } from './temporal';
import { createWorker } from './worker';

/**
 * Past this, shutdown gives up and exits 1: the API has had time to drain and the worker's grace and force
 * times (src/worker.ts) have run out, so whatever is left is stuck.
 */
const SHUTDOWN_DEADLINE_MS = 45_000;

async function main() {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const dataDir = resolve(config.ROLLWAVE_DATA_DIR);
  /** Run last-in first-out: API, Temporal client, worker, database pool, then the embedded servers. */
  const cleanups: (() => Promise<void>)[] = [];
  let stopping: Promise<never> | undefined;
  /** Once only, whatever asks first (SIGTERM, SIGINT, a failed start, a failed worker); exits 0 if every step succeeded. */
  const shutdown = (reason: string, err?: unknown): Promise<never> => {
    stopping ??= (async () => {
      if (err) log.error({ err, reason }, 'shutting down');
      else log.info({ signal: reason }, 'shutting down');
      setTimeout(() => {
        log.error({ ms: SHUTDOWN_DEADLINE_MS }, 'shutdown did not finish in time; exiting');
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
      let failed = err !== undefined;
      for (const cleanup of cleanups.splice(0).reverse()) {
        await cleanup().catch((stepErr) => {
          failed = true;
          log.error({ err: stepErr }, 'shutdown step failed');
        });
      }
      log.info({ exitCode: failed ? 1 : 0 }, 'stopped');
      process.exit(failed ? 1 : 0);
    })();
    return stopping;
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await start(config, log, dataDir, cleanups, shutdown);
  } catch (err) {
    // Whatever had started (an embedded server, the worker) is stopped rather than left behind.
    await shutdown('start-up failed', err);
  }
}

async function start(
  config: Config,
  log: Logger,
  dataDir: string,
  cleanups: (() => Promise<void>)[],
  shutdown: (reason: string, err?: unknown) => Promise<never>,
) {
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
    await mkdir(dataDir, { recursive: true });
    const lock = await claimDataDir(dataDir);
    // First in, so last out: released once the embedded servers have stopped.
    cleanups.push(lock.release);
  }
  const [databaseUrl, temporalAddress] = await Promise.all([
    config.DATABASE_URL ??
      startEmbeddedPostgres({ dataDir, log }).then((pg) => {
        cleanups.push(pg.stop);
        log.info({ dataDir }, 'embedded Postgres started');
        return pg.url;
      }),
    config.TEMPORAL_ADDRESS ??
      startTemporalDevServer({ dataDir, log }).then((server) => {
        cleanups.push(server.stop);
        log.info({ address: server.address }, 'Temporal dev server started');
        return server.address;
      }),
  ]);

  await runMigrations(databaseUrl);
  const database = connect(databaseUrl, { max: 20 });
  cleanups.push(database.close);

  if (config.ROLLWAVE_ROLE !== 'api') {
    const { worker, connection } = await createWorker({
      db: database.db,
      log,
      address: temporalAddress,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      publicUrl: config.ROLLWAVE_PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`,
    });
    const running = worker.run();
    // A worker that fails on its own (not by our shutdown) takes the process down, so a supervisor restarts it.
    running.catch((err) => void shutdown('worker failed', err));
    cleanups.push(async () => {
      await stopWorker(worker, running);
      await connection.close();
    });
  }

  if (config.ROLLWAVE_ROLE !== 'worker') {
    const temporal = await connectTemporal(temporalAddress, config.TEMPORAL_NAMESPACE);
    cleanups.push(() => temporal.connection.close());
    const app = await buildApp({
      db: database.db,
      temporal,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      adminKey: config.ROLLWAVE_ADMIN_KEY,
      logger: log,
      rateLimit: config.ROLLWAVE_RATE_LIMIT_PER_MINUTE > 0 && { max: config.ROLLWAVE_RATE_LIMIT_PER_MINUTE, timeWindowMs: 60_000 },
      authFailureLimit: config.ROLLWAVE_AUTH_FAILURES_PER_MINUTE > 0 && { max: config.ROLLWAVE_AUTH_FAILURES_PER_MINUTE, timeWindowMs: 60_000 },
      trustProxy: config.ROLLWAVE_TRUST_PROXY,
      readinessLinks: { publicUrl: config.ROLLWAVE_PUBLIC_URL, days: config.ROLLWAVE_READINESS_LINK_DAYS },
      memory: { databaseUrl, progressRollouts: config.ROLLWAVE_PROGRESS_CACHE_ROLLOUTS, apiKeys: config.ROLLWAVE_API_KEY_CACHE_KEYS },
    });
    await app.listen({ port: config.PORT, host: config.HOST });
    // Closing first drains in-flight requests before the dependencies go away.
    cleanups.push(() => app.close());
    if (!config.ROLLWAVE_ADMIN_KEY) log.warn('ROLLWAVE_ADMIN_KEY is not set: no key can call /v1 until one is');
  }
  log.info({ role: config.ROLLWAVE_ROLE }, 'Rollwave is running');
}

/** The worker finishes its activities in flight (or hands them back) before it stops. */
async function stopWorker(worker: Worker, running: Promise<void>) {
  worker.shutdown();
  await running;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
