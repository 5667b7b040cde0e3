/**
 * Notifications, each in a workflow of its own so that a receiver that is down never holds up a rollout: one
 * delivery tried until its receiver takes it (Temporal's retries survive restarts), and the daily summary its
 * Schedule starts.
 */
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { FAILURE, type NotificationWorkflowInput } from './contract';
import { dbCalls } from './activity-proxies';

export async function notificationWorkflow({ deliveryId, retry }: NotificationWorkflowInput): Promise<'delivered' | 'failed'> {
  const { deliverNotification } = proxyActivities<Pick<Activities, 'deliverNotification'>>({
    startToCloseTimeout: '30 seconds',
    scheduleToCloseTimeout: retry.forMs,
    retry: { initialInterval: retry.initialMs, backoffCoefficient: 2, maximumInterval: retry.maxMs, nonRetryableErrorTypes: [FAILURE.webhookGone] },
  });
  try {
    await deliverNotification({ deliveryId });
    return 'delivered';
  } catch (err) {
    const error = err instanceof ActivityFailure && err.cause ? err.cause.message : String(err);
    await dbCalls.recordDeliveryGivenUp({ deliveryId, error });
    return 'failed';
  }
}

export async function dailySummaryWorkflow({ rolloutId }: { rolloutId: string }): Promise<void> {
  await dbCalls.sendDailySummary({ rolloutId });
}
