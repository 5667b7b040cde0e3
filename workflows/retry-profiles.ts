/** Timeouts and retry policies of every activity, by what the activity does. */
import type { ActivityOptions } from '@temporalio/workflow';
import { FAILURE } from './contract';

const NON_RETRYABLE = [FAILURE.sitePermanent, FAILURE.dataVerification, FAILURE.healthCheck];

/**
 * One call to a site: transient errors (408, 429, 5xx, timeouts, refused) get 5 tries within ~30 s. A call gives
 * up after 30 s, so a minute bounds an attempt. The activity heartbeats while it runs (`keepAlive`), so an
 * attempt lost with a crashed worker is retried 10 s after the worker's last heartbeat.
 */
export const siteStep = {
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '15 seconds', maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE },
} as const satisfies ActivityOptions;

/** A data load polled to its end; the heartbeat carries the load id and progress across retries. */
export const dataLoadPoll = {
  startToCloseTimeout: '24 hours',
  heartbeatTimeout: '1 minute',
  retry: siteStep.retry,
} as const satisfies ActivityOptions;

/**
 * Database writes and reads: retried until the database answers again, so an outage loses nothing — unless the
 * rollout itself is gone, which no retry can mend.
 */
export const dbWrite = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds', nonRetryableErrorTypes: [FAILURE.rolloutGone] },
} as const satisfies ActivityOptions;
