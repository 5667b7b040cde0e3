/**
 * A measured API process: Rollwave's Fastify app as `src/main.ts` builds it for ROLLWAVE_ROLE=api (pool of 20,
 * logger from src/logger.ts at LOG_LEVEL, progress and API keys kept in memory as ROLLWAVE_PROGRESS_CACHE_ROLLOUTS
 * and ROLLWAVE_API_KEY_CACHE_KEYS say), with a query-counting pool. The per-key rate limit stays
 * registered (its cost is part of every request) but with a ceiling a benchmark cannot reach.
 */
import { buildApp } from '../../src/api/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { connectTemporal } from '../../src/temporal';
import { countedConnect } from '../lib/counted-db';
import { selfUsage, serveParent } from '../lib/child';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main() {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'info');
  const database = countedConnect(env('DATABASE_URL'), { max: 20 });
  const temporal = await connectTemporal(env('TEMPORAL_ADDRESS'), 'default');
  const app = await buildApp({
    db: database.db,
    temporal,
    taskQueue: env('TEMPORAL_TASK_QUEUE'),
    adminKey: env('ROLLWAVE_ADMIN_KEY'),
    logger: log,
    rateLimit: { max: 1_000_000_000, timeWindowMs: 60_000 },
    memory: { databaseUrl: env('DATABASE_URL'), progressRollouts: config.ROLLWAVE_PROGRESS_CACHE_ROLLOUTS, apiKeys: config.ROLLWAVE_API_KEY_CACHE_KEYS },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  serveParent(
    { pid: process.pid, url: `http://127.0.0.1:${port}` },
    { queries: () => database.counts(), resetQueries: () => database.reset(), usage: selfUsage },
    async () => {
      await app.close();
      await temporal.connection.close();
      await database.close();
    },
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
