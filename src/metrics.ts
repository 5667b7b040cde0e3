/**
 * Prometheus instruments of the process: HTTP latency (fed by the API), step durations and activity failures
 * (for the worker's activities to feed). They live at module level because Prometheus scrapes a process,
 * whichever roles it runs; the API adds its database-backed gauges per app in src/api/routes/metrics.ts.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Step } from './domain/states';

export const processMetrics = new Registry();
collectDefaultMetrics({ register: processMetrics });

const httpDuration = new Histogram({
  name: 'rollwave_http_request_duration_seconds',
  help: 'HTTP request latency by route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processMetrics],
});

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

/** `route` is the route template (`/v1/rollouts/:id`), never the raw URL, to keep label values bounded. */
export function observeHttpRequest(method: string, route: string, status: number, seconds: number) {
  httpDuration.observe({ method, route, status: String(status) }, seconds);
}

export function observeStepDuration(step: Step, outcome: 'succeeded' | 'failed', seconds: number) {
  stepDuration.observe({ step, outcome }, seconds);
}

/** `failureClass` must come from a small fixed set (see failureClassOf), not from error messages. */
export function countActivityFailure(step: Step, failureClass: string) {
  activityFailures.inc({ step, class: failureClass });
}

/** A bounded class for an error: the Temporal failure type when there is one, else the error's name. */
export function failureClassOf(err: unknown): string {
  if (err && typeof err === 'object') {
    const { type, name } = err as { type?: unknown; name?: unknown };
    if (typeof type === 'string' && type) return type;
    if (typeof name === 'string' && name) return name;
  }
  return 'unknown';
}
