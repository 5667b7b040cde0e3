/**
 * A measured worker process. `BENCH_MODE=rollwave` runs Rollwave's own worker (`createWorker`, the pool size
 * `npm start` uses) with a query-counting pool; `BENCH_MODE=floor` runs the floor's bare workflows and no-op
 * activities with the same worker limits.
 */
import { createRequire } from 'node:module';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { pino } from 'pino';
import { createWorker } from '../../src/worker';
import { floorActivities } from '../floor/activities';
import { countedConnect } from '../lib/counted-db';
import { selfUsage, serveParent } from '../lib/child';

const require = createRequire(import.meta.url);

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main() {
  const mode = env('BENCH_MODE');
  const address = env('TEMPORAL_ADDRESS');
  const taskQueue = env('TEMPORAL_TASK_QUEUE');
  const log = pino({ level: process.env.LOG_LEVEL ?? 'warn' });

  if (mode === 'rollwave') {
    // src/main.ts connects with max 20 as well.
    const database = countedConnect(env('DATABASE_URL'), { max: 20 });
    const { worker, connection } = await createWorker({ db: database.db, log, address, namespace: 'default', taskQueue, publicUrl: 'http://127.0.0.1' });
    const running = worker.run();
    running.catch((err) => {
      log.error({ err }, 'worker failed');
      process.exit(1);
    });
    serveParent(
      { mode, pid: process.pid },
      {
        queries: () => database.counts(),
        resetQueries: () => database.reset(),
        usage: selfUsage,
      },
      async () => {
        worker.shutdown();
        await running;
        await connection.close();
        await database.close();
      },
    );
    return;
  }

  if (mode === 'floor') {
    Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
    const connection = await NativeConnection.connect({ address });
    const worker = await Worker.create({
      connection,
      namespace: 'default',
      taskQueue,
      workflowsPath: require.resolve('../floor/workflows.ts'),
      activities: floorActivities,
      // The limits src/worker.ts gives Rollwave's worker.
      maxConcurrentActivityTaskExecutions: 200,
      maxCachedWorkflows: 2000,
    });
    const running = worker.run();
    running.catch((err) => {
      console.error('floor worker failed', err);
      process.exit(1);
    });
    serveParent(
      { mode, pid: process.pid },
      { queries: () => ({ total: 0, byShape: {} }), resetQueries: () => undefined, usage: selfUsage },
      async () => {
        worker.shutdown();
        await running;
        await connection.close();
      },
    );
    return;
  }
  throw new Error(`unknown BENCH_MODE ${mode}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
