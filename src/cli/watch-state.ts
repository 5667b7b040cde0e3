/**
 * What `rollwave watch` knows of a rollout: its progress (re-read after events), the latest failures (kept from
 * the events), and how long it has run and may still run. Plain data, drawn by the views of watch-views.ts.
 */
import { settled, type Counts, type RolloutSummary } from './rollout-view';

export interface Failure {
  code: string;
  wave: string | null;
  step: string | null;
  error: string | null;
  at: string;
}

/** An event as the stream sends it (API.md, Progress): `data` of `site.state` carries the new `state`, `step`, `error`. */
export interface StreamEvent {
  cursor: string;
  at: string;
  type: string;
  site: string | null;
  wave: string | null;
  data: unknown;
}

/** What `watch --json` prints, one line per change (README, "--json output"). */
export interface WatchFrame {
  id: string;
  name: string | null;
  status: string;
  version: number;
  elapsedSeconds: number;
  /** Estimated seconds left at the pace so far; null until a site is done, or while waiting (approval, pause, halt). */
  leftSeconds: number | null;
  totals: Counts & { sites: number };
  waves: RolloutSummary['waves'];
  /** The latest failures still failed, newest first (at most 5). */
  failures: Failure[];
}

export const SHOWN_FAILURES = 5;

/** How `watch` ends on each settled status: completed 0; halted and aborted 3 (CLI.md). */
export const FINAL_STATUSES: Record<string, number> = { completed: 0, halted: 3, aborted: 3 };

export class WatchState {
  private failed = new Map<string, Failure>();
  version = 0;

  constructor(
    public rollout: RolloutSummary & { version: number },
    private readonly startedAt: Date,
  ) {
    this.version = rollout.version;
  }

  /** A newer reading of the progress; false when it is not newer than what is shown. */
  update(progress: RolloutSummary & { version: number }): boolean {
    if (progress.version < this.version) return false;
    const changed = progress.version > this.version || progress.status !== this.rollout.status;
    this.rollout = { ...this.rollout, ...progress };
    this.version = progress.version;
    return changed;
  }

  addFailure(f: Failure) {
    this.failed.delete(f.code);
    this.failed.set(f.code, f);
  }

  /** Keeps the failures from a `site.state` event; answers the failure when the event is one. */
  observe(e: StreamEvent): Failure | undefined {
    if (e.type !== 'site.state' || !e.site) return undefined;
    const data = (e.data ?? {}) as { state?: string; step?: string; error?: string };
    if (data.state === 'failed') {
      const f = { code: e.site, wave: e.wave, step: data.step ?? null, error: data.error ?? null, at: e.at };
      this.addFailure(f);
      return f;
    }
    this.failed.delete(e.site);
    return undefined;
  }

  get failures(): Failure[] {
    return [...this.failed.values()].sort((a, b) => b.at.localeCompare(a.at)).slice(0, SHOWN_FAILURES);
  }

  get final(): number | undefined {
    return FINAL_STATUSES[this.rollout.status];
  }

  elapsedSeconds(now = new Date()): number {
    return Math.max(0, Math.round((now.getTime() - this.startedAt.getTime()) / 1000));
  }

  /** Sites left at the pace so far (sites done per second since the rollout was created). */
  leftSeconds(now = new Date()): number | null {
    if (this.rollout.status !== 'running') return null;
    const done = settled(this.rollout.totals);
    const elapsed = this.elapsedSeconds(now);
    if (done === 0 || elapsed === 0) return null;
    return Math.round(((this.rollout.totals.sites - done) * elapsed) / done);
  }

  frame(now = new Date()): WatchFrame {
    const r = this.rollout;
    return {
      id: r.id,
      name: r.name ?? null,
      status: r.status,
      version: this.version,
      elapsedSeconds: this.elapsedSeconds(now),
      leftSeconds: this.leftSeconds(now),
      totals: r.totals,
      waves: r.waves,
      failures: this.failures,
    };
  }
}

/** `1h02m`, `3m05s`, `42s`. */
export function formatSeconds(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}

export function timeLine(f: WatchFrame): string {
  const left =
    f.leftSeconds !== null
      ? `~${formatSeconds(f.leftSeconds)} left`
      : f.status === 'running'
        ? 'time left: estimating'
        : f.status in FINAL_STATUSES
          ? ''
          : `time left: waiting (${f.status})`;
  return [`elapsed ${formatSeconds(f.elapsedSeconds)}`, left].filter(Boolean).join(' · ');
}

export const failureLine = (f: Failure) => `${f.code}${f.wave ? ` (${f.wave})` : ''} failed${f.step ? ` at ${f.step}` : ''}: ${f.error ?? 'no error given'}`;
