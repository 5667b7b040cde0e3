/** The HTTP API as a Fastify app; `src/server.ts` only listens. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Db } from '../../db/client';
import { registerAuth } from './auth';
import { registerErrorHandlers } from './errors';
import { actionRoutes } from './routes/actions';
import { healthRoutes } from './routes/health';
import { keyRoutes } from './routes/keys';
import { rolloutRoutes } from './routes/rollouts';
import { siteRoutes } from './routes/sites';

export interface AppDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  adminKey?: string;
  logger: Logger;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: 10 * 1024 * 1024,
    requestTimeout: 60_000,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandlers(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Rollwave API', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true } });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...route.config, public: true };
  });

  registerAuth(app, deps.db, deps.adminKey);
  await app.register(healthRoutes, { db: deps.db, temporal: deps.temporal });
  await app.register(keyRoutes, { db: deps.db });
  await app.register(siteRoutes, { db: deps.db });
  await app.register(rolloutRoutes, { db: deps.db, temporal: deps.temporal, taskQueue: deps.taskQueue });
  await app.register(actionRoutes, { db: deps.db, temporal: deps.temporal });
  return app;
}
