/**
 * Site marks: the state each stands for, the sets of them the rollout's rules use, and per-wave tallies so the
 * rollout workflow never scans 10,000 sites to decide a step.
 */
import { SETTLED_STATES, type SiteState } from '../domain/states';
import { MARK, type Mark, type WaveRuntime } from './contract';

/** The site state each mark shows as; rules stated in site states reach the marks through it. */
export const STATE_OF_MARK: Record<Mark, SiteState> = {
  [MARK.pending]: 'pending',
  [MARK.running]: 'running',
  [MARK.runningPastTraining]: 'running',
  [MARK.failed]: 'failed',
  [MARK.failedPastTraining]: 'failed',
  [MARK.succeeded]: 'succeeded',
  [MARK.rollingBack]: 'rolling_back',
  [MARK.rolledBack]: 'rolled_back',
  [MARK.skipping]: 'skipped',
  [MARK.skipped]: 'skipped',
};

/** The marks that show as one of `states`. */
export const marksShowing = (states: readonly SiteState[]): Mark[] =>
  (Object.keys(STATE_OF_MARK) as Mark[]).filter((mark) => states.includes(STATE_OF_MARK[mark]));

export const RUNNING_MARKS: readonly Mark[] = [MARK.running, MARK.runningPastTraining];
export const FAILED_MARKS: readonly Mark[] = [MARK.failed, MARK.failedPastTraining];
/** A skip accepted shows as skipped, but settles only once the site's row says so: `skipping` is not settled. */
export const SETTLED_MARKS: readonly Mark[] = marksShowing(SETTLED_STATES).filter((mark) => mark !== MARK.skipping);
/** Sites that have finished their forward run, for `failureThreshold.minCompleted`. */
export const FINISHED_MARKS: readonly Mark[] = [...FAILED_MARKS, ...SETTLED_MARKS, MARK.rollingBack, MARK.skipping];

export class SiteMarks {
  private readonly marks: Mark[];
  private readonly tallies: Map<Mark, number>[];

  constructor(
    encoded: string,
    private readonly waves: readonly WaveRuntime[],
  ) {
    this.marks = [...encoded] as Mark[];
    this.tallies = waves.map(() => new Map());
    this.marks.forEach((m, ordinal) => this.bump(this.waveOf(ordinal), m, 1));
  }

  get size(): number {
    return this.marks.length;
  }

  get(ordinal: number): Mark | undefined {
    return this.marks[ordinal];
  }

  set(ordinal: number, mark: Mark): void {
    const old = this.marks[ordinal];
    if (old === undefined || old === mark) return;
    const wave = this.waveOf(ordinal);
    this.bump(wave, old, -1);
    this.bump(wave, mark, 1);
    this.marks[ordinal] = mark;
  }

  /** Sites of wave `wave` (or of every wave) whose mark is one of `marks`. */
  count(wave: number | 'all', marks: readonly Mark[]): number {
    const tallies = wave === 'all' ? this.tallies : [this.tallies[wave]!];
    return tallies.reduce((sum, t) => sum + marks.reduce((n, m) => n + (t.get(m) ?? 0), 0), 0);
  }

  /** Ordinals whose mark is one of `marks`, in order; a full scan, for rare operator actions. */
  *find(marks: readonly Mark[], from = 0, to = this.marks.length): Generator<number> {
    for (let i = from; i < to; i++) if (marks.includes(this.marks[i]!)) yield i;
  }

  waveOf(ordinal: number): number {
    const idx = this.waves.findIndex((w) => ordinal >= w.start && ordinal < w.start + w.size);
    if (idx < 0) throw new RangeError(`site ordinal ${ordinal} is outside every wave`);
    return idx;
  }

  encode(): string {
    return this.marks.join('');
  }

  private bump(wave: number, mark: Mark, by: number) {
    const t = this.tallies[wave]!;
    t.set(mark, (t.get(mark) ?? 0) + by);
  }
}
