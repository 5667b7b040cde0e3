/**
 * Notification activities: the notices a site's or a rollout's change is worth, their delivery to a webhook (one
 * signed POST per attempt; Temporal retries it), and the daily summary.
 */
import { createHmac } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Db, Executor } from '../db/client';
import { loadDelivery, queueNotices, recordDeliveryAttempt, recordDeliveryGivenUp, type Notice } from '../db/notifications';
import type { SiteTransition } from '../db/projection';
import { insertReadinessLinks, liveReadinessLink, newReadinessLink, readinessLinkUrl } from '../db/readiness-links';
import { dailyReport } from '../db/report';
import { getRollout } from '../db/rollouts';
import { READINESS_EXPIRED, siteNotification } from '../domain/notifications';
import { dailySummaryOf } from '../domain/plan';
import { FAILURE } from '../workflows/contract';
import type { Notifier } from './notifier';

/** An answer slower than this is a failed attempt. */
const DELIVERY_TIMEOUT_MS = 10_000;
const DAY_MS = 86_400_000;

/** `sha256=<hex HMAC-SHA256 of the raw body>`: what `X-Rollwave-Signature` carries. */
export const signatureOf = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * The notice a site transition is worth, if any. A site that waits for readiness comes with a readiness link when
 * a manager made one that still works: a new link for the same person, expiring with it (tokens are kept hashed, so
 * the old link's URL cannot be told again).
 */
export function siteNoticeOf(tx: Executor, t: SiteTransition, publicUrl: string): Notice | undefined {
  const event = siteNotification(t.state, t.cause === READINESS_EXPIRED);
  if (!event) return undefined;
  const eventId = `${t.rolloutId}/${t.code}/${t.seq}/${event}`;
  if (event === 'site.failed') return { eventId, event, site: t.code, data: { step: t.step, error: t.error ?? null, attempts: t.attempts } };
  return {
    eventId,
    event,
    site: t.code,
    data: async () => {
      const live = await liveReadinessLink(tx, t.rolloutId, t.code);
      const reason = event === 'site.readiness_expired' ? { reason: t.error ?? null } : {};
      if (!live) return reason;
      const { row, token } = newReadinessLink({ rolloutId: t.rolloutId, siteCode: t.code, name: live.name, createdBy: { id: 'rollwave', name: 'notification' }, expiresAt: live.expiresAt });
      await insertReadinessLinks(tx, [row]);
      return { ...reason, readinessLink: { id: row.id, url: readinessLinkUrl(publicUrl, token), expiresAt: live.expiresAt.toISOString() } };
    },
  };
}

/** Why an attempt failed, in words that name neither the URL (it may hold credentials) nor the secret. */
function attemptError(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`;
  const cause = err instanceof Error ? (err.cause as { code?: string } | undefined) : undefined;
  return cause?.code ? `could not connect (${cause.code})` : err instanceof Error ? err.message : String(err);
}

export function notificationActivities({ db, notifier }: { db: Db; notifier: Notifier }, attemptKey: () => string) {
  return {
    /** One signed POST of a delivery; a failed one records its error and fails, for Temporal to retry. */
    async deliverNotification({ deliveryId }: { deliveryId: string }): Promise<void> {
      const delivery = await loadDelivery(db, deliveryId);
      if (!delivery) throw ApplicationFailure.nonRetryable('the webhook was removed', FAILURE.webhookGone);
      if (delivery.status !== 'pending') return;
      const sentAt = new Date();
      const timestamp = String(Math.floor(sentAt.getTime() / 1000));
      // The body carries the time it was sent, so the signature covers the timestamp a receiver checks for replays.
      const body = JSON.stringify({ ...delivery.payload, sentAt: sentAt.toISOString() });
      let error: string | null;
      try {
        const answer = await fetch(delivery.url, {
          method: 'POST',
          redirect: 'manual',
          signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Rollwave-Webhook/1',
            'x-rollwave-event': String(delivery.payload.type),
            'x-rollwave-event-id': String(delivery.payload.id),
            'x-rollwave-delivery': delivery.id,
            'x-rollwave-timestamp': timestamp,
            'x-rollwave-signature': signatureOf(delivery.secret, body),
          },
          body,
        });
        await answer.body?.cancel();
        error = answer.ok ? null : `the receiver answered HTTP ${answer.status}`;
      } catch (err) {
        error = attemptError(err);
      }
      await recordDeliveryAttempt(db, delivery.id, Context.current().info.attempt, error);
      if (error !== null) throw ApplicationFailure.retryable(error, 'WebhookDeliveryFailed');
    },

    async recordDeliveryGivenUp({ deliveryId, error }: { deliveryId: string; error: string }): Promise<void> {
      await recordDeliveryGivenUp(db, deliveryId, error);
    },

    /**
     * The rollout's day: what happened to its sites in the 24 hours before now, and where it stands. Its event id
     * names the local date, so the summary goes out once per day however often the Schedule fires.
     */
    async sendDailySummary({ rolloutId }: { rolloutId: string }): Promise<void> {
      const rollout = await getRollout(db, rolloutId);
      if (!rollout || rollout.status === 'completed' || rollout.status === 'aborted') {
        await notifier.dropDailySummary(rolloutId);
        return;
      }
      const { timezone } = dailySummaryOf(rollout.plan);
      const to = new Date();
      const from = new Date(to.getTime() - DAY_MS);
      const date = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(to);
      const report = await dailyReport(db, rolloutId, from, to);
      const key = attemptKey();
      await db.transaction((tx) =>
        queueNotices(tx, rolloutId, key, [
          {
            eventId: `${rolloutId}/daily_summary/${date}`,
            event: 'rollout.daily_summary',
            data: { date, timezone, from: from.toISOString(), to: to.toISOString(), status: rollout.status, totals: rollout.totals, ...report },
          },
        ]),
      );
      await notifier.startDeliveries(key);
    },
  };
}
