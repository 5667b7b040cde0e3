/**
 * Starts what the notifications need in Temporal: a workflow per delivery, which retries it durably, and a Schedule
 * per rollout for its daily summary. Every start is idempotent, so a retried activity may call it again.
 */
import { ScheduleAlreadyRunning, ScheduleNotFoundError, WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { pendingDeliveriesOf } from '../db/notifications';
import type { Db } from '../db/client';
import { dailySummaryScheduleId, notificationWorkflowId, WORKFLOW, type DeliveryRetry, type NotificationWorkflowInput } from '../workflows/contract';

export interface Notifier {
  /** Starts the delivery workflows of the deliveries written under `sourceKey` that are still pending. */
  startDeliveries(sourceKey: string): Promise<void>;
  /** Makes the rollout's daily-summary Schedule unless it exists; `at` is read only then (undefined: the rollout is gone). */
  scheduleDailySummary(rolloutId: string, at: () => Promise<{ hour: number; timezone: string } | undefined>): Promise<void>;
  /** Removes it (the rollout ended or is gone). */
  dropDailySummary(rolloutId: string): Promise<void>;
}

export interface NotifierOptions {
  db: Db;
  client: Client;
  taskQueue: string;
  /** @default 5 s doubling to 1 h, for 26 h */
  retry?: DeliveryRetry;
  /** Replaces the daily hour with this interval: for tests. */
  dailySummaryEveryMs?: number;
}

export const DEFAULT_DELIVERY_RETRY: DeliveryRetry = { initialMs: 5_000, maxMs: 3_600_000, forMs: 26 * 3_600_000 };

export function createNotifier({ db, client, taskQueue, retry = DEFAULT_DELIVERY_RETRY, dailySummaryEveryMs }: NotifierOptions): Notifier {
  /** Schedules this process made or found: a rollout's status is recorded many times, its Schedule made once. */
  const scheduled = new Set<string>();
  return {
    async startDeliveries(sourceKey) {
      for (const deliveryId of await pendingDeliveriesOf(db, sourceKey)) {
        const input: NotificationWorkflowInput = { deliveryId, retry };
        await client.workflow
          .start(WORKFLOW.notification, { workflowId: notificationWorkflowId(deliveryId), taskQueue, args: [input] })
          .catch((err: unknown) => {
            if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
          });
      }
    },

    async scheduleDailySummary(rolloutId, at) {
      const scheduleId = dailySummaryScheduleId(rolloutId);
      if (scheduled.has(scheduleId)) return;
      const when = await at();
      if (!when) return;
      await client.schedule
        .create({
          scheduleId,
          spec: dailySummaryEveryMs ? { intervals: [{ every: dailySummaryEveryMs }] } : { calendars: [{ hour: when.hour }], timezone: when.timezone },
          action: { type: 'startWorkflow', workflowType: WORKFLOW.dailySummary, taskQueue, args: [{ rolloutId }] },
          policies: { catchupWindow: '1 hour' },
        })
        .catch((err: unknown) => {
          if (!(err instanceof ScheduleAlreadyRunning)) throw err;
        });
      if (scheduled.size >= 10_000) scheduled.clear();
      scheduled.add(scheduleId);
    },

    async dropDailySummary(rolloutId) {
      const scheduleId = dailySummaryScheduleId(rolloutId);
      scheduled.delete(scheduleId);
      await client.schedule
        .getHandle(scheduleId)
        .delete()
        .catch((err: unknown) => {
          if (!(err instanceof ScheduleNotFoundError)) throw err;
        });
    },
  };
}
