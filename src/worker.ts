/** The Temporal worker: runs the workflows and the activities (site calls and database writes). */
import { createRequire } from 'node:module';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import type { Logger } from 'pino';
import { Client } from '@temporalio/client';
import { createActivities } from '../activities';
import { createNotifier } from '../activities/notifier';
import type { Db } from '../db/client';
import type { DeliveryRetry } from '../workflows/contract';
import { activityMetrics } from './metrics';

const require = createRequire(import.meta.url);

export interface WorkerDeps {
  db: Db;
  log: Logger;
  address: string;
  namespace: string;
  taskQueue: string;
  /** The base of readiness links sent with notifications. */
  publicUrl: string;
  /** How webhook deliveries are retried; tests shorten it. @default 5 s doubling to 1 h, for 26 h */
  deliveryRetry?: DeliveryRetry;
  /** Sends daily summaries at this interval instead of at the plan's hour: for tests. */
  dailySummaryEveryMs?: number;
  /** Passed to the data-load activity; tests shorten it. */
  dataLoadPollMs?: number;
  /** Workflow code bundled once and shared by workers in one process (tests start many). */
  workflowBundle?: { code: string };
}

let runtimeInstalled = false;

/** Routes the SDK's own logs (worker state, bundling) through pino, once per process. */
function installRuntime(log: Logger) {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const levels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'debug', WARN: 'warn', ERROR: 'error' };
  Runtime.install({
    logger: new DefaultLogger('INFO', (entry) => log[levels[entry.level]]({ ...entry.meta, sdk: true }, entry.message)),
    // The process owns shutdown (src/main.ts): the API drains first, then the worker.
    shutdownSignals: [],
    // Core's own logs (poll retries while the server is unreachable…) through pino too, not raw to stderr.
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
  });
}

export async function createWorker(deps: WorkerDeps): Promise<{ worker: Worker; connection: NativeConnection }> {
  installRuntime(deps.log);
  const connection = await NativeConnection.connect({ address: deps.address });
  const worker = await Worker.create({
    connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath: require.resolve('../workflows/index.ts') }),
    activities: createActivities({
      db: deps.db,
      metrics: activityMetrics,
      notifier: createNotifier({
        db: deps.db,
        client: new Client({ connection, namespace: deps.namespace }),
        taskQueue: deps.taskQueue,
        retry: deps.deliveryRetry,
        dailySummaryEveryMs: deps.dailySummaryEveryMs,
      }),
      publicUrl: deps.publicUrl,
      dataLoadPollMs: deps.dataLoadPollMs,
    }),
    maxConcurrentActivityTaskExecutions: 200,
    maxCachedWorkflows: 2000,
    // On shutdown, activities in flight get this long to finish; the rest are cancelled and fail retryably, so
    // Temporal hands them to another worker at once instead of after their start-to-close timeout.
    shutdownGraceTime: '5 seconds',
    // And the worker stops even when the server is unreachable and cannot be told.
    shutdownForceTime: '20 seconds',
  });
  return { worker, connection };
}
