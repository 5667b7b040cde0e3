/**
 * The projected completion of a plan (CLI.md, "Projected completion"): when the rollout would finish if it started
 * now. Pure and deterministic: the caller passes `now`, the sites' time zones and the step durations in.
 *
 * The simulation follows the rollout workflow: a wave is a sliding window of `maxParallel` slots, and the next site
 * starts as soon as one finishes. A site takes config push, data load and training, then waits (holding its slot)
 * until its cutover fits inside its own cutover window, and cuts over. The next wave starts when the previous one
 * ends plus its bake (none after the last wave). Manual approvals are counted as instant, sites never fail.
 */
import { DateTime } from 'luxon';
import { windowOccurrence, type CutoverWindow } from './cutover-window';
import { formatDuration, parseDuration } from './duration';
import type { Estimates } from './plan';
import { FORWARD_STEPS, type ForwardStep } from './states';

/** The steps a site goes through, in order; the projection needs a duration for each. */

/** Where a duration came from: the plan's `estimates`, this installation's finished rollouts, or DEFAULT_STEP_SECONDS. */
export const DURATION_SOURCES = ['plan', 'history', 'default'] as const;
export type DurationSource = (typeof DURATION_SOURCES)[number];

export interface StepDuration {
  seconds: number;
  source: DurationSource;
  /** For `history`: the number of site runs the median is taken over. */
  sampleSize?: number;
}
export type StepDurations = Record<ForwardStep, StepDuration>;

/** A step's median over finished rollouts, and how many site runs it is taken over. */
export interface StepHistory {
  seconds: number;
  sampleSize: number;
}

/** What a step takes without an estimate or history. Training is 0: readiness confirmations are not simulated. */
export const DEFAULT_STEP_SECONDS: Readonly<Record<ForwardStep, number>> = { config_push: 120, data_load: 600, training: 0, cutover: 600 };

/** Each step's duration: the plan's estimate, else the installation's median, else the default. */
export function stepDurations(estimates: Estimates | undefined, history: Partial<Record<ForwardStep, StepHistory>>): StepDurations {
  const entries = FORWARD_STEPS.map((step): [ForwardStep, StepDuration] => {
    const estimate = estimates?.[step];
    const planned = estimate === undefined ? undefined : parseDuration(estimate);
    if (planned !== undefined) return [step, { seconds: planned, source: 'plan' }];
    const past = history[step];
    if (past && past.sampleSize > 0) return [step, { seconds: Math.round(past.seconds), source: 'history', sampleSize: past.sampleSize }];
    return [step, { seconds: DEFAULT_STEP_SECONDS[step], source: 'default' }];
  });
  return Object.fromEntries(entries) as StepDurations;
}

export interface ProjectedWaveInput {
  name: string;
  maxParallel: number;
  bakeSeconds: number;
  approval: 'auto' | 'manual';
  /** The IANA time zone of each of the wave's sites, in the order the wave runs them. */
  timeZones: readonly string[];
}

export interface ProjectionInput {
  now: Date;
  waves: readonly ProjectedWaveInput[];
  /** The plan's `cutover.window`, local time in each site's zone; omitted → cutovers at any time. */
  window?: CutoverWindow;
  durations: StepDurations;
  /** The plan's `training.requireReadiness`: training then waits for people, which is not simulated. */
  requireReadiness: boolean;
}

export interface ProjectedWave {
  name: string;
  sites: number;
  start: string;
  end: string;
  /** With a cutover window: the distinct local dates (each site's own) on which the windows its cutovers use open. */
  nights?: number;
  notes: string[];
}

export interface Projection {
  startsAt: string;
  completion: string;
  durations: StepDurations;
  waves: ProjectedWave[];
  notes: string[];
}

const SECOND = 1000;

export function projectRollout(input: ProjectionInput): Projection {
  const { durations, window } = input;
  const before = (durations.config_push.seconds + durations.data_load.seconds + durations.training.seconds) * SECOND;
  const cutover = durations.cutover.seconds * SECOND;
  // A window open all day (start = end) constrains nothing.
  const windowed = window && window.start !== window.end ? window : undefined;
  const calendars = new Map<string, WindowCalendar>();
  const calendarOf = (zone: string) => {
    let calendar = calendars.get(zone);
    if (!calendar) calendars.set(zone, (calendar = new WindowCalendar(windowed!, zone, input.now.getTime())));
    return calendar;
  };

  let cutoverTooLong = false;
  let at = input.now.getTime();
  const waves = input.waves.map((w, i): ProjectedWave => {
    const notes: string[] = [];
    if (w.approval === 'manual') notes.push('waits for a manual launch: counted as instant');
    const start = at;
    // Each slot's next free time; a site takes the earliest (the sliding window), so start times never go back.
    const slots = new MinHeap(Math.min(w.maxParallel, w.timeZones.length), start);
    const nights = new Set<string>();
    let end = start;
    for (const zone of w.timeZones) {
      const ready = slots.peek() + before;
      let cutoverStart = ready;
      if (windowed) {
        const fit = calendarOf(zone).fit(ready, cutover);
        cutoverStart = fit.start;
        nights.add(fit.night);
        cutoverTooLong ||= !fit.fits;
      }
      const done = cutoverStart + cutover;
      slots.replaceTop(done);
      if (done > end) end = done;
    }
    const last = i === input.waves.length - 1;
    if (w.bakeSeconds > 0 && !last) notes.push(`bakes ${formatDuration(w.bakeSeconds)} before the next wave starts`);
    at = end + (last ? 0 : w.bakeSeconds * SECOND);
    return {
      name: w.name,
      sites: w.timeZones.length,
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      ...(windowed ? { nights: nights.size } : {}),
      notes,
    };
  });

  return {
    startsAt: input.now.toISOString(),
    completion: new Date(at).toISOString(),
    durations,
    waves,
    notes: projectionNotes(input, windowed, cutoverTooLong),
  };
}

function projectionNotes(input: ProjectionInput, window: CutoverWindow | undefined, cutoverTooLong: boolean): string[] {
  const { durations } = input;
  const notes: string[] = [];
  if (input.waves.some((w) => w.approval === 'manual')) notes.push('manual approvals counted as instant');
  if (durations.training.source === 'default') {
    notes.push(
      input.requireReadiness
        ? 'readiness confirmations are not simulated: training counted as 0s (give estimates.training to count it)'
        : 'training passes at once: the plan does not require readiness',
    );
  }
  if (window) {
    notes.push(
      `each cutover starts inside the ${window.start}–${window.end} window in its site's own time zone; ` +
        'one that would not end before the window closes waits for the next opening, holding its slot',
    );
    if (cutoverTooLong) {
      notes.push(`the cutover (${formatDuration(durations.cutover.seconds)}) is longer than the window: counted from the window's opening, running past its close`);
    }
  }
  const defaults = FORWARD_STEPS.filter((s) => durations[s].source === 'default' && s !== 'training');
  if (defaults.length > 0) notes.push(`no estimate nor finished rollout for ${defaults.join(', ')}: default durations used`);
  notes.push('sites are counted as never failing: retries, rollbacks and failure thresholds are not simulated');
  return notes;
}

/**
 * The occurrences of one window in one zone, made once and walked forward: the sites a projection places ask in
 * non-decreasing time order, so each zone's occurrences are computed once whatever the number of its sites.
 */
class WindowCalendar {
  private readonly occurrences: { opens: number; closes: number; night: string }[] = [];
  /** Occurrences before it closed before the latest time asked about. */
  private first = 0;

  constructor(
    private readonly window: CutoverWindow,
    private readonly zone: string,
    private readonly origin: number,
  ) {}

  /** The earliest start at or after `ready` at which a cutover of `length` ms ends before its window closes. */
  fit(ready: number, length: number): { start: number; night: string; fits: boolean } {
    while (this.occurrence(this.first).closes <= ready) this.first++;
    // Windows keep their length but for DST nights: a cutover that fits none of a fortnight's never will.
    for (let i = this.first; i < this.first + 14; i++) {
      const o = this.occurrence(i);
      const start = Math.max(ready, o.opens);
      if (start + length <= o.closes) return { start, night: o.night, fits: true };
    }
    const o = this.occurrence(this.first);
    return { start: Math.max(ready, o.opens), night: o.night, fits: false };
  }

  private occurrence(i: number) {
    while (this.occurrences.length <= i) {
      const from = this.occurrences.at(-1)?.closes ?? this.origin;
      const { opens, closes } = windowOccurrence(new Date(from), this.window, this.zone);
      const night = DateTime.fromMillis(opens.getTime(), { zone: this.zone }).toISODate()!;
      this.occurrences.push({ opens: opens.getTime(), closes: closes.getTime(), night });
    }
    return this.occurrences[i]!;
  }
}

/** A fixed number of slots' free times: the earliest is read and replaced in O(log n). */
class MinHeap {
  private readonly items: number[];

  constructor(size: number, initial: number) {
    this.items = new Array<number>(Math.max(1, size)).fill(initial);
  }

  peek(): number {
    return this.items[0]!;
  }

  replaceTop(value: number): void {
    const items = this.items;
    items[0] = value;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < items.length && items[left]! < items[smallest]!) smallest = left;
      if (right < items.length && items[right]! < items[smallest]!) smallest = right;
      if (smallest === i) return;
      [items[i], items[smallest]] = [items[smallest]!, items[i]!];
      i = smallest;
    }
  }
}
