/**
 * Samples CPU time and resident memory of processes from /proc (Linux), and the machine's CPU, at a fixed
 * interval. A tracked "group" is a process and its children (a Postgres postmaster and its backends).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface Stat {
  ppid: number;
  /** utime + stime, seconds. */
  cpu: number;
  /** cutime + cstime (reaped children), seconds. */
  childCpu: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: split after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14 → index 11.
    const n = (i: number) => Number(fields[i]);
    return { ppid: n(1), cpu: (n(11) + n(12)) / CLK_TCK, childCpu: (n(13) + n(14)) / CLK_TCK };
  } catch {
    return undefined;
  }
}

function readRssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.ppid === pid) out.push(Number(entry));
  }
  return out;
}

/** Busy and total jiffies of all CPUs since boot. */
function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: (total - idle) / CLK_TCK, total: total / CLK_TCK };
}

export interface Sample {
  t: number;
  cpu: number;
  rss?: number;
}

export interface SeriesSummary {
  cpuSeconds: number;
  /** CPU seconds per wall second: 1.0 = one core busy. */
  avgCores: number;
  rssMin?: number;
  rssMax?: number;
  rssFirst?: number;
  rssLast?: number;
  /** RSS at 0 %, 10 %, … 100 % of the window. */
  rssDeciles?: number[];
}

interface Tracked {
  pid: number;
  group: boolean;
  samples: Sample[];
}

export class Sampler {
  private readonly tracked = new Map<string, Tracked>();
  private readonly machine: { t: number; busy: number; total: number }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs = 1000) {}

  track(name: string, pid: number, opts: { group?: boolean } = {}): void {
    this.tracked.set(name, { pid, group: opts.group ?? false, samples: [] });
  }

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  /** Takes a last sample and stops. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
  }

  sample(): void {
    const t = Date.now();
    for (const tracked of this.tracked.values()) {
      const stat = readStat(tracked.pid);
      if (!stat) continue;
      let cpu = stat.cpu;
      if (tracked.group) {
        cpu += stat.childCpu;
        for (const child of childrenOf(tracked.pid)) cpu += readStat(child)?.cpu ?? 0;
      }
      tracked.samples.push({ t, cpu, rss: tracked.group ? undefined : readRssBytes(tracked.pid) });
    }
    this.machine.push({ t, ...machineCpu() });
  }

  /** Summary between `from` and `to` (epoch ms); whole recording when omitted. */
  summary(name: string, from = 0, to = Number.POSITIVE_INFINITY): SeriesSummary | undefined {
    const samples = this.tracked.get(name)?.samples.filter((s) => s.t >= from && s.t <= to) ?? [];
    if (samples.length < 2) return undefined;
    const first = samples[0]!;
    const last = samples[samples.length - 1]!;
    const wall = (last.t - first.t) / 1000;
    const rss = samples.map((s) => s.rss).filter((r): r is number => r !== undefined);
    const out: SeriesSummary = { cpuSeconds: last.cpu - first.cpu, avgCores: wall > 0 ? (last.cpu - first.cpu) / wall : 0 };
    if (rss.length > 0) {
      out.rssMin = Math.min(...rss);
      out.rssMax = Math.max(...rss);
      out.rssFirst = rss[0];
      out.rssLast = rss[rss.length - 1];
      out.rssDeciles = Array.from({ length: 11 }, (_, i) => rss[Math.min(rss.length - 1, Math.round((i / 10) * (rss.length - 1)))]!);
    }
    return out;
  }

  /** Machine-wide busy CPU between `from` and `to`: cores busy on average, of how many. */
  machineSummary(from = 0, to = Number.POSITIVE_INFINITY): { avgBusyCores: number; cores: number } | undefined {
    const samples = this.machine.filter((s) => s.t >= from && s.t <= to);
    if (samples.length < 2) return undefined;
    const first = samples[0]!;
    const last = samples[samples.length - 1]!;
    const wall = (last.t - first.t) / 1000;
    return { avgBusyCores: wall > 0 ? (last.busy - first.busy) / wall : 0, cores: cpus().length };
  }

  untrack(name: string): void {
    this.tracked.delete(name);
  }
}

/**
 * Waits until the machine has been less busy than `belowCores` over a 5-second window (other people's work
 * shares it), for at most `maxWaitSeconds`. Returns how long it waited and how busy the machine was last.
 */
export async function waitForQuiet(belowCores: number, maxWaitSeconds: number, log: (m: string) => void): Promise<{ waitedS: number; busyCores: number }> {
  const started = Date.now();
  let logged = 0;
  for (;;) {
    const a = machineCpu();
    await new Promise((r) => setTimeout(r, 5000));
    const b = machineCpu();
    const busyCores = (b.busy - a.busy) / 5;
    const waitedS = (Date.now() - started) / 1000;
    if (busyCores < belowCores || waitedS >= maxWaitSeconds) return { waitedS: Math.round(waitedS), busyCores };
    if (Date.now() - logged > 60_000) {
      logged = Date.now();
      log(`machine busy (${busyCores.toFixed(2)} cores used by others); waiting up to ${maxWaitSeconds} s for it to calm down`);
    }
  }
}
