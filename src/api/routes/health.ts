import type { Client } from '@temporalio/client';
import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';

const withDeadline = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

export const healthRoutes: FastifyPluginAsync<{ db: Db; temporal: Client }> = async (app, { db, temporal }) => {
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ ok: true }));

  /** Ready only when both dependencies answer, each within two seconds. */
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    const [postgres, temporalCheck] = await Promise.allSettled([
      withDeadline(db.execute(sql`select 1`), 2000),
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
