/**
 * Webhooks: a rollout's deliveries with their attempts and last error, and the installation-wide webhooks an admin
 * sets. A webhook's secret goes in once and never comes out of any answer.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { deleteWebhook, failingWebhooks, insertWebhook, listDeliveries, listWebhooks } from '../../../db/notifications';
import { versionOf } from '../../../db/rollouts';
import { NOTIFICATION_EVENTS } from '../../../domain/notifications';
import { webhook } from '../../../domain/plan';
import { principalOf } from '../auth';
import { cursors } from '../cursor';
import { notFound } from '../errors';
import { errorResponses, limitQuery, pageOf, rolloutParams, rolloutReadErrors } from '../schemas';

const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

const deliveryBody = z.object({
  id: z.string(),
  eventId: z.string().describe('The same for every webhook told of the event, and for every attempt: deduplicate by it'),
  event: z.enum(NOTIFICATION_EVENTS),
  url: z.string(),
  status: z.enum(DELIVERY_STATUSES).describe('`pending` while it is tried (for at least a day), then `delivered` or `failed`'),
  attempts: z.number().int(),
  lastError: z.string().nullable().describe("The latest failed attempt's error; null once delivered"),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});

const failingBody = z.object({ url: z.string(), failing: z.number().int().describe('Deliveries whose latest attempt failed'), lastError: z.string() });

const webhookBody = z.object({ id: z.string(), url: z.string(), events: z.array(z.enum(NOTIFICATION_EVENTS)), createdAt: z.string() });

const iso = (at: Date | null) => at?.toISOString() ?? null;

export const notificationRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/v1/rollouts/:id/notifications',
    {
      schema: {
        operationId: 'listNotifications',
        tags: ['progress'],
        summary: "The rollout's webhook deliveries, newest first, with their attempts and last error",
        description: '`failing` lists the webhooks whose latest attempt failed, for a banner; it comes with the first page only.',
        params: rolloutParams,
        querystring: z.object({ status: z.enum(DELIVERY_STATUSES).optional(), limit: limitQuery, cursor: cursors.notifications.param.optional() }),
        response: { 200: pageOf(deliveryBody).extend({ failing: z.array(failingBody).optional() }), ...rolloutReadErrors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { status, limit, cursor } = request.query;
      if (!(await versionOf(db, id))) throw notFound(`rollout ${id}`);
      const rows = await listDeliveries(db, id, { status, before: cursor, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const next = rows.length > limit ? page[page.length - 1]!.seq : null;
      return {
        items: page.map(({ seq: _seq, ...d }) => ({
          ...d,
          event: d.event as (typeof NOTIFICATION_EVENTS)[number],
          status: d.status as (typeof DELIVERY_STATUSES)[number],
          lastAttemptAt: iso(d.lastAttemptAt),
          deliveredAt: iso(d.deliveredAt),
          createdAt: d.createdAt.toISOString(),
        })),
        nextCursor: cursors.notifications.encode(next),
        ...(cursor === undefined ? { failing: await failingWebhooks(db, id) } : {}),
      };
    },
  );

  const asAnswer = (w: { id: string; url: string; events: string[]; createdAt: Date }) => ({
    ...w,
    events: w.events as (typeof NOTIFICATION_EVENTS)[number][],
    createdAt: w.createdAt.toISOString(),
  });

  app.post(
    '/v1/webhooks',
    {
      config: { roles: ['admin'] },
      schema: {
        operationId: 'createWebhook',
        tags: ['notifications'],
        summary: 'An installation-wide webhook: it hears the events it names from every rollout',
        body: webhook,
        response: { 201: webhookBody.describe('The webhook, without its secret'), ...errorResponses(400, 401, 403, 413, 415, 429, 503) },
      },
    },
    async (request, reply) => {
      const { id, name } = principalOf(request);
      const row = await insertWebhook(db, { id: `wh_${randomBytes(8).toString('hex')}`, ...request.body, createdBy: { id, name } });
      return reply.status(201).send(asAnswer(row));
    },
  );

  app.get(
    '/v1/webhooks',
    {
      config: { roles: ['admin'] },
      schema: {
        operationId: 'listWebhooks',
        tags: ['notifications'],
        summary: 'The installation-wide webhooks, without their secrets',
        response: { 200: z.object({ items: z.array(webhookBody) }), ...errorResponses(401, 403, 429, 503) },
      },
    },
    async () => ({ items: (await listWebhooks(db)).map(asAnswer) }),
  );

  app.delete(
    '/v1/webhooks/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        operationId: 'deleteWebhook',
        tags: ['notifications'],
        summary: 'Remove an installation-wide webhook; its deliveries still pending stop',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 204: z.undefined().describe('Removed'), ...errorResponses(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      if (!(await deleteWebhook(db, request.params.id))) throw notFound(`webhook ${request.params.id}`);
      return reply.status(204).send();
    },
  );
};
