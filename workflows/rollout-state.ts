/**
 * A rollout as its workflow tracks it (waves, site marks, pause, halt, abort, wave rollbacks) and the rules that
 * change it. Deterministic and free of I/O: the workflow makes the calls these rules ask for, and the rules can be
 * tested without a Temporal server.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { SITE_ACTION_FROM, type RolloutStatus, type SiteAction, type SiteState, type WaveStatus } from '../domain/states';
import {
  FAILURE,
  MARK,
  siteWorkflowId,
  type ActionResult,
  type Mark,
  type RolloutWorkflowInput,
  type SiteRef,
  type WaveRuntime,
} from './contract';
import { FAILED_MARKS, FINISHED_MARKS, marksShowing, RUNNING_MARKS, SETTLED_MARKS, SiteMarks, STATE_OF_MARK } from './site-marks';

/** Marks at which a readiness confirmation still matters: the site has not passed training. */
const BEFORE_TRAINING: readonly Mark[] = [MARK.pending, MARK.running, MARK.failed];

/** The marks each site action is allowed from: those showing the states API.md allows it from. */
const ACTION_FROM_MARKS = {
  retry: marksShowing(SITE_ACTION_FROM.retry),
  rollback: marksShowing(SITE_ACTION_FROM.rollback),
  skip: marksShowing(SITE_ACTION_FROM.skip),
} as const satisfies Record<SiteAction, readonly Mark[]>;

/** Site codes read at once by the sliding window: twice the window, at most this many. */
const MAX_PAGE = 500;

/** Rejects an action the current state does not allow; the API answers 409 with this message. */
const conflict = (message: string) => ApplicationFailure.create({ type: FAILURE.conflict, message, nonRetryable: true });

export type WaveRollback = RolloutWorkflowInput['rollbacks'][number];

/** How an accepted site action is carried out: a row written, a new rollback run started, or a command to the site. */
export type SiteActionWork = 'record_skip' | 'start_rollback_run' | 'command_site';

/** Rollout and wave statuses, as the projection shows them. */
export interface ProjectedStatuses {
  status: RolloutStatus;
  waves: WaveStatus[];
}

export class RolloutState {
  readonly waves: WaveRuntime[];
  readonly marks: SiteMarks;
  rollbacks: WaveRollback[];
  /** Bumped by every change the main loop must act on, so that it wakes up and looks again. */
  changes = 0;
  private readonly rolloutId: string;
  private readonly requireReadiness: boolean;
  private waveIdx: number;
  /** Next ordinal of the current wave the sliding window looks at. */
  private cursor: number;
  private paused: boolean;
  private halted: boolean;
  private aborted: boolean;
  private bakeUntil: number | undefined;
  private readonly haltedAtFailures: Record<number, number>;
  private readonly rollbackRuns: Set<number>;
  /** Sites of the current wave read ahead of the window; not carried across continue-as-new. */
  private page: SiteRef[] = [];
  private projected: ProjectedStatuses;

  constructor(input: RolloutWorkflowInput) {
    this.rolloutId = input.rolloutId;
    this.requireReadiness = input.settings.requireReadiness;
    this.waves = input.waves.map((w) => ({ ...w }));
    this.marks = new SiteMarks(input.marks, this.waves);
    this.waveIdx = input.waveIdx;
    this.cursor = input.cursor;
    this.paused = input.paused;
    this.halted = input.halted;
    this.aborted = input.aborted;
    this.bakeUntil = input.bakeUntil;
    this.haltedAtFailures = { ...input.haltedAtFailures };
    this.rollbacks = input.rollbacks.map((r) => ({ ...r }));
    this.rollbackRuns = new Set(input.rollbackRuns);
    this.projected = { status: input.status, waves: this.waves.map((w) => w.status) };
  }

  private get wave(): WaveRuntime | undefined {
    return this.waves[this.waveIdx];
  }

  status(): RolloutStatus {
    if (this.aborted) return 'aborted';
    if (this.waveIdx >= this.waves.length && this.marks.count('all', SETTLED_MARKS) === this.marks.size && this.rollbacks.length === 0) {
      return 'completed';
    }
    if (this.halted) return 'halted';
    if (this.paused) return 'paused';
    if (this.wave?.status === 'awaiting_approval') return 'awaiting_approval';
    return 'running';
  }

  /** Completed, or aborted with nothing left running, failed or being undone: the workflow may end. */
  finished(): boolean {
    const status = this.status();
    const openSites = this.marks.count('all', [...RUNNING_MARKS, ...FAILED_MARKS, MARK.rollingBack, MARK.skipping]);
    return status === 'completed' || (status === 'aborted' && openSites === 0 && this.rollbacks.length === 0);
  }

  siteState(ordinal: number): SiteState {
    return STATE_OF_MARK[this.marks.get(ordinal)!];
  }

  waveNameOf(ordinal: number): string {
    return this.waves[this.marks.waveOf(ordinal)]!.name;
  }

  result(): ActionResult {
    return { status: this.status() };
  }

  waveResult(name: string): ActionResult {
    return { status: this.status(), wave: { name, status: this.waves[this.findWave(name)]!.status } };
  }

  siteResult(site: SiteRef): ActionResult {
    return { status: this.status(), site: { code: site.code, state: this.siteState(site.ordinal) } };
  }

  /** A site's workflow id; a succeeded site being undone runs a second workflow beside its first. */
  siteWorkflowIdOf(site: SiteRef): string {
    return siteWorkflowId(this.rolloutId, site.code) + (this.rollbackRuns.has(site.ordinal) ? '/rollback' : '');
  }

  validateLaunch(name: string): void {
    this.refuseIfAbortedOrCompleted();
    const w = this.waves[this.findWave(name)]!;
    if (w.status === 'pending') throw conflict(`wave "${name}" is pending: the waves before it have not finished`);
    if (w.status !== 'awaiting_approval') throw conflict(`wave "${name}" is ${w.status}: only a wave awaiting approval can be launched`);
  }

  validatePause(): void {
    this.refuseIfAbortedOrCompleted();
    if (this.paused) throw conflict('rollout is already paused');
  }

  validateResume(): void {
    this.refuseIfAbortedOrCompleted();
    if (!this.paused && !this.halted) throw conflict(`rollout is ${this.status()}: only a paused or halted rollout can be resumed`);
  }

  validateAbort(): void {
    this.refuseIfCompleted();
    if (this.aborted) throw conflict('rollout is already aborted');
  }

  validateSiteAction(action: SiteAction, site: SiteRef): void {
    this.refuseIfCompleted();
    const mark = this.markOf(site);
    if (!ACTION_FROM_MARKS[action].includes(mark)) throw conflict(`site ${site.code} is ${STATE_OF_MARK[mark]}: cannot ${action} it`);
    if (action === 'retry' && this.aborted) throw conflict('rollout is aborted: a failed site can be rolled back or skipped');
  }

  validateReadiness(site: SiteRef): void {
    this.refuseIfCompleted();
    if (!this.requireReadiness) throw conflict('this rollout does not wait for readiness confirmations');
    const mark = this.markOf(site);
    if (!BEFORE_TRAINING.includes(mark)) throw conflict(`site ${site.code} is ${STATE_OF_MARK[mark]} and past training`);
  }

  validateWaveRollback(name: string): void {
    this.refuseIfCompleted();
    const idx = this.findWave(name);
    const w = this.waves[idx]!;
    if (w.status === 'pending' || w.status === 'awaiting_approval') throw conflict(`wave "${name}" is ${w.status}: nothing to roll back`);
    if (this.rollbacks.some((r) => r.wave === idx)) throw conflict(`wave "${name}" is already being rolled back`);
    if (this.marks.count(idx, ACTION_FROM_MARKS.rollback) === 0) throw conflict(`wave "${name}" has no succeeded or failed site to roll back`);
  }

  /** A site's report of its new mark; a rollback run is over once its site is rolled back or skipped. */
  recordMark(ordinal: number, mark: Mark): void {
    this.marks.set(ordinal, mark);
    if (mark === MARK.rolledBack || mark === MARK.skipped) this.rollbackRuns.delete(ordinal);
    this.changes++;
  }

  /** Launches a wave awaiting approval; says whether it did (a repeat finds it running). */
  launch(name: string): boolean {
    const w = this.waves[this.findWave(name)]!;
    if (w.status !== 'awaiting_approval') return false;
    w.status = 'running';
    this.changes++;
    return true;
  }

  pause(): boolean {
    if (this.paused) return false;
    this.paused = true;
    this.changes++;
    return true;
  }

  /** Lifts a pause or a halt; says which, since a halt held running sites that must now be released. */
  resume(): 'paused' | 'halted' | undefined {
    if (!this.paused && !this.halted) return undefined;
    const lifted = this.halted ? 'halted' : 'paused';
    this.paused = false;
    this.halted = false;
    this.changes++;
    return lifted;
  }

  /** Aborts the rollout and every wave not completed; says whether it did. */
  abort(): boolean {
    if (this.aborted) return false;
    this.aborted = true;
    for (const w of this.waves) if (w.status !== 'completed') w.status = 'aborted';
    this.changes++;
    return true;
  }

  /** Starts undoing a wave's succeeded and failed sites; says whether it did (a repeat finds it under way). */
  startWaveRollback(name: string): boolean {
    const idx = this.findWave(name);
    if (this.rollbacks.some((r) => r.wave === idx)) return false;
    this.rollbacks.push({ wave: idx, cursor: this.waves[idx]!.start });
    this.changes++;
    return true;
  }

  /**
   * Takes a validated site action: the site's new mark is set at once, so a duplicate request fails validation.
   * A skip is `skipping`, not yet skipped: the rollout cannot complete before the site's row says so.
   */
  acceptSiteAction(action: SiteAction, ordinal: number): SiteActionWork {
    const before = this.marks.get(ordinal);
    this.changes++;
    if (action === 'skip') {
      this.marks.set(ordinal, MARK.skipping);
      return before === MARK.pending ? 'record_skip' : 'command_site';
    }
    if (action === 'retry') {
      this.marks.set(ordinal, before === MARK.failedPastTraining ? MARK.runningPastTraining : MARK.running);
      return 'command_site';
    }
    this.marks.set(ordinal, MARK.rollingBack);
    if (before !== MARK.succeeded) return 'command_site';
    this.rollbackRuns.add(ordinal);
    return 'start_rollback_run';
  }

  /** A site skipped before it started, once its row says so. */
  skippedBeforeStart(ordinal: number): void {
    this.marks.set(ordinal, MARK.skipped);
    this.changes++;
  }

  /** Whether the site's workflow has been started (its mark has left pending). */
  hasStarted(ordinal: number): boolean {
    return this.marks.get(ordinal) !== MARK.pending;
  }

  runningSites(): number[] {
    return [...this.marks.find(RUNNING_MARKS)];
  }

  runningSitesOfWave(): number[] {
    const w = this.wave!;
    return [...this.marks.find(RUNNING_MARKS, w.start, w.start + w.size)];
  }

  /**
   * Halts when the current wave's failures reach its threshold; after a resume only new failures count. Says
   * whether it halted.
   */
  haltIfThresholdCrossed(): boolean {
    const idx = this.waveIdx;
    const w = this.waves[idx]!;
    if (!w.threshold || this.halted) return false;
    const failed = this.marks.count(idx, FAILED_MARKS);
    if (failed === 0 || failed <= (this.haltedAtFailures[idx] ?? -1)) return false;
    const { maxFailed, maxFailedPercent, minCompleted = 0 } = w.threshold;
    const byCount = maxFailed !== undefined && failed >= maxFailed;
    const byPercent =
      maxFailedPercent !== undefined && this.marks.count(idx, FINISHED_MARKS) >= minCompleted && (failed / w.size) * 100 >= maxFailedPercent;
    if (!byCount && !byPercent) return false;
    this.halted = true;
    this.haltedAtFailures[idx] = failed;
    return true;
  }

  /** The current wave, once out of `pending` (awaiting approval or running); none once every wave is done or aborted. */
  enterWave(): WaveRuntime | undefined {
    const w = this.wave;
    if (!w || this.aborted) return undefined;
    if (w.status === 'pending') w.status = w.approval === 'manual' ? 'awaiting_approval' : 'running';
    return w;
  }

  /** Neither paused nor halted: the sliding window may fill. */
  mayFillWindow(): boolean {
    return !this.paused && !this.halted;
  }

  /** The window may start one more site: not stopped (an abort may come while a page loads) and below `maxParallel`. */
  windowHasRoom(): boolean {
    const w = this.wave!;
    return !this.aborted && !this.paused && !this.halted && this.marks.count(this.waveIdx, RUNNING_MARKS) < w.maxParallel;
  }

  pageUsedUp(): boolean {
    return this.page.length === 0;
  }

  /** The sites to read next for the window, or none once the cursor has passed the wave's last site. */
  nextPage(): { from: number; count: number } | undefined {
    const w = this.wave!;
    const end = w.start + w.size;
    if (this.cursor >= end) return undefined;
    return { from: this.cursor, count: Math.min(w.maxParallel * 2, end - this.cursor, MAX_PAGE) };
  }

  pageRead(sites: SiteRef[]): void {
    this.page = sites;
  }

  /** The next site read, marked running, if it is still pending (an operator may have skipped it); moves the cursor past it. */
  takeSiteToStart(): SiteRef | undefined {
    const next = this.page.shift()!;
    this.cursor = next.ordinal + 1;
    if (this.marks.get(next.ordinal) !== MARK.pending) return undefined;
    this.marks.set(next.ordinal, MARK.running);
    return next;
  }

  /** Once every site of the running wave has run and it is not halted, it bakes, or completes (no bake after the last wave). */
  endWaveIfAllRan(now: number): void {
    const idx = this.waveIdx;
    const w = this.waves[idx]!;
    const ranAll = this.cursor >= w.start + w.size && this.marks.count(idx, [MARK.pending, ...RUNNING_MARKS]) === 0;
    if (!ranAll || this.halted) return;
    const bake = w.bakeSeconds > 0 && idx < this.waves.length - 1;
    w.status = bake ? 'baking' : 'completed';
    if (bake) this.bakeUntil = now + w.bakeSeconds * 1000;
  }

  /** A wave whose bake is over completes; a completed wave hands on to the next, whose window starts at its first site. */
  moveOnIfWaveDone(now: number): void {
    const w = this.wave!;
    if (w.status === 'baking' && now >= (this.bakeUntil ?? 0)) w.status = 'completed';
    if (w.status !== 'completed') return;
    this.waveIdx++;
    this.cursor = this.wave?.start ?? this.cursor;
    this.bakeUntil = undefined;
    this.page = [];
    this.changes++;
  }

  /** Milliseconds until the baking wave may complete (at least 1); undefined when no wave bakes. */
  bakeLeft(now: number): number | undefined {
    return this.wave?.status === 'baking' ? Math.max(1, (this.bakeUntil ?? 0) - now) : undefined;
  }

  /**
   * The next site wave rollback `r` undoes, moving its cursor past it; none while `maxParallel` of the wave are
   * rolling back, or once no site is left to undo.
   */
  nextSiteToRollBack(r: WaveRollback): number | undefined {
    const w = this.waves[r.wave]!;
    const end = w.start + w.size;
    if (this.marks.count(r.wave, [MARK.rollingBack]) >= w.maxParallel) return undefined;
    const next = this.marks.find(ACTION_FROM_MARKS.rollback, r.cursor, end).next();
    if (next.done) {
      r.cursor = end;
      return undefined;
    }
    r.cursor = next.value + 1;
    return next.value;
  }

  /** A wave rollback is done once its cursor has passed the wave and every site it started has left rolling_back. */
  dropFinishedRollbacks(): void {
    this.rollbacks = this.rollbacks.filter((r) => {
      const w = this.waves[r.wave]!;
      return r.cursor < w.start + w.size || this.marks.count(r.wave, [MARK.rollingBack]) > 0;
    });
  }

  /** The statuses to write when they differ from those last written; undefined when the projection shows them. */
  unprojectedStatuses(): ProjectedStatuses | undefined {
    const status = this.status();
    const waves = this.waves.map((w) => w.status);
    if (status === this.projected.status && waves.every((s, i) => s === this.projected.waves[i])) return undefined;
    return { status, waves };
  }

  projectedAs(statuses: ProjectedStatuses): void {
    this.projected = statuses;
  }

  /** What continue-as-new carries, beside the rollout's id and settings. */
  carried(): Omit<RolloutWorkflowInput, 'rolloutId' | 'settings'> {
    return {
      waves: this.waves,
      status: this.projected.status,
      marks: this.marks.encode(),
      waveIdx: this.waveIdx,
      cursor: this.cursor,
      paused: this.paused,
      halted: this.halted,
      aborted: this.aborted,
      bakeUntil: this.bakeUntil,
      haltedAtFailures: this.haltedAtFailures,
      rollbacks: this.rollbacks,
      rollbackRuns: [...this.rollbackRuns],
    };
  }

  private findWave(name: string): number {
    const idx = this.waves.findIndex((w) => w.name === name);
    if (idx < 0) throw conflict(`wave "${name}" is not part of this rollout`);
    return idx;
  }

  private markOf(site: SiteRef): Mark {
    const mark = this.marks.get(site.ordinal);
    if (mark === undefined) throw conflict(`site ${site.code} is not part of this rollout`);
    return mark;
  }

  private refuseIfCompleted(): void {
    if (this.status() === 'completed') throw conflict('rollout is completed');
  }

  private refuseIfAbortedOrCompleted(): void {
    this.refuseIfCompleted();
    if (this.aborted) throw conflict('rollout is aborted');
  }
}
