/**
 * What Temporal itself recorded: workflow counts from visibility, the runs of a continued-as-new workflow,
 * and histories taken apart into counts (activities, signals, workflow tasks) and where the time went.
 */
import type { Client } from '@temporalio/client';
import proto, { type temporal } from '@temporalio/proto';

const { History } = proto.temporal.api.history.v1;

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Timestamp = { seconds?: unknown; nanos?: number | null } | null | undefined;

function ms(ts: Timestamp): number {
  if (!ts) return Number.NaN;
  const s = ts.seconds as { toNumber?: () => number } | number | string | null | undefined;
  const seconds = typeof s === 'object' && s !== null && typeof s.toNumber === 'function' ? s.toNumber() : Number(s ?? 0);
  return seconds * 1000 + (ts.nanos ?? 0) / 1e6;
}

const long = (v: unknown): number => (typeof v === 'object' && v !== null && 'toNumber' in v ? (v as { toNumber(): number }).toNumber() : Number(v));

/** Visibility's count; it lags a little behind closes, so wait until it is stable (or reaches `expect`). */
export async function countWorkflows(client: Client, query: string, expect?: number): Promise<number> {
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const { count } = await client.workflow.count(query);
    if (expect !== undefined ? count >= expect : count === last) return count;
    last = count;
    await new Promise((r) => setTimeout(r, 500));
  }
  return last;
}

export interface RunInfo {
  runId: string;
  status: string;
  startTime: number;
  closeTime?: number;
  historyLength: number;
  historySize?: number;
  /** From the fetched history. */
  events: number;
  bytes: number;
  analysis: HistoryAnalysis;
}

/** Every run of `workflowId`, oldest first, each with its history fetched and analysed. */
export async function workflowRuns(client: Client, workflowId: string): Promise<RunInfo[]> {
  const runs: RunInfo[] = [];
  for await (const run of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    const history = await client.workflow.getHandle(workflowId, run.runId).fetchHistory();
    const events = history.events ?? [];
    runs.push({
      runId: run.runId,
      status: run.status.name,
      startTime: run.startTime.getTime(),
      closeTime: run.closeTime?.getTime(),
      historyLength: run.historyLength,
      historySize: run.historySize,
      events: events.length,
      bytes: History.encode(history).finish().length,
      analysis: analyseHistory(events),
    });
  }
  return runs.sort((a, b) => a.startTime - b.startTime);
}

export interface PhaseTimes {
  /** Scheduled → started: waiting in the task queue (and for a worker slot). */
  activityQueueMs: number;
  /** Started → completed: running in the worker. */
  activityRunMs: number;
  workflowTaskQueueMs: number;
  workflowTaskRunMs: number;
  /** Signal to another workflow: initiated → the server confirms delivery. */
  signalMs: number;
  /** Child start: initiated → started. */
  childStartMs: number;
}

export interface HistoryAnalysis {
  events: number;
  startedAt: number;
  closedAt: number;
  wallMs: number;
  activities: number;
  signalsSent: number;
  signalsReceived: number;
  childrenStarted: number;
  workflowTasks: number;
  /** `A` per activity scheduled, `S` per signal sent, in history order. */
  script: string;
  byActivity: Record<string, { count: number; queueMs: number; runMs: number }>;
  times: PhaseTimes;
}

export function analyseHistory(events: HistoryEvent[]): HistoryAnalysis {
  const time = new Map<number, number>();
  const activityType = new Map<number, string>();
  const times: PhaseTimes = { activityQueueMs: 0, activityRunMs: 0, workflowTaskQueueMs: 0, workflowTaskRunMs: 0, signalMs: 0, childStartMs: 0 };
  const byActivity: HistoryAnalysis['byActivity'] = {};
  let script = '';
  let activities = 0;
  let signalsSent = 0;
  let signalsReceived = 0;
  let childrenStarted = 0;
  let workflowTasks = 0;
  for (const e of events) {
    const id = long(e.eventId);
    const t = ms(e.eventTime as Timestamp);
    time.set(id, t);
    if (e.activityTaskScheduledEventAttributes) {
      activities++;
      script += 'A';
      const name = e.activityTaskScheduledEventAttributes.activityType?.name ?? '?';
      activityType.set(id, name);
      (byActivity[name] ??= { count: 0, queueMs: 0, runMs: 0 }).count++;
    } else if (e.activityTaskStartedEventAttributes) {
      const scheduled = long(e.activityTaskStartedEventAttributes.scheduledEventId);
      const d = t - (time.get(scheduled) ?? t);
      times.activityQueueMs += d;
      const a = byActivity[activityType.get(scheduled) ?? '?'];
      if (a) a.queueMs += d;
    } else if (e.activityTaskCompletedEventAttributes) {
      const started = long(e.activityTaskCompletedEventAttributes.startedEventId);
      const scheduled = long(e.activityTaskCompletedEventAttributes.scheduledEventId);
      const d = t - (time.get(started) ?? t);
      times.activityRunMs += d;
      const a = byActivity[activityType.get(scheduled) ?? '?'];
      if (a) a.runMs += d;
    } else if (e.workflowTaskStartedEventAttributes) {
      times.workflowTaskQueueMs += t - (time.get(long(e.workflowTaskStartedEventAttributes.scheduledEventId)) ?? t);
    } else if (e.workflowTaskCompletedEventAttributes) {
      workflowTasks++;
      times.workflowTaskRunMs += t - (time.get(long(e.workflowTaskCompletedEventAttributes.startedEventId)) ?? t);
    } else if (e.signalExternalWorkflowExecutionInitiatedEventAttributes) {
      signalsSent++;
      script += 'S';
    } else if (e.externalWorkflowExecutionSignaledEventAttributes) {
      times.signalMs += t - (time.get(long(e.externalWorkflowExecutionSignaledEventAttributes.initiatedEventId)) ?? t);
    } else if (e.workflowExecutionSignaledEventAttributes) {
      signalsReceived++;
    } else if (e.childWorkflowExecutionStartedEventAttributes) {
      childrenStarted++;
      times.childStartMs += t - (time.get(long(e.childWorkflowExecutionStartedEventAttributes.initiatedEventId)) ?? t);
    }
  }
  const startedAt = events.length ? ms(events[0]!.eventTime as Timestamp) : Number.NaN;
  const closedAt = events.length ? ms(events[events.length - 1]!.eventTime as Timestamp) : Number.NaN;
  return {
    events: events.length,
    startedAt,
    closedAt,
    wallMs: closedAt - startedAt,
    activities,
    signalsSent,
    signalsReceived,
    childrenStarted,
    workflowTasks,
    script,
    byActivity,
    times,
  };
}

export interface ChildSample {
  sampled: number;
  /** Distinct scripts seen, with how many children followed each. */
  scripts: Record<string, number>;
  events: { min: number; max: number; mean: number };
  bytes: { mean: number };
  activities: { min: number; max: number; mean: number };
  signalsSent: { mean: number };
  workflowTasks: { mean: number };
  wallMs: { mean: number; p50: number; p95: number };
  /** Mean per child. */
  times: PhaseTimes;
  byActivity: Record<string, { count: number; queueMs: number; runMs: number }>;
}

/** Histories of `ids` (fetched a few at a time), summarised. */
export async function sampleChildren(client: Client, ids: string[], concurrency = 8): Promise<ChildSample> {
  const analyses: { a: HistoryAnalysis; bytes: number }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        const history = await client.workflow.getHandle(id).fetchHistory();
        analyses.push({ a: analyseHistory(history.events ?? []), bytes: History.encode(history).finish().length });
      }
    }),
  );
  const n = analyses.length || 1;
  const mean = (f: (a: HistoryAnalysis) => number) => analyses.reduce((s, x) => s + f(x.a), 0) / n;
  const scripts: Record<string, number> = {};
  for (const { a } of analyses) scripts[a.script] = (scripts[a.script] ?? 0) + 1;
  const walls = analyses.map((x) => x.a.wallMs).sort((a, b) => a - b);
  const pct = (p: number) => walls[Math.min(walls.length - 1, Math.floor(p * walls.length))] ?? Number.NaN;
  const times = {} as PhaseTimes;
  for (const k of ['activityQueueMs', 'activityRunMs', 'workflowTaskQueueMs', 'workflowTaskRunMs', 'signalMs', 'childStartMs'] as const) {
    times[k] = mean((a) => a.times[k]);
  }
  const byActivity: ChildSample['byActivity'] = {};
  for (const { a } of analyses) {
    for (const [name, v] of Object.entries(a.byActivity)) {
      const agg = (byActivity[name] ??= { count: 0, queueMs: 0, runMs: 0 });
      agg.count += v.count;
      agg.queueMs += v.queueMs;
      agg.runMs += v.runMs;
    }
  }
  return {
    sampled: analyses.length,
    scripts,
    events: { min: Math.min(...analyses.map((x) => x.a.events)), max: Math.max(...analyses.map((x) => x.a.events)), mean: mean((a) => a.events) },
    bytes: { mean: analyses.reduce((s, x) => s + x.bytes, 0) / n },
    activities: { min: Math.min(...analyses.map((x) => x.a.activities)), max: Math.max(...analyses.map((x) => x.a.activities)), mean: mean((a) => a.activities) },
    signalsSent: { mean: mean((a) => a.signalsSent) },
    workflowTasks: { mean: mean((a) => a.workflowTasks) },
    wallMs: { mean: mean((a) => a.wallMs), p50: pct(0.5), p95: pct(0.95) },
    times,
    byActivity,
  };
}

/** `count` ids spread evenly over `total` (all of them when count ≥ total). */
export function spread(total: number, count: number): number[] {
  if (count >= total) return Array.from({ length: total }, (_, i) => i);
  return Array.from({ length: count }, (_, i) => Math.floor(((i + 0.5) * total) / count));
}
