/** What activities report for /metrics: the worker hands them the process's instruments (src/metrics.ts). */
import type { Step } from '../domain/states';

export interface ActivityMetrics {
  observeStepDuration(step: Step, outcome: 'succeeded' | 'failed', seconds: number): void;
  /** `failureClass` comes from a small fixed set (see failureClassOf), never from error messages. */
  countActivityFailure(step: Step, failureClass: string): void;
  /** `activity` is the activity's name (a fixed set). */
  countActivityDataError(activity: string): void;
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
