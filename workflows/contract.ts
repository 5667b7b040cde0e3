/**
 * The one place that names what crosses the worker boundary: task queue, workflow ids, messages and their
 * payloads. Imported by workflows, activities and the API alike, so it holds only pure code.
 */
import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CutoverWindow } from '../domain/cutover-window';
import type { FailureThreshold, Wave } from '../domain/plan';
import type { RolloutStatus, SiteAction, SiteState, Step, WaveStatus } from '../domain/states';

/** Workflow type names, as registered by the worker (the exported function names). */
export const WORKFLOW = {
  rollout: 'rolloutWorkflow',
  site: 'siteWorkflow',
  notification: 'notificationWorkflow',
  dailySummary: 'dailySummaryWorkflow',
} as const;

export const rolloutWorkflowId = (rolloutId: string) => `rollout/${rolloutId}`;
export const siteWorkflowId = (rolloutId: string, code: string) => `rollout/${rolloutId}/site/${code}`;
export const notificationWorkflowId = (deliveryId: string) => `notification/${deliveryId}`;
/** The Temporal Schedule that sends a rollout's daily summary. */
export const dailySummaryScheduleId = (rolloutId: string) => `rollout/${rolloutId}/daily-summary`;

/** How a webhook delivery is retried: from `initialMs`, doubling up to `maxMs`, for `forMs` in all. */
export interface DeliveryRetry {
  initialMs: number;
  maxMs: number;
  forMs: number;
}

export interface NotificationWorkflowInput {
  deliveryId: string;
  retry: DeliveryRetry;
}

/** Who asked for an action: the API key's id and name, for the audit trail. */
export interface Actor {
  id: string;
  name: string;
}

/**
 * A site's state as the rollout workflow tracks it, one character per site so that a 10,000-site rollout
 * carries ~10 KB across continue-as-new.
 */
export const MARK = {
  pending: 'p',
  /** Running, training not yet passed (a readiness confirmation can still matter). */
  running: 'r',
  /** Running, training passed. */
  runningPastTraining: 'q',
  /** Failed before training passed. */
  failed: 'f',
  /** Failed at or after cutover, or while rolling back. */
  failedPastTraining: 'g',
  succeeded: 's',
  rollingBack: 'R',
  rolledBack: 'b',
  /** Skip accepted; the site is skipped once its row says so. */
  skipping: 'K',
  skipped: 'k',
} as const;
export type Mark = (typeof MARK)[keyof typeof MARK];

export interface WaveRuntime {
  name: string;
  /** Ordinal of the wave's first site; sites are numbered wave by wave. */
  start: number;
  size: number;
  maxParallel: number;
  approval: Wave['approval'];
  bakeSeconds: number;
  threshold?: FailureThreshold;
  status: WaveStatus;
}

/** Per-site settings every site workflow of a rollout shares. */
export interface SiteSettings {
  requireReadiness: boolean;
  minTrainedPercent: number;
  trainingTimeoutSeconds: number;
  /** Hours a readiness confirmation counts for at cutover; absent → for good (and in rollouts started before it). */
  readinessValidForHours?: number;
  window?: CutoverWindow;
  autoRollbackOnFailedCheck: boolean;
}

export interface RolloutWorkflowInput {
  rolloutId: string;
  waves: WaveRuntime[];
  settings: SiteSettings;
  status: RolloutStatus;
  /** One `Mark` per site ordinal. */
  marks: string;
  waveIdx: number;
  /** Next ordinal of the current wave the sliding window looks at. */
  cursor: number;
  paused: boolean;
  halted: boolean;
  aborted: boolean;
  /** When the baking wave may complete (epoch ms). */
  bakeUntil?: number;
  /** Failed sites per wave when it last halted: after a resume only new failures halt it again. */
  haltedAtFailures: Record<number, number>;
  /** Wave rollbacks under way, with the next ordinal each looks at. */
  rollbacks: { wave: number; cursor: number }[];
  /** Ordinals whose current site workflow is a rollback run (`<site workflow id>/rollback`). */
  rollbackRuns: number[];
}

export interface SiteWorkflowInput {
  rolloutId: string;
  code: string;
  ordinal: number;
  settings: SiteSettings;
  /** `rollback` undoes a settled site's completed steps (its first run is over). */
  mode: 'run' | 'rollback';
}

export interface Readiness {
  confirmed: true;
  trainedStaff: number;
  totalStaff: number;
  note?: string;
  /** When it was kept (ISO); absent in confirmations kept before readiness could expire. */
  confirmedAt?: string;
}

/** Workflow changes made while older executions may still run: each takes its branch only where `patched` says so. */
export const PATCH = { readinessExpiry: 'readiness-expiry' } as const;

/** Site → rollout: the site's mark changed. */
export const siteMarkSignal = defineSignal<[{ ordinal: number; mark: Mark }]>('siteMark');

export type SiteCommand =
  | { type: 'retry' }
  | { type: 'rollback' }
  | { type: 'skip' }
  | { type: 'readiness'; readiness: Readiness }
  | { type: 'hold' }
  | { type: 'release' }
  | { type: 'abort' };

/** Rollout → site: an operator decision, already validated by the rollout workflow. */
export const siteCommandSignal = defineSignal<[SiteCommand]>('siteCommand');

export interface ActionResult {
  status: RolloutStatus;
  wave?: { name: string; status: WaveStatus };
  site?: { code: string; state: SiteState; step?: Step };
}

export interface SiteRef {
  code: string;
  ordinal: number;
}

export const launchWaveUpdate = defineUpdate<ActionResult, [{ wave: string; actor: Actor }]>('launchWave');
export const pauseUpdate = defineUpdate<ActionResult, [{ actor: Actor }]>('pause');
export const resumeUpdate = defineUpdate<ActionResult, [{ actor: Actor }]>('resume');
export const abortUpdate = defineUpdate<ActionResult, [{ actor: Actor }]>('abort');
export type { SiteAction };
export interface SiteActionInput {
  action: SiteAction;
  site: SiteRef;
  actor: Actor;
}
export const siteActionUpdate = defineUpdate<ActionResult, [SiteActionInput]>('siteAction');
export const readinessUpdate = defineUpdate<ActionResult, [{ site: SiteRef; readiness: Readiness; actor: Actor }]>(
  'confirmReadiness',
);
export const waveRollbackUpdate = defineUpdate<ActionResult, [{ wave: string; actor: Actor }]>('rollbackWave');

/** ApplicationFailure types, named in domain/failures.ts so that db/ can raise one too. */
export { FAILURE } from '../domain/failures';
