/** The HTTP API as a Fastify app; `src/main.ts` builds it with its dependencies and listens. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { followChanges } from '../../db/change-feed';
import type { Db } from '../../db/client';
import { getRollout } from '../../db/rollouts';
import { decorateRequests, registerAuth } from './auth';
import { frameworkErrors, registerErrorHandlers, validatorCompiler } from './errors';
import { registerHardening, type RateLimit } from './hardening';
import { KeyCache } from './key-cache';
import { ProgressCache } from './progress-cache';
import { RateLimiter } from './rate-limiter';
import { RolloutFeeds } from './rollout-feeds';
import { actionRoutes } from './routes/actions';
import { dashboardRoutes } from './routes/dashboard';
import { healthRoutes } from './routes/health';
import { keyRoutes } from './routes/keys';
import { meRoutes } from './routes/me';
import { registerMetrics } from './routes/metrics';
import { notificationRoutes } from './routes/notifications';
import { readinessLinkRoutes } from './routes/readiness-links';
import { readinessPageRoutes } from './routes/readiness-page';
import { reportRoutes } from './routes/report';
import { rolloutRoutes } from './routes/rollouts';
import { schemaRoutes } from './routes/schemas';
import { siteRoutes } from './routes/sites';
import { streamRoutes } from './routes/stream';
import { TAGS } from './schemas';

export interface AppDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  adminKey?: string;
  /** Requests per key; omitted → DEFAULT_RATE_LIMIT, `false` → none. */
  rateLimit?: RateLimit | false;
  /**
   * Failed authentications per client address, past which the address's keys are looked up no more until the
   * window ends (src/main.ts passes ROLLWAVE_AUTH_FAILURES_PER_MINUTE); omitted or `false` → not limited.
   */
  authFailureLimit?: RateLimit | false;
  /**
   * Whose `X-Forwarded-For` names the client (Fastify's `trustProxy`): nobody's (omitted, `false`), any peer's
   * (`true`), or the peers at these addresses and CIDR ranges.
   */
  trustProxy?: boolean | string[];
  logger: Logger;
  /** Readiness links: the base of their URLs (omitted → the request's host) and their default lifetime. @default 14 days */
  readinessLinks?: { publicUrl?: string; days: number };
  /**
   * Keep progress answers of up to `progressRollouts` rollouts and the principals of up to `apiKeys` keys in
   * memory, retired by the changes announced at commit and heard on a connection of its own to `databaseUrl`.
   * Omitted (or 0) → every poll reads the database, and every request looks its key up.
   */
  memory?: { databaseUrl: string; progressRollouts: number; apiKeys: number };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: 10 * 1024 * 1024,
    requestTimeout: 60_000,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { maxParamLength: 200 },
    trustProxy: deps.trustProxy ?? false,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandlers(app);
  decorateRequests(app);
  registerHardening(app, deps.rateLimit);
  const feeds = new RolloutFeeds(deps.db, { log: deps.logger });
  const progress = new ProgressCache((id) => getRollout(deps.db, id), deps.memory?.progressRollouts ?? 0);
  const keys = new KeyCache(deps.memory?.apiKeys ?? 0);
  const authFailures = deps.authFailureLimit ? new RateLimiter(deps.authFailureLimit) : undefined;
  if (deps.memory && (deps.memory.progressRollouts > 0 || deps.memory.apiKeys > 0)) {
    const listeners = { versions: deps.memory.progressRollouts > 0 ? progress : undefined, keys: deps.memory.apiKeys > 0 ? keys : undefined };
    const changes = followChanges(deps.memory.databaseUrl, listeners, deps.logger);
    app.addHook('onClose', () => changes.close());
  }
  registerMetrics(app, { db: deps.db, feeds, progress, keys, authFailures });
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Rollwave API', version: '1' },
      // Relative: every installation serves its own document, so the server is whichever host answered it.
      servers: [{ url: '/', description: 'The Rollwave that serves this document' }],
      tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // Added before swagger-ui registers its routes: an onRoute hook only sees routes added after it.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...route.config, public: true };
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true } });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  registerAuth(app, { db: deps.db, adminKey: deps.adminKey, keys, failures: authFailures });
  await app.register(healthRoutes, { db: deps.db, temporal: deps.temporal });
  await app.register(keyRoutes, { db: deps.db, keys });
  await app.register(siteRoutes, { db: deps.db });
  await app.register(schemaRoutes);
  await app.register(rolloutRoutes, { db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue, progress });
  await app.register(actionRoutes, { db: deps.db, temporal: deps.temporal });
  await app.register(streamRoutes, { db: deps.db, feeds, progress });
  await app.register(reportRoutes, { db: deps.db });
  await app.register(notificationRoutes, { db: deps.db });
  await app.register(readinessLinkRoutes, { db: deps.db, ...(deps.readinessLinks ?? { days: 14 }) });
  await app.register(readinessPageRoutes, { db: deps.db, temporal: deps.temporal });
  await app.register(meRoutes, { db: deps.db });
  await app.register(dashboardRoutes);
  return app;
}
