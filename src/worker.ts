/** The Temporal worker: runs the workflows and the activities (site calls and database writes). */
import { createRequire } from 'node:module';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createActivities } from '../activities';
import type { Db } from '../db/client';

const require = createRequire(import.meta.url);

export interface WorkerDeps {
  db: Db;
  log: Logger;
  address: string;
  namespace: string;
  taskQueue: string;
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
    activities: createActivities({ db: deps.db, log: deps.log, dataLoadPollMs: deps.dataLoadPollMs }),
    maxConcurrentActivityTaskExecutions: 200,
    maxCachedWorkflows: 2000,
  });
  return { worker, connection };
}
