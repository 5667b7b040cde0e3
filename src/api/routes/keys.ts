import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { insertApiKey, revokeApiKey } from '../../../db/api-keys';
import type { Db } from '../../../db/client';
import { siteCode } from '../../../domain/plan';
import { digest, newApiKey } from '../auth';
import { notFound } from '../errors';
import type { KeyCache } from '../key-cache';
import { ROLES } from '../principal';
import { errorResponses } from '../schemas';

export const keyRoutes: FastifyPluginAsyncZod<{ db: Db; keys: KeyCache }> = async (app, { db, keys }) => {
  app.post(
    '/v1/api-keys',
    {
      config: { roles: ['admin'] },
      schema: {
        operationId: 'createApiKey',
        tags: ['keys'],
        summary: 'Create an API key; the secret is shown once',
        body: z.strictObject({
          role: z.enum(ROLES),
          name: z.string().trim().min(1).max(200).default('unnamed key'),
          sites: z.array(siteCode).max(10_000).default([]),
        }),
        response: {
          201: z
            .object({ id: z.string(), key: z.string(), name: z.string(), role: z.enum(ROLES), sites: z.array(z.string()) })
            .describe('The key, with its secret `key`: shown this once, stored only hashed'),
          ...errorResponses(400, 401, 403, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const key = newApiKey();
      const row = { id: `key_${randomBytes(8).toString('hex')}`, ...request.body, keyHash: digest(key) };
      await insertApiKey(db, row);
      return reply.status(201).send({ id: row.id, key, name: row.name, role: row.role, sites: row.sites });
    },
  );

  app.delete(
    '/v1/api-keys/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        operationId: 'revokeApiKey',
        tags: ['keys'],
        summary: 'Revoke an API key at once',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 204: z.undefined().describe('Revoked: the key stops working at once'), ...errorResponses(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      const keyHash = await revokeApiKey(db, request.params.id);
      if (keyHash === undefined) throw notFound(`API key ${request.params.id}`);
      // Other processes hear of it from the change feed; this one must not answer the key even until then.
      keys.keyChanged(keyHash);
      return reply.status(204).send();
    },
  );
};
