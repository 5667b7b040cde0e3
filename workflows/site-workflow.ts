/**
 * One site of a rollout: config push → data load → training → cutover (+ health check), then, if asked,
 * the undo of the steps that completed. A failed site waits here for the operator's decision, relayed by
 * the rollout workflow; it never holds up its neighbours.
 */
import { ActivityFailure, ApplicationFailure, condition, getExternalWorkflowHandle, patched, setHandler } from '@temporalio/workflow';
import type { SiteTransition } from '../db/projection';
import { READINESS_EXPIRED } from '../domain/notifications';
import { readinessExpiredReason, readinessStillValid } from '../domain/readiness-age';
import { FORWARD_STEPS, type ForwardStep, type SiteState, type Step, type UndoableStep } from '../domain/states';
import {
  MARK,
  PATCH,
  rolloutWorkflowId,
  siteCommandSignal,
  siteMarkSignal,
  type Mark,
  type Readiness,
  type SiteWorkflowInput,
} from './contract';
import { dataLoadCalls, dbCalls, siteCalls } from './activity-proxies';


/** A step that did not succeed: the site fails at `step` with `message`. */
class StepFailed extends Error {
  constructor(
    readonly step: Step,
    message: string,
    readonly healthCheck = false,
  ) {
    super(message);
  }
}

export async function siteWorkflow(input: SiteWorkflowInput): Promise<SiteState> {
  const { rolloutId, code, ordinal, settings } = input;
  const parent = getExternalWorkflowHandle(rolloutWorkflowId(rolloutId));

  let seq = 0;
  let attempts = 1;
  let completed: UndoableStep[] = [];
  let previousVersion: string | null = null;
  let dataLoadId: string | null = null;
  let readiness: Readiness | undefined;
  let trainingPassed = false;
  let decision: 'retry' | 'rollback' | 'skip' | undefined;
  let held = false;
  let aborted = false;

  setHandler(siteCommandSignal, (command) => {
    switch (command.type) {
      case 'retry':
      case 'rollback':
      case 'skip':
        decision = command.type;
        break;
      case 'readiness':
        readiness = command.readiness;
        break;
      case 'hold':
        held = true;
        break;
      case 'release':
        held = false;
        break;
      case 'abort':
        aborted = true;
        break;
    }
  });

  const transition = (state: SiteState, step: Step | null, extra: Partial<SiteTransition> = {}): SiteTransition => ({
    rolloutId,
    code,
    seq: ++seq,
    state,
    step,
    attempts,
    completedSteps: [...completed],
    previousVersion,
    dataLoadId,
    ...extra,
  });
  const record = (state: SiteState, step: Step | null, extra: Partial<SiteTransition> = {}) =>
    dbCalls.recordSiteState(transition(state, step, extra));
  /**
   * Tells the rollout workflow of a change. Settling changes are recorded first, so that by the time the rollout
   * counts a site as done, its row says so too (a completed rollout never shows a running site).
   */
  const mark = (m: Mark) => parent.signal(siteMarkSignal, { ordinal, mark: m });

  async function runStep(step: ForwardStep): Promise<void> {
    switch (step) {
      case 'config_push':
        ({ previousVersion } = await siteCalls.pushConfig({ transition: transition('running', 'config_push') }));
        completed.push('config_push');
        return;
      case 'data_load':
        ({ dataLoadId } = await dataLoadCalls.loadData({ transition: transition('running', 'data_load') }));
        if (dataLoadId) completed.push('data_load');
        return;
      case 'training':
        await waitForReadiness();
        return;
      case 'cutover':
        if (settings.readinessValidForHours !== undefined && patched(PATCH.readinessExpiry)) {
          await waitForWindowWithFreshReadiness(settings.readinessValidForHours);
        } else {
          await waitForWindow('cutover');
        }
        if (aborted) throw new StepFailed('cutover', 'rollout aborted before cutover');
        await siteCalls.cutover({ transition: transition('running', 'cutover') });
        if (!completed.includes('cutover')) completed.push('cutover');
        try {
          await siteCalls.checkHealth({ rolloutId, code, attempts });
        } catch (err) {
          throw new StepFailed('cutover', describe(err), true);
        }
        return;
    }
  }

  async function waitForReadiness(): Promise<void> {
    if (!settings.requireReadiness) return;
    readiness ??= (await dbCalls.loadReadiness({ rolloutId, code })) ?? undefined;
    if (!readiness) {
      await record('awaiting_readiness', 'training');
      const confirmed = await condition(() => readiness !== undefined || aborted, settings.trainingTimeoutSeconds * 1000);
      if (!confirmed) {
        throw new StepFailed('training', `readiness was not confirmed within ${settings.trainingTimeoutSeconds} seconds`);
      }
      if (!readiness) return;
    }
    trainingPassed = true;
    await mark(MARK.runningPastTraining);
  }

  /**
   * A confirmation too old when the cutover comes no longer counts: the site asks for a new one (its row says why)
   * before it waits for its window, and again if it has grown too old by the time the window opens.
   */
  async function waitForWindowWithFreshReadiness(validForHours: number): Promise<void> {
    const stale = () => {
      const confirmedAt = readiness?.confirmedAt === undefined ? undefined : Date.parse(readiness.confirmedAt);
      return confirmedAt !== undefined && !readinessStillValid(confirmedAt, Date.now(), validForHours) ? confirmedAt : undefined;
    };
    for (;;) {
      const confirmedAt = stale();
      if (confirmedAt !== undefined) {
        readiness = undefined;
        await record('awaiting_readiness', 'training', { error: readinessExpiredReason(confirmedAt, Date.now(), validForHours), cause: READINESS_EXPIRED });
        const confirmed = await condition(() => readiness !== undefined || aborted, settings.trainingTimeoutSeconds * 1000);
        if (!confirmed) {
          throw new StepFailed('training', `readiness was not confirmed again within ${settings.trainingTimeoutSeconds} seconds`);
        }
        if (aborted) return;
        continue;
      }
      await waitForWindow('cutover');
      if (aborted || stale() === undefined) return;
    }
  }

  /** Durable timers only: the workflow sleeps until the site's window opens, then checks again. */
  async function waitForWindow(step: 'cutover' | 'rollback'): Promise<void> {
    if (!settings.window) return;
    for (;;) {
      const status = await dbCalls.cutoverWindow({ rolloutId, code, window: settings.window });
      if (status.open) return;
      await record('awaiting_window', step, { windowOpensAt: status.opensAt });
      // An abort stops a forward run at once; an undo asked for still waits for the window.
      const interruptible = step === 'cutover';
      await condition(() => interruptible && aborted, Math.max(1000, Date.parse(status.opensAt) - Date.now()));
      if (interruptible && aborted) return;
    }
  }

  /** Runs the forward steps from `first`; stops at the first failure, or between steps once aborted. */
  async function runFrom(first: ForwardStep): Promise<void> {
    for (const step of FORWARD_STEPS.slice(FORWARD_STEPS.indexOf(first))) {
      await condition(() => !held || aborted);
      if (aborted) throw new StepFailed(step, `rollout aborted before ${step}`);
      try {
        await runStep(step);
      } catch (err) {
        throw err instanceof StepFailed ? err : new StepFailed(step, describe(err));
      }
    }
  }

  /** Undoes the completed steps in reverse order: cutover (inside the site's window), data load, config push. */
  async function rollback(): Promise<void> {
    for (const step of [...completed].reverse()) {
      if (step === 'cutover') await waitForWindow('rollback');
      try {
        await siteCalls.undoStep({ transition: transition('rolling_back', step), step, previousVersion, dataLoadId });
      } catch (err) {
        throw new StepFailed('rollback', `undo of ${step} failed: ${describe(err)}`);
      }
      completed = completed.filter((s) => s !== step);
    }
  }

  let next: { run: ForwardStep } | { rollback: { cause?: string; error?: string } };
  if (input.mode === 'rollback') {
    const context = await dbCalls.loadUndoContext({ rolloutId, code });
    ({ seq, attempts, previousVersion, dataLoadId } = context);
    completed = context.completedSteps;
    trainingPassed = true;
    next = { rollback: { cause: 'operator asked for a rollback' } };
  } else {
    next = { run: 'config_push' };
  }

  for (;;) {
    try {
      if ('run' in next) {
        await runFrom(next.run);
        await record('succeeded', null);
        await mark(MARK.succeeded);
        return 'succeeded';
      }
      await record('rolling_back', null, next.rollback);
      await rollback();
      await record('rolled_back', null);
      await mark(MARK.rolledBack);
      return 'rolled_back';
    } catch (err) {
      if (!(err instanceof StepFailed)) throw err;
      if (err.healthCheck && settings.autoRollbackOnFailedCheck) {
        await mark(MARK.rollingBack);
        next = { rollback: { cause: 'post-cutover check failed', error: err.message } };
        continue;
      }
      decision = undefined;
      await record('failed', err.step, { error: err.message });
      await mark(trainingPassed ? MARK.failedPastTraining : MARK.failed);
      await condition(() => decision !== undefined);
      if (decision === 'skip') {
        await record('skipped', err.step, { error: err.message });
        await mark(MARK.skipped);
        return 'skipped';
      }
      if (decision === 'retry') attempts++;
      next = decision === 'rollback' || err.step === 'rollback' ? { rollback: {} } : { run: err.step as ForwardStep };
    }
  }
}

function describe(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return err.cause.message;
  if (err instanceof ApplicationFailure) return err.message;
  return err instanceof Error ? err.message : String(err);
}
