/**
 * `GET /metrics` in Prometheus text format, and the hook that times every request. The gauges read the
 * database at scrape time from small tables (see db/metrics.ts), so a scrape costs the same for ten sites as
 * for ten thousand.
 */
import type { FastifyInstance } from 'fastify';
import { Gauge, Registry } from 'prom-client';
import type { Db } from '../../../db/client';
import { countRolloutsByStatus, countSitesInFlightByState } from '../../../db/metrics';
import { ROLLOUT_STATUSES, SITE_STATES } from '../../../domain/states';
import { observeHttpRequest, processMetrics } from '../../metrics';
import { routeOf } from '../auth';
import type { KeyCache } from '../key-cache';
import type { ProgressCache } from '../progress-cache';
import type { RateLimiter } from '../rate-limiter';
import type { RolloutFeeds } from '../rollout-feeds';

export function registerMetrics(
  app: FastifyInstance,
  { db, feeds, progress, keys, authFailures }: { db: Db; feeds: RolloutFeeds; progress: ProgressCache; keys: KeyCache; authFailures?: RateLimiter },
) {
  const registry = new Registry();
  new Gauge({
    name: 'rollwave_rollouts',
    help: 'Rollouts by status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await countRolloutsByStatus(db);
      this.reset();
      for (const status of ROLLOUT_STATUSES) this.set({ status }, 0);
      for (const r of rows) this.set({ status: r.status }, r.n);
    },
  });
  new Gauge({
    name: 'rollwave_sites',
    help: 'Sites of rollouts that are not completed or aborted, by state',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const rows = await countSitesInFlightByState(db);
      this.reset();
      for (const state of SITE_STATES) this.set({ state }, 0);
      for (const r of rows) this.set({ state: r.state }, r.n);
    },
  });
  new Gauge({
    name: 'rollwave_stream_connections',
    help: 'Open event-stream connections',
    registers: [registry],
    collect() {
      this.set(feeds.stats().subscribers);
    },
  });
  new Gauge({
    name: 'rollwave_stream_pollers',
    help: 'Rollouts polled for their event streams (one poller per watched rollout)',
    registers: [registry],
    collect() {
      this.set(feeds.stats().pollers);
    },
  });

  new Gauge({
    name: 'rollwave_progress_cache_keeping',
    help: '1 while progress answers are kept in memory (the change feed is listening), else 0: every poll reads Postgres',
    registers: [registry],
    collect() {
      this.set(progress.keeping ? 1 : 0);
    },
  });
  new Gauge({
    name: 'rollwave_progress_cache_rollouts',
    help: 'Rollouts whose progress this API process keeps in memory',
    registers: [registry],
    collect() {
      this.set(progress.size);
    },
  });
  new Gauge({
    name: 'rollwave_api_key_cache_keys',
    help: 'API keys whose principal this API process keeps in memory (none while the change feed is not listening)',
    registers: [registry],
    collect() {
      this.set(keys.size);
    },
  });

  new Gauge({
    name: 'rollwave_auth_throttled_addresses',
    help: 'Client addresses this API process has refused for too many failed authentications in the current window (a minute)',
    registers: [registry],
    collect() {
      this.set(authFailures?.refusedKeys() ?? 0);
    },
  });

  app.addHook('onResponse', (request, reply, done) => {
    observeHttpRequest(request.method, routeOf(request).url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    const merged = Registry.merge([processMetrics, registry]);
    return reply.header('content-type', merged.contentType).send(await merged.metrics());
  });
}
