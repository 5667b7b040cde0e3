import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { planJsonSchema } from '../../../domain/plan-schema';

/** Editors fetch it without a key, like /openapi.json; it says nothing an installation keeps. */
export const schemaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/schemas/plan.json',
    {
      config: { public: true },
      schema: {
        operationId: 'getPlanSchema',
        tags: ['rollouts'],
        security: [],
        summary: 'The JSON Schema of a rollout plan, for editors; needs no key',
        response: {
          200: z
            .record(z.string(), z.unknown())
            .describe('A JSON Schema (draft-07) of the body of POST /v1/rollouts; fields with a default are optional'),
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return planJsonSchema();
    },
  );
};
