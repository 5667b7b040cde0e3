/**
 * How `rollwave watch` shows a rollout: redrawn in place on a terminal (cli-progress, a bar per wave), one plain
 * line per change when piped, one JSON line per change with --json.
 */
import cliProgress from 'cli-progress';
import { countsInWords, settled } from './rollout-view';
import { failureLine, SHOWN_FAILURES, timeLine, type Failure, type WatchFrame } from './watch-state';

export interface WatchView {
  show(frame: WatchFrame): void;
  /** A failure as the stream brought it. */
  failed(failure: Failure): void;
  /** Called once when watching ends; `message` goes after the last frame. */
  stop(message?: string): void;
}

export function viewFor(opts: { json: boolean; tty: boolean }): WatchView {
  if (opts.json) return new JsonLinesView();
  return opts.tty ? new TerminalView() : new PlainView();
}

class JsonLinesView implements WatchView {
  private last = '';
  show(frame: WatchFrame) {
    const { elapsedSeconds: _e, leftSeconds: _l, ...change } = frame;
    const key = JSON.stringify(change);
    if (key === this.last) return;
    this.last = key;
    process.stdout.write(`${JSON.stringify(frame)}\n`);
  }
  failed() {}
  stop(message?: string) {
    if (message) process.stderr.write(`${message}\n`);
  }
}

const clock = () => new Date().toISOString().slice(11, 19);

class PlainView implements WatchView {
  private last = '';
  /** Sites whose failure is printed: one line each, whether the stream or the first reading brought it. */
  private printed = new Set<string>();
  show(f: WatchFrame) {
    const failing = new Set(f.failures.map((x) => x.code));
    for (const code of this.printed) if (!failing.has(code)) this.printed.delete(code);
    for (const failure of [...f.failures].reverse()) this.failed(failure);
    const waves = f.waves.map((w) => `${w.name} ${settled(w.counts)}/${w.sites} ${w.status} (${countsInWords(w.counts)})`).join(' · ');
    const line = `${f.status} · ${settled(f.totals)}/${f.totals.sites} done · ${waves}`;
    if (line === this.last) return;
    this.last = line;
    process.stdout.write(`${clock()} ${line} · ${timeLine(f)}\n`);
  }
  failed(failure: Failure) {
    if (this.printed.has(failure.code)) return;
    this.printed.add(failure.code);
    process.stdout.write(`${clock()} ${failureLine(failure)}\n`);
  }
  stop(message?: string) {
    if (message) process.stdout.write(`${message}\n`);
  }
}

/** Redrawn in place: a header, a bar per wave, then the latest failures. */
class TerminalView implements WatchView {
  private readonly bars = new cliProgress.MultiBar(
    {
      format: '{text}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      autopadding: false,
      fps: 5,
      barsize: 30,
      linewrap: false,
      forceRedraw: true,
      stream: process.stdout,
    },
    cliProgress.Presets.shades_classic,
  );
  private header?: cliProgress.SingleBar;
  private waves = new Map<string, cliProgress.SingleBar>();
  private failures: cliProgress.SingleBar[] = [];
  private frame?: WatchFrame;
  private shownAt = Date.now();
  // Elapsed time and time left move between changes too.
  private readonly ticker = setInterval(() => this.frame && this.draw(this.frame), 1000);

  show(f: WatchFrame) {
    this.frame = f;
    this.shownAt = Date.now();
    this.draw(f);
  }

  private draw(f: WatchFrame) {
    const since = Math.round((Date.now() - this.shownAt) / 1000);
    const now = { ...f, elapsedSeconds: f.elapsedSeconds + since, leftSeconds: f.leftSeconds === null ? null : Math.max(0, f.leftSeconds - since) };
    const headerText = `${f.id}${f.name ? `  ${f.name}` : ''}  ·  ${f.status}  ·  ${settled(f.totals)}/${f.totals.sites} done  ·  ${timeLine(now)}`;
    this.header ??= this.bars.create(1, 0, { text: '' });
    this.header.update(0, { text: headerText });
    const width = Math.max(...f.waves.map((w) => w.name.length));
    for (const w of f.waves) {
      let bar = this.waves.get(w.name);
      if (!bar) {
        bar = this.bars.create(Math.max(w.sites, 1), 0, {}, { format: '  {wave} {bar} {done}/{sites} {status} · {counts}' });
        this.waves.set(w.name, bar);
      }
      const done = settled(w.counts);
      bar.setTotal(Math.max(w.sites, 1));
      bar.update(done, { wave: w.name.padEnd(width), done, sites: w.sites, status: w.status, counts: countsInWords(w.counts) });
    }
    if (this.failures.length === 0) this.failures = Array.from({ length: SHOWN_FAILURES + 1 }, () => this.bars.create(1, 0, { text: '' }));
    const lines = f.failures.length > 0 ? [`latest failures (${f.totals.failed ?? 0} failed in all):`, ...f.failures.map((x) => `  ${failureLine(x)}`)] : [];
    this.failures.forEach((bar, i) => bar.update(0, { text: lines[i] ?? '' }));
  }

  failed() {}

  stop(message?: string) {
    clearInterval(this.ticker);
    if (this.frame) this.draw(this.frame);
    this.bars.stop();
    if (message) process.stdout.write(`${message}\n`);
  }
}
