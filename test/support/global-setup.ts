// Vitest globalSetup: one Temporal dev server and one Postgres server for the
// whole run, shared by all test files (which isolate themselves with their own
// task queues/workflow ids and createTestDatabase()).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { startTemporalDevServer } from '../../src/dev/temporal-dev-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** host:port of the shared Temporal dev server (namespace "default"). */
    temporalAddress: string;
    /** Admin URL of the shared Postgres server; use createTestDatabase() for a database of your own. */
    databaseUrl: string;
  }
}

interface Running {
  endpoint: string;
  stop(): Promise<void>;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
  // Started concurrently (each takes seconds); allSettled so that when one
  // fails, the other is still stopped rather than leaked.
  const [temporal, database] = await Promise.allSettled([startTemporal(log), startPostgres(log)]);
  const teardown = async () => {
    await Promise.all([temporal, database].map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
  };
  const fail = async (reason: unknown): Promise<never> => {
    await teardown();
    throw reason;
  };
  if (temporal.status === 'rejected') return fail(temporal.reason);
  if (database.status === 'rejected') return fail(database.reason);
  project.provide('temporalAddress', temporal.value.endpoint);
  project.provide('databaseUrl', database.value.endpoint);
  return teardown;
}

async function startTemporal(log: pino.Logger): Promise<Running> {
  const server = await startTemporalDevServer({ log });
  return { endpoint: server.address, stop: server.stop };
}

async function startPostgres(log: pino.Logger): Promise<Running> {
  const external = process.env.DATABASE_URL;
  if (external) return { endpoint: external, stop: async () => {} };
  const dataDir = await mkdtemp(join(tmpdir(), 'rollwave-test-pg-'));
  const removeDir = () => rm(dataDir, { recursive: true, force: true });
  try {
    const server = await startEmbeddedPostgres({ dataDir, log });
    return { endpoint: server.url, stop: () => server.stop().finally(removeDir) };
  } catch (err) {
    await removeDir();
    throw err;
  }
}
