import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { apiKeys } from '../../../db/schema';
import { siteCode } from '../../domain/plan';
import { digest, newApiKey, ROLES } from '../auth';
import { notFound } from '../errors';
import type { KeyCache } from '../key-cache';

export const keyRoutes: FastifyPluginAsyncZod<{ db: Db; keys: KeyCache }> = async (app, { db, keys }) => {
  app.post(
    '/v1/api-keys',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: 'Create an API key; the secret is shown once',
        body: z.strictObject({
          role: z.enum(ROLES),
          name: z.string().trim().min(1).max(200).default('unnamed key'),
          sites: z.array(siteCode).max(10_000).default([]),
        }),
        response: {
          201: z.object({ id: z.string(), key: z.string(), name: z.string(), role: z.enum(ROLES), sites: z.array(z.string()) }),
        },
      },
    },
    async (request, reply) => {
      const key = newApiKey();
      const row = { id: `key_${randomBytes(8).toString('hex')}`, ...request.body, keyHash: digest(key) };
      await db.insert(apiKeys).values(row);
      return reply.status(201).send({ id: row.id, key, name: row.name, role: row.role, sites: row.sites });
    },
  );

  app.delete(
    '/v1/api-keys/:id',
    { config: { roles: ['admin'] }, schema: { summary: 'Revoke an API key at once', params: z.object({ id: z.string().min(1).max(100) }) } },
    async (request, reply) => {
      const revoked = await db
        .update(apiKeys)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiKeys.id, request.params.id), isNull(apiKeys.revokedAt)))
        .returning({ keyHash: apiKeys.keyHash });
      if (revoked.length === 0) throw notFound(`API key ${request.params.id}`);
      // Other processes hear of it from the change feed; this one must not answer the key even until then.
      keys.keyChanged(revoked[0]!.keyHash);
      return reply.status(204).send();
    },
  );
};
