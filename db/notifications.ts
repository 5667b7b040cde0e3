/**
 * Webhook deliveries: written beside the change they tell of, then tried by Temporal until the receiver takes them.
 * Installation-wide webhooks are kept here too; a plan's webhooks live in its plan.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { NotificationEvent } from '../domain/notifications';
import type { RolloutPlan, Webhook } from '../domain/plan';
import type { Db, Executor } from './client';
import { notifications, rollouts, webhooks } from './schema';

export interface Notice {
  /** The same for every webhook and every retry: receivers deduplicate by it. */
  eventId: string;
  event: NotificationEvent;
  site?: string;
  wave?: string;
  /** Computed only when some webhook wants the event (it may make a readiness link). */
  data?: Record<string, unknown> | (() => Promise<Record<string, unknown>>);
}

const deliveryId = (eventId: string, target: string) => `nt_${createHash('sha256').update(`${eventId}\n${target}`).digest('base64url').slice(0, 22)}`;

/**
 * Writes one delivery per webhook (the plan's and the installation's) that wants each notice; a notice written
 * before (a retried write) is not written again. Returns how many deliveries there are for these notices.
 */
export async function queueNotices(tx: Executor, rolloutId: string, sourceKey: string, notices: Notice[]): Promise<number> {
  if (notices.length === 0) return 0;
  const [rollout] = await tx.select({ name: rollouts.name, plan: rollouts.plan }).from(rollouts).where(eq(rollouts.id, rolloutId));
  if (!rollout) return 0;
  const targets: { target: string; url: string; events: readonly string[] }[] = [
    ...((rollout.plan as RolloutPlan).notifications ?? []).map((w: Webhook, i) => ({ target: `plan:${i}`, url: w.url, events: w.events })),
    ...(await tx.select({ id: webhooks.id, url: webhooks.url, events: webhooks.events }).from(webhooks)).map((w) => ({ target: `webhook:${w.id}`, url: w.url, events: w.events })),
  ];
  const occurredAt = new Date().toISOString();
  const rows = [];
  for (const n of notices) {
    const wanting = targets.filter((t) => t.events.includes(n.event));
    if (wanting.length === 0) continue;
    const data = typeof n.data === 'function' ? await n.data() : n.data;
    rows.push(
      ...wanting.map((t) => ({
        id: deliveryId(n.eventId, t.target),
        eventId: n.eventId,
        rolloutId,
        event: n.event,
        target: t.target,
        url: t.url,
        sourceKey,
        payload: {
          id: n.eventId,
          type: n.event,
          occurredAt,
          rollout: { id: rolloutId, name: rollout.name },
          ...(n.site ? { site: n.site } : {}),
          ...(n.wave ? { wave: n.wave } : {}),
          ...(data ? { data } : {}),
        },
      })),
    );
  }
  if (rows.length > 0) await tx.insert(notifications).values(rows).onConflictDoNothing();
  return rows.length;
}

/** Deliveries written by one activity execution that are not settled yet, to start their workflows. */
export async function pendingDeliveriesOf(db: Db, sourceKey: string): Promise<string[]> {
  const rows = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.sourceKey, sourceKey), eq(notifications.status, 'pending')));
  return rows.map((r) => r.id);
}

/** A delivery with its webhook's secret; undefined when it, or its webhook, is gone. */
export async function loadDelivery(db: Db, id: string) {
  const [row] = await db
    .select({ id: notifications.id, url: notifications.url, target: notifications.target, payload: notifications.payload, status: notifications.status, plan: rollouts.plan })
    .from(notifications)
    .innerJoin(rollouts, eq(rollouts.id, notifications.rolloutId))
    .where(eq(notifications.id, id));
  if (!row) return undefined;
  const { plan, ...delivery } = row;
  const [kind, ref = ''] = row.target.split(':');
  let secret: string | undefined;
  if (kind === 'plan') {
    secret = (plan as RolloutPlan).notifications?.[Number(ref)]?.secret;
  } else {
    const [hook] = await db.select({ secret: webhooks.secret }).from(webhooks).where(eq(webhooks.id, ref));
    secret = hook?.secret;
  }
  return secret === undefined ? undefined : { ...delivery, secret };
}

/** One attempt's outcome: delivered, or the error it met (the delivery stays pending while Temporal retries). */
export async function recordDeliveryAttempt(db: Db, id: string, attempt: number, error: string | null): Promise<void> {
  await db
    .update(notifications)
    .set({
      attempts: sql`greatest(${notifications.attempts}, ${attempt})`,
      lastAttemptAt: sql`now()`,
      lastError: error,
      ...(error === null ? { status: 'delivered', deliveredAt: sql`now()` } : {}),
    })
    .where(eq(notifications.id, id));
}

/** Retries ran out (or the webhook is gone): the delivery stays failed, with its last error. */
export async function recordDeliveryGivenUp(db: Db, id: string, error: string): Promise<void> {
  await db
    .update(notifications)
    .set({ status: 'failed', lastError: sql`coalesce(${notifications.lastError}, ${error})` })
    .where(and(eq(notifications.id, id), eq(notifications.status, 'pending')));
}

/** A rollout's deliveries, newest first, paged by their seq. */
export async function listDeliveries(db: Db, rolloutId: string, filter: { status?: string; before?: number; limit: number }) {
  return db
    .select({
      seq: notifications.seq,
      id: notifications.id,
      eventId: notifications.eventId,
      event: notifications.event,
      url: notifications.url,
      status: notifications.status,
      attempts: notifications.attempts,
      lastError: notifications.lastError,
      lastAttemptAt: notifications.lastAttemptAt,
      deliveredAt: notifications.deliveredAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(
      and(
        eq(notifications.rolloutId, rolloutId),
        filter.status ? eq(notifications.status, filter.status) : undefined,
        filter.before === undefined ? undefined : lt(notifications.seq, filter.before),
      ),
    )
    .orderBy(desc(notifications.seq))
    .limit(filter.limit);
}

/** Webhooks of a rollout whose deliveries are failing now (the latest attempt met an error), for the page. */
export async function failingWebhooks(db: Db, rolloutId: string) {
  return db
    .select({
      url: notifications.url,
      failing: sql<number>`count(*)`.mapWith(Number),
      lastError: sql<string>`(array_agg(${notifications.lastError} order by ${notifications.lastAttemptAt} desc))[1]`,
    })
    .from(notifications)
    .where(and(eq(notifications.rolloutId, rolloutId), sql`${notifications.lastError} is not null`, inArray(notifications.status, ['pending', 'failed'])))
    .groupBy(notifications.url)
    .orderBy(asc(notifications.url));
}

export interface NewWebhook {
  id: string;
  url: string;
  events: NotificationEvent[];
  secret: string;
  createdBy: unknown;
}

export async function insertWebhook(db: Db, hook: NewWebhook) {
  const [row] = await db.insert(webhooks).values(hook).returning({ id: webhooks.id, url: webhooks.url, events: webhooks.events, createdAt: webhooks.createdAt });
  return row!;
}

export async function listWebhooks(db: Db) {
  return db.select({ id: webhooks.id, url: webhooks.url, events: webhooks.events, createdAt: webhooks.createdAt }).from(webhooks).orderBy(asc(webhooks.createdAt), asc(webhooks.id));
}

export async function deleteWebhook(db: Db, id: string): Promise<boolean> {
  const gone = await db.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id });
  return gone.length > 0;
}

