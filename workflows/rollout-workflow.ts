/**
 * One rollout: walks the waves in order and runs each as a sliding window of site workflows (at most
 * `maxParallel` at once, the next starting as soon as one finishes). Site workflows are abandoned children
 * that report back by signal, so the window survives continue-as-new; the workflow carries only counters
 * and one character per site. Every operator action is an Update whose validator rejects what the current
 * state does not allow, so the API can answer 409 at once and an accepted action is durable.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { RolloutStatus, SiteState } from '../src/domain/states';
import {
  abortUpdate,
  FAILURE,
  launchWaveUpdate,
  MARK,
  pauseUpdate,
  readinessUpdate,
  resumeUpdate,
  siteActionUpdate,
  siteCommandSignal,
  siteMarkSignal,
  siteWorkflowId,
  waveRollbackUpdate,
  type ActionResult,
  type Actor,
  type Mark,
  type RolloutWorkflowInput,
  type SiteAction,
  type SiteActionInput,
  type SiteCommand,
  type SiteRef,
  type WaveRuntime,
} from './contract';
import { dbWrite } from './retry-profiles';
import { FAILED_MARKS, FINISHED_MARKS, RUNNING_MARKS, SETTLED_MARKS, SiteMarks } from './site-marks';
import { siteWorkflow } from './site-workflow';

const db = proxyActivities<Activities>(dbWrite);

/** The failure type of a signal to a workflow that is no longer running. */
const SITE_GONE = 'ExternalWorkflowExecutionNotFound';

/** Continue-as-new well before Temporal's 51,200-event limit even if the server does not suggest it. */
const HISTORY_EVENTS_LIMIT = 20_000;

const STATE_OF_MARK: Record<Mark, SiteState> = {
  p: 'pending',
  r: 'running',
  q: 'running',
  f: 'failed',
  g: 'failed',
  s: 'succeeded',
  R: 'rolling_back',
  b: 'rolled_back',
  K: 'skipped',
  k: 'skipped',
};

/** Marks at which a readiness confirmation still matters: the site has not passed training. */
const BEFORE_TRAINING: readonly Mark[] = [MARK.pending, MARK.running, MARK.failed];

/** The marks from which each site action is allowed (API.md: retry failed; rollback failed or succeeded; skip failed or pending). */
const SITE_ACTION_FROM = {
  retry: FAILED_MARKS,
  rollback: [...FAILED_MARKS, MARK.succeeded],
  skip: [...FAILED_MARKS, MARK.pending],
} as const satisfies Record<string, readonly Mark[]>;

/** Rejects an action the current state does not allow; the API answers 409 with this message. */
const conflict = (message: string) => ApplicationFailure.create({ type: FAILURE.conflict, message, nonRetryable: true });

export async function rolloutWorkflow(input: RolloutWorkflowInput): Promise<RolloutStatus> {
  const { rolloutId, settings } = input;
  const waves: WaveRuntime[] = input.waves.map((w) => ({ ...w }));
  const marks = new SiteMarks(input.marks, waves);
  const state = {
    waveIdx: input.waveIdx,
    cursor: input.cursor,
    paused: input.paused,
    halted: input.halted,
    aborted: input.aborted,
    bakeUntil: input.bakeUntil,
    haltedAtFailures: input.haltedAtFailures,
    rollbacks: input.rollbacks.map((r) => ({ ...r })),
    rollbackRuns: new Set(input.rollbackRuns),
  };
  let projected = { status: input.status, waves: waves.map((w) => w.status) };
  /** Bumped by every message so the main loop wakes up and looks again. */
  let changes = 0;
  let buffer: { ordinal: number; code: string }[] = [];
  /** Site workflows being started by the sliding window, by ordinal; signals to them wait until they exist. */
  const starting = new Map<number, Promise<unknown>>();

  const wave = () => waves[state.waveIdx];
  const findWave = (name: string) => {
    const idx = waves.findIndex((w) => w.name === name);
    if (idx < 0) throw conflict(`wave "${name}" is not part of this rollout`);
    return idx;
  };
  const result = (extra: Partial<ActionResult> = {}): ActionResult => ({ status: rolloutStatus(), ...extra });
  const siteResult = (site: SiteRef): ActionResult => result({ site: { code: site.code, state: STATE_OF_MARK[marks.get(site.ordinal)!] } });
  const childId = (site: { ordinal: number; code: string }) =>
    siteWorkflowId(rolloutId, site.code) + (state.rollbackRuns.has(site.ordinal) ? '/rollback' : '');
  const command = (site: { ordinal: number; code: string }, cmd: SiteCommand) =>
    getExternalWorkflowHandle(childId(site)).signal(siteCommandSignal, cmd);
  /**
   * A command for a site that may be starting, or may just have finished (its last mark still on its way):
   * waits until its workflow exists, and passes over a workflow that is gone. Says whether it was delivered.
   */
  async function commandIfRunning(site: { ordinal: number; code: string }, cmd: SiteCommand): Promise<boolean> {
    const start = starting.get(site.ordinal);
    if (start) await start;
    try {
      await command(site, cmd);
      return true;
    } catch (err) {
      if (err instanceof ApplicationFailure && err.type === SITE_GONE) return false;
      throw err;
    }
  }
  const audit = (action: string, actor: Actor, data: Record<string, unknown>, where: { site?: string; wave?: string } = {}) =>
    db.recordEvent({ rolloutId, event: { type: `action.${action}`, actor, data, ...where } });

  function rolloutStatus(): RolloutStatus {
    if (state.aborted) return 'aborted';
    if (state.waveIdx >= waves.length && marks.count('all', SETTLED_MARKS) === marks.size && state.rollbacks.length === 0) {
      return 'completed';
    }
    if (state.halted) return 'halted';
    if (state.paused) return 'paused';
    if (wave()?.status === 'awaiting_approval') return 'awaiting_approval';
    return 'running';
  }

  function rejectIfEnded() {
    if (rolloutStatus() === 'completed') throw conflict('rollout is completed');
  }

  setHandler(siteMarkSignal, ({ ordinal, mark }) => {
    marks.set(ordinal, mark);
    if (mark === MARK.rolledBack || mark === MARK.skipped) state.rollbackRuns.delete(ordinal);
    changes++;
  });

  setHandler(
    launchWaveUpdate,
    async ({ wave: name, actor }) => {
      const w = waves[findWave(name)]!;
      if (w.status === 'awaiting_approval') {
        w.status = 'running';
        changes++;
        await audit('launch', actor, {}, { wave: name });
      }
      return result({ wave: { name, status: w.status } });
    },
    {
      validator: ({ wave: name }) => {
        rejectIfEnded();
        if (state.aborted) throw conflict('rollout is aborted');
        const w = waves[findWave(name)]!;
        if (w.status === 'pending') throw conflict(`wave "${name}" is pending: the waves before it have not finished`);
        if (w.status !== 'awaiting_approval') throw conflict(`wave "${name}" is ${w.status}: only a wave awaiting approval can be launched`);
      },
    },
  );

  setHandler(
    pauseUpdate,
    async ({ actor }) => {
      if (!state.paused) {
        state.paused = true;
        changes++;
        await audit('pause', actor, {});
      }
      return result();
    },
    {
      validator: (_: { actor: Actor }) => {
        rejectIfAbortedOrEnded();
        if (state.paused) throw conflict('rollout is already paused');
      },
    },
  );

  setHandler(
    resumeUpdate,
    async ({ actor }) => {
      if (state.paused || state.halted) {
        const wasHalted = state.halted;
        state.paused = false;
        state.halted = false;
        changes++;
        if (wasHalted) await commandAll([...marks.find(RUNNING_MARKS)], { type: 'release' });
        await audit('resume', actor, {});
      }
      return result();
    },
    {
      validator: (_: { actor: Actor }) => {
        rejectIfAbortedOrEnded();
        if (!state.paused && !state.halted) throw conflict(`rollout is ${rolloutStatus()}: only a paused or halted rollout can be resumed`);
      },
    },
  );

  setHandler(
    abortUpdate,
    async ({ actor }) => {
      if (!state.aborted) {
        state.aborted = true;
        for (const w of waves) if (w.status !== 'completed') w.status = 'aborted';
        changes++;
        await audit('abort', actor, {});
        await commandAll([...marks.find(RUNNING_MARKS)], { type: 'abort' });
      }
      return result();
    },
    {
      validator: (_: { actor: Actor }) => {
        rejectIfEnded();
        if (state.aborted) throw conflict('rollout is already aborted');
      },
    },
  );

  setHandler(
    siteActionUpdate,
    async ({ action, site, actor }) => {
      const before = marks.get(site.ordinal)!;
      // Started before any await: the new mark is set at once, so a duplicate request fails validation.
      const acting = actOnSite(action, site, before);
      const wave = waves[marks.waveOf(site.ordinal)]!.name;
      await audit(action, actor, { from: STATE_OF_MARK[before] }, { site: site.code, wave });
      await acting;
      return siteResult(site);
    },
    {
      validator: ({ action, site }: SiteActionInput) => {
        rejectIfEnded();
        const mark = marks.get(site.ordinal);
        if (mark === undefined) throw conflict(`site ${site.code} is not part of this rollout`);
        if (!SITE_ACTION_FROM[action].includes(mark)) throw conflict(`site ${site.code} is ${STATE_OF_MARK[mark]}: cannot ${action} it`);
        if (action === 'retry' && state.aborted) throw conflict('rollout is aborted: a failed site can be rolled back or skipped');
      },
    },
  );

  // Readiness confirmations go straight to the site now (the API writes its row, then signals it). The handler
  // stays for rollouts whose histories hold one sent by an earlier version: replay needs it.
  setHandler(
    readinessUpdate,
    async ({ site, readiness, actor }) => {
      const wave = waves[marks.waveOf(site.ordinal)]!.name;
      await db.recordReadiness({ rolloutId, code: site.code, wave, readiness, actor });
      // Checked after the write: a site that started meanwhile may already have read the database, or passed
      // training with it; one still short of training is told, once its workflow exists.
      const mark = marks.get(site.ordinal);
      if (mark === MARK.running || mark === MARK.failed) await commandIfRunning(site, { type: 'readiness', readiness });
      return siteResult(site);
    },
    {
      validator: ({ site }) => {
        rejectIfEnded();
        if (!settings.requireReadiness) throw conflict('this rollout does not wait for readiness confirmations');
        const mark = marks.get(site.ordinal);
        if (mark === undefined) throw conflict(`site ${site.code} is not part of this rollout`);
        if (!BEFORE_TRAINING.includes(mark)) {
          throw conflict(`site ${site.code} is ${STATE_OF_MARK[mark]} and past training`);
        }
      },
    },
  );

  setHandler(
    waveRollbackUpdate,
    async ({ wave: name, actor }) => {
      const idx = findWave(name);
      if (!state.rollbacks.some((r) => r.wave === idx)) {
        state.rollbacks.push({ wave: idx, cursor: waves[idx]!.start });
        changes++;
        await audit('rollback_wave', actor, {}, { wave: name });
      }
      return result({ wave: { name, status: waves[idx]!.status } });
    },
    {
      validator: ({ wave: name }) => {
        rejectIfEnded();
        const idx = findWave(name);
        const w = waves[idx]!;
        if (w.status === 'pending' || w.status === 'awaiting_approval') throw conflict(`wave "${name}" is ${w.status}: nothing to roll back`);
        if (state.rollbacks.some((r) => r.wave === idx)) throw conflict(`wave "${name}" is already being rolled back`);
        if (marks.count(idx, [...FAILED_MARKS, MARK.succeeded]) === 0) throw conflict(`wave "${name}" has no succeeded or failed site to roll back`);
      },
    },
  );

  function rejectIfAbortedOrEnded() {
    rejectIfEnded();
    if (state.aborted) throw conflict('rollout is aborted');
  }

  async function actOnSite(action: SiteAction, site: SiteRef, before: Mark) {
    changes++;
    if (action === 'skip') {
      // Skipping, not yet skipped: the rollout cannot complete before the site's row says so.
      marks.set(site.ordinal, MARK.skipping);
      if (before === MARK.pending) {
        await db.recordSiteState({ rolloutId, code: site.code, seq: 1, state: 'skipped', step: null, attempts: 1, completedSteps: [], cause: 'skipped before it started' });
        marks.set(site.ordinal, MARK.skipped);
        changes++;
      } else {
        await command(site, { type: 'skip' });
      }
    } else if (action === 'retry') {
      marks.set(site.ordinal, before === MARK.failedPastTraining ? MARK.runningPastTraining : MARK.running);
      await command(site, { type: 'retry' });
    } else {
      marks.set(site.ordinal, MARK.rollingBack);
      if (before === MARK.succeeded) {
        state.rollbackRuns.add(site.ordinal);
        await startChild(siteWorkflow, {
          workflowId: childId(site),
          args: [{ rolloutId, code: site.code, ordinal: site.ordinal, settings, mode: 'rollback' }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
        });
      } else {
        await command(site, { type: 'rollback' });
      }
    }
  }

  /**
   * Site workflows are addressed by code; the codes of ordinals come from the database. A site that finished
   * while its last mark is still on its way here has nothing left to hold, release or abort: it is passed over.
   */
  async function commandAll(ordinals: number[], cmd: SiteCommand) {
    if (ordinals.length === 0) return;
    // Sites marked running may still be starting: signal them once they exist.
    await condition(() => starting.size === 0);
    const sites = await db.loadSiteCodes({ rolloutId, ordinals });
    await Promise.all(sites.map((site) => commandIfRunning(site, cmd)));
  }

  /** Halts when the wave's failures reach its threshold; after a resume only new failures count. */
  async function checkThreshold(w: WaveRuntime, idx: number) {
    if (!w.threshold || state.halted) return;
    const failed = marks.count(idx, FAILED_MARKS);
    if (failed === 0 || failed <= (state.haltedAtFailures[idx] ?? -1)) return;
    const { maxFailed, maxFailedPercent, minCompleted = 0 } = w.threshold;
    const byCount = maxFailed !== undefined && failed >= maxFailed;
    const byPercent =
      maxFailedPercent !== undefined &&
      marks.count(idx, FINISHED_MARKS) >= minCompleted &&
      (failed / w.size) * 100 >= maxFailedPercent;
    if (!byCount && !byPercent) return;
    state.halted = true;
    state.haltedAtFailures[idx] = failed;
    await commandAll([...marks.find(RUNNING_MARKS, w.start, w.start + w.size)], { type: 'hold' });
  }

  /** Starts sites of the current wave until `maxParallel` run; returns once the starts are recorded. */
  async function fillWindow(w: WaveRuntime, idx: number) {
    const end = w.start + w.size;
    const starts: Promise<unknown>[] = [];
    // Re-checked on every pass: an abort, pause or halt may arrive while a page of sites loads.
    while (!state.aborted && !state.paused && !state.halted && marks.count(idx, RUNNING_MARKS) < w.maxParallel) {
      if (buffer.length === 0) {
        if (state.cursor >= end) break;
        buffer = await db.loadSitePage({ rolloutId, from: state.cursor, count: Math.min(w.maxParallel * 2, end - state.cursor, 500) });
        if (buffer.length === 0) break;
      }
      const next = buffer.shift()!;
      state.cursor = next.ordinal + 1;
      if (marks.get(next.ordinal) !== MARK.pending) continue;
      marks.set(next.ordinal, MARK.running);
      const start = startChild(siteWorkflow, {
        workflowId: siteWorkflowId(rolloutId, next.code),
        args: [{ rolloutId, code: next.code, ordinal: next.ordinal, settings, mode: 'run' }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      const ordinal = next.ordinal;
      starting.set(ordinal, start.finally(() => starting.delete(ordinal)).catch(() => undefined));
      starts.push(start);
    }
    await Promise.all(starts);
  }

  /** Wave rollbacks: undo succeeded and failed sites, at most `maxParallel` of a wave at a time. */
  async function advanceRollbacks() {
    for (const r of state.rollbacks) {
      const w = waves[r.wave]!;
      const end = w.start + w.size;
      while (marks.count(r.wave, [MARK.rollingBack]) < w.maxParallel) {
        const next = marks.find([...FAILED_MARKS, MARK.succeeded], r.cursor, end).next();
        if (next.done) {
          r.cursor = end;
          break;
        }
        r.cursor = next.value + 1;
        const [site] = await db.loadSiteCodes({ rolloutId, ordinals: [next.value] });
        if (site) await actOnSite('rollback', site, marks.get(next.value)!);
      }
    }
    // A wave rollback is done once every site it started has left rolling_back.
    state.rollbacks = state.rollbacks.filter((r) => r.cursor < waves[r.wave]!.start + waves[r.wave]!.size || marks.count(r.wave, [MARK.rollingBack]) > 0);
  }

  /** Writes the rollout's and waves' statuses if they changed; says whether it wrote. */
  async function project(): Promise<boolean> {
    const status = rolloutStatus();
    const waveStatuses = waves.map((w) => w.status);
    if (status === projected.status && waveStatuses.every((s, i) => s === projected.waves[i])) return false;
    await db.recordRolloutStatus({ rolloutId, status, waves: waveStatuses.map((s, idx) => ({ idx, status: s })) });
    projected = { status, waves: waveStatuses };
    return true;
  }

  /** Completed, or aborted with nothing left running, failed or being undone. */
  function finished(): boolean {
    const status = rolloutStatus();
    const openSites = marks.count('all', [...RUNNING_MARKS, ...FAILED_MARKS, MARK.rollingBack, MARK.skipping]);
    return status === 'completed' || (status === 'aborted' && openSites === 0 && state.rollbacks.length === 0);
  }

  /** Moves the current wave along: approval, sliding window, bake, and on to the next wave. */
  async function advanceWave() {
    const w = wave();
    if (!w || state.aborted) return;
    const idx = state.waveIdx;
    if (w.status === 'pending') w.status = w.approval === 'manual' ? 'awaiting_approval' : 'running';
    if (w.status === 'running') {
      await checkThreshold(w, idx);
      if (!state.paused && !state.halted) await fillWindow(w, idx);
      const ranAll = state.cursor >= w.start + w.size && marks.count(idx, [MARK.pending, ...RUNNING_MARKS]) === 0;
      if (ranAll && !state.halted) {
        const bake = w.bakeSeconds > 0 && idx < waves.length - 1;
        w.status = bake ? 'baking' : 'completed';
        if (bake) state.bakeUntil = Date.now() + w.bakeSeconds * 1000;
      }
    }
    if (w.status === 'baking' && Date.now() >= (state.bakeUntil ?? 0)) w.status = 'completed';
    if (w.status === 'completed') {
      state.waveIdx++;
      state.cursor = wave()?.start ?? state.cursor;
      state.bakeUntil = undefined;
      buffer = [];
      changes++;
    }
  }

  for (;;) {
    const seen = changes;
    await advanceWave();
    await advanceRollbacks();
    await project();

    if (finished()) {
      await condition(allHandlersFinished);
      // Marks that arrived while the projection above was written, or while handlers finished, are projected
      // first: the workflow ends only once the projection shows how it ends.
      if (!(await project()) && finished()) return rolloutStatus();
      continue;
    }
    // Checked before waiting and whatever else changed: a busy window may never be idle.
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > HISTORY_EVENTS_LIMIT) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof rolloutWorkflow>({
        ...input,
        waves,
        status: projected.status,
        marks: marks.encode(),
        waveIdx: state.waveIdx,
        cursor: state.cursor,
        paused: state.paused,
        halted: state.halted,
        aborted: state.aborted,
        bakeUntil: state.bakeUntil,
        haltedAtFailures: state.haltedAtFailures,
        rollbacks: state.rollbacks,
        rollbackRuns: [...state.rollbackRuns],
      });
    }
    if (changes !== seen) continue;
    const bakeLeft = wave()?.status === 'baking' ? Math.max(1, (state.bakeUntil ?? 0) - Date.now()) : undefined;
    if (bakeLeft === undefined) await condition(() => changes !== seen);
    else await condition(() => changes !== seen, bakeLeft);
  }
}
