/**
 * Prometheus instruments of the process: HTTP latency, refused authentications and throttled requests (fed by the
 * API), step durations and activity failures (for the worker's activities to feed). They live at module level
 * because Prometheus scrapes a process, whichever roles it runs; the API adds its database-backed gauges per app
 * in src/api/routes/metrics.ts.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { ActivityMetrics } from '../activities/metrics';
import type { Step } from '../domain/states';

export const processMetrics = new Registry();
collectDefaultMetrics({ register: processMetrics });

/**
 * HTTP request latency, rendered as a Prometheus histogram like any other. Every request is observed, and dashboards
 * send thousands a second: prom-client's Histogram checks and hashes its label object on each observation, this
 * one finds its series by one string key and counts into an array.
 */
class HttpDurations {
  readonly name = 'rollwave_http_request_duration_seconds';
  readonly help = 'HTTP request latency by route template and status';
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  private readonly series = new Map<string, { labels: Record<string, string>; counts: number[]; sum: number; count: number }>();

  observe(method: string, route: string, status: number, seconds: number) {
    const key = `${method} ${status} ${route}`;
    let series = this.series.get(key);
    if (!series) {
      series = { labels: { method, route, status: String(status) }, counts: this.bounds.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    let bucket = 0;
    while (bucket < this.bounds.length && seconds > this.bounds[bucket]!) bucket++;
    if (bucket < this.bounds.length) series.counts[bucket]!++;
    series.sum += seconds;
    series.count++;
  }

  /** What prom-client's registry renders: cumulative buckets, then the sum and count of each series. */
  get() {
    const values = [...this.series.values()].flatMap(({ labels, counts, sum, count }) => {
      let cumulative = 0;
      return [
        ...this.bounds.map((le, i) => ({ labels: { ...labels, le }, value: (cumulative += counts[i]!), metricName: `${this.name}_bucket` })),
        { labels: { ...labels, le: '+Inf' }, value: count, metricName: `${this.name}_bucket` },
        { labels, value: sum, metricName: `${this.name}_sum` },
        { labels, value: count, metricName: `${this.name}_count` },
      ];
    });
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset() {
    this.series.clear();
  }
}

const httpDurations = new HttpDurations();
// The registry renders any object with a name and get(); its types only know prom-client's own metric classes.
processMetrics.registerMetric(httpDurations as unknown as Histogram);

// Steps range from a sub-second config push to a training step that waits days for a site lead.
const stepDuration = new Histogram({
  name: 'rollwave_step_duration_seconds',
  help: 'Duration of site steps by step and outcome',
  labelNames: ['step', 'outcome'] as const,
  buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 86_400, 7 * 86_400],
  registers: [processMetrics],
});

const activityFailures = new Counter({
  name: 'rollwave_activity_failures_total',
  help: 'Failed activity attempts by step and failure class',
  labelNames: ['step', 'class'] as const,
  registers: [processMetrics],
});

/** Why a request without a valid key was refused: no Authorization header, one that is not `Bearer <key>`, or a key unknown or revoked. */
export type AuthFailure = 'missing' | 'malformed' | 'unknown_key';
/** Why a request was refused with 429: its key (or address) sent too many requests, or its address failed to authenticate too often. */
export type Throttle = 'rate_limit' | 'auth_failures';

const authFailures = new Counter({
  name: 'rollwave_auth_failures_total',
  help: 'Requests refused 401 for want of a valid API key, by reason (missing, malformed, unknown_key: unknown or revoked)',
  labelNames: ['reason'] as const,
  registers: [processMetrics],
});
const throttledRequests = new Counter({
  name: 'rollwave_throttled_requests_total',
  help: 'Requests refused 429, by reason (rate_limit: a key or address over its requests per minute; auth_failures: an address over its failed authentications)',
  labelNames: ['reason'] as const,
  registers: [processMetrics],
});
// Every series from the start, at 0, so that a rate over them is defined before the first failure.
for (const reason of ['missing', 'malformed', 'unknown_key'] satisfies AuthFailure[]) authFailures.inc({ reason }, 0);
for (const reason of ['rate_limit', 'auth_failures'] satisfies Throttle[]) throttledRequests.inc({ reason }, 0);

export function countAuthFailure(reason: AuthFailure) {
  authFailures.inc({ reason });
}

export function countThrottled(reason: Throttle) {
  throttledRequests.inc({ reason });
}

const activityDataErrors = new Counter({
  name: 'rollwave_activity_data_errors_total',
  help: 'Activities failed because Postgres refused a value (SQLSTATE class 22 or 23); each one failed a step or an action',
  labelNames: ['activity'] as const,
  registers: [processMetrics],
});

/** `route` is the route template (`/v1/rollouts/:id`), never the raw URL, to keep label values bounded. */
export function observeHttpRequest(method: string, route: string, status: number, seconds: number) {
  httpDurations.observe(method, route, status, seconds);
}

function observeStepDuration(step: Step, outcome: 'succeeded' | 'failed', seconds: number) {
  stepDuration.observe({ step, outcome }, seconds);
}

function countActivityFailure(step: Step, failureClass: string) {
  activityFailures.inc({ step, class: failureClass });
}

function countActivityDataError(activity: string) {
  activityDataErrors.inc({ activity });
}

/** The instruments the worker's activities feed. */
export const activityMetrics: ActivityMetrics = { observeStepDuration, countActivityFailure, countActivityDataError };
