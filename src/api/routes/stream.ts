/**
 * `GET /v1/rollouts/{id}/stream`: the events feed as Server-Sent Events. Each SSE `id` is the event's cursor,
 * so a client that reconnects with `Last-Event-ID` resumes exactly where it stopped. Connections share one
 * poller per rollout (see RolloutFeeds).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { versionOf } from '../../../db/rollouts';
import { eventCursor } from '../cursor';
import { notFound } from '../errors';
import type { ProgressCache } from '../progress-cache';
import type { RolloutFeeds } from '../rollout-feeds';
import { rolloutParams, rolloutReadErrors } from '../schemas';
import { eventOf } from './rollouts';

export interface StreamRouteDeps {
  db: Db;
  feeds: RolloutFeeds;
  /** Told of the events a stream sends, so progress is never answered older than them. */
  progress?: Pick<ProgressCache, 'observe'>;
  /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
  heartbeatMs?: number;
}

/**
 * A client that reads slower than events arrive is cut off rather than buffered without bound; it reconnects
 * with its Last-Event-ID and loses nothing.
 */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export const streamRoutes: FastifyPluginAsyncZod<StreamRouteDeps> = async (app, { db, feeds, progress, heartbeatMs = 15_000 }) => {
  app.addHook('preClose', async () => feeds.close());

  app.get(
    '/v1/rollouts/:id/stream',
    {
      schema: {
        operationId: 'streamEvents',
        tags: ['progress'],
        summary: 'Live events as text/event-stream; resumes after Last-Event-ID (or ?after=), else starts now',
        description:
          'Each message has `id` = the event cursor, `event` = its type and `data` = the item as in GET .../events. ' +
          'A comment line is sent every 15 s as a heartbeat.',
        params: rolloutParams,
        querystring: z.object({ after: eventCursor.optional() }),
        headers: z.object({ 'last-event-id': eventCursor.optional() }).loose(),
        response: {
          200: { description: 'Server-Sent Events, one per event, until the client disconnects', content: { 'text/event-stream': { schema: z.string() } } },
          ...rolloutReadErrors,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const current = await versionOf(db, id);
      if (!current) throw notFound(`rollout ${id}`);
      // The header wins: a browser reconnecting sends it on the URL that still carries the first ?after=.
      const resume = request.headers['last-event-id'] ?? request.query.after;
      const after = resume ?? current.version;

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      res.write(`retry: 2000\n: following rollout ${id} after ${after}\n\n`);

      const end = () => {
        if (!res.writableEnded) res.end();
      };
      const subscription = feeds.subscribe(id, after, {
        events(rows) {
          if (res.writableEnded || res.destroyed) return;
          const last = rows.at(-1);
          if (last) progress?.observe(id, last.seq);
          res.write(rows.map((e) => `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(eventOf(e))}\n\n`).join(''));
          if (res.writableLength > MAX_BUFFERED_BYTES) {
            // Destroyed, not ended: ending would wait for the same slow client to drain the buffer first.
            request.log.warn({ rolloutId: id }, 'event stream client too slow; cut off so it resumes from its Last-Event-ID');
            res.destroy();
          }
        },
        end(err) {
          if (err) request.log.warn({ err, rolloutId: id }, 'event stream ended by an error');
          end();
        },
      });
      const heartbeat = setInterval(() => {
        if (!res.destroyed) res.write(': heartbeat\n\n');
      }, heartbeatMs);
      const release = () => {
        clearInterval(heartbeat);
        subscription.close();
      };
      // 'close' fires both for an ended response and for a client that went away; a client that left while
      // the rollout was being looked up has closed already, and its event will not come again.
      res.once('close', release);
      if (res.closed) release();
    },
  );
};
