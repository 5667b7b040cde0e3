/**
 * `npm start`: API and worker (ROLLWAVE_ROLE=all|api|worker). Without TEMPORAL_ADDRESS it starts a Temporal dev
 * server, without DATABASE_URL an embedded Postgres, both keeping their data under ROLLWAVE_DATA_DIR.
 */
import { resolve } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { connect, runMigrations } from '../db/client';
import { buildApp } from './api/app';
import { loadConfig } from './config';
import { startEmbeddedPostgres } from './dev/embedded-postgres';
import { startTemporalDevServer } from './dev/temporal-dev-server';
import { createLogger } from './logger';
import { connectTemporal } from './temporal';
import { createWorker } from './worker';

async function main() {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const dataDir = resolve(config.ROLLWAVE_DATA_DIR);
  const cleanups: (() => Promise<void>)[] = [];
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((err) => log.error({ err }, 'shutdown step failed'));
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

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
    });
    const running = worker.run();
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
