import type { Client } from '@temporalio/client';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { pingDatabase, type Db } from '../../../db/client';
import { publicOperation } from '../schemas';

const withDeadline = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

const checksBody = z.object({ postgres: z.boolean(), temporal: z.boolean() }).describe('Whether each dependency answered');

export const healthRoutes: FastifyPluginAsync<{ db: Db; temporal: Client }> = async (app, { db, temporal }) => {
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: {
        operationId: 'health',
        ...publicOperation,
        summary: 'Whether the process is up',
        response: { 200: z.object({ ok: z.literal(true) }).describe('Up') },
      },
    },
    async () => ({ ok: true }),
  );

  const readySchema = {
    operationId: 'ready',
    ...publicOperation,
    summary: 'Whether Postgres and Temporal both answer, each within two seconds',
    response: {
      200: z.object({ ok: z.literal(true), checks: checksBody }).describe('Ready'),
      503: z
        .object({ error: z.object({ code: z.literal('not_ready'), message: z.string(), details: z.array(checksBody) }) })
        .describe('`not_ready`: a dependency did not answer; `details` says which'),
    },
  };
  /** Ready only when both dependencies answer, each within two seconds. */
  app.get('/readyz', { config: { public: true }, schema: readySchema }, async (_request, reply) => {
    const [postgres, temporalCheck] = await Promise.allSettled([
      withDeadline(pingDatabase(db), 2000),
      // The gRPC deadline also ends the client's own retries, so a probe never outlives its answer.
      withDeadline(temporal.connection.withDeadline(Date.now() + 2000, () => temporal.connection.workflowService.getSystemInfo({})), 2000),
    ]);
    const checks = { postgres: postgres.status === 'fulfilled', temporal: temporalCheck.status === 'fulfilled' };
    const ready = checks.postgres && checks.temporal;
    return reply.status(ready ? 200 : 503).send(
      ready ? { ok: true, checks } : { error: { code: 'not_ready', message: 'a dependency is not answering', details: [checks] } },
    );
  });
};
