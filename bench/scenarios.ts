/**
 * One measured run each: a Rollwave rollout (simulated gateway or the local HTTP fleet), the floor (bare child
 * workflows with no-op activities), and the progress-polling load test during a running rollout.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { apiClient } from '../src/dev/api-client';
import { startFleet, type Fleet } from '../src/dev/site-fleet';
import { rolloutWorkflowId, siteWorkflowId } from '../workflows/contract';
import { countWorkflows, sampleChildren, spread, workflowRuns, type ChildSample, type RunInfo } from './lib/histories';
import type { QueryCounts } from './lib/counted-db';
import type { ProfileSummary } from './lib/cpu-profile';
import { spawnBenchChild, type BenchChild } from './lib/procs';
import { createScenarioDatabase, databaseStats, diffStats, dropScenarioDatabase, type DbStats, type RollwavePostgres } from './lib/rollwave-db';
import { Sampler, waitForQuiet, type SeriesSummary } from './lib/sampler';
import { diffMetrics, scrapeMetrics, type Log, type MetricTotals, type TemporalServer } from './lib/temporal';
import type { LoadResult, LoadSpec } from './processes/load';

export const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const WARMUP_SITES = 20;

export interface Options {
  sizes: number[];
  backends: ('dev' | 'postgres')[];
  /** Sizes run on the Postgres-backed server (default: the largest size). */
  postgresSizes: number[];
  gateways: ('simulated' | 'fleet')[];
  maxParallel: number;
  floor: boolean;
  polling: boolean;
  /** Run the rollouts (floor and gateways); without them only the polling test runs. */
  rollouts: boolean;
  pollBackends: ('dev' | 'postgres')[];
  pollSeconds: number;
  pollConnections: number;
  /** Rounds of the four polling phases, in alternating order. */
  pollRounds: number;
  /** Wait for the polled rollout to complete (otherwise the run stops once the polling phases are done). */
  pollFinish: boolean;
  historySample: number;
  stallSeconds: number;
  apiLogLevel: string;
  /** Before each measured run, wait until the machine is busy below this many cores… */
  quietBelow: number;
  /** …for at most this long. */
  quietWait: number;
  out: string;
  keepDatabases: boolean;
  /** CPU-profile the worker's and the API's main thread during measured runs (costs some speed). */
  cpuProfile: boolean;
}

export interface Ctx {
  dir: string;
  server: TemporalServer;
  client: Client;
  pg: RollwavePostgres;
  /** Postmaster of the Postgres the Temporal server persists to, when local. */
  temporalPgPid?: number;
  opts: Options;
  log: Log;
}

export interface Resources {
  worker?: SeriesSummary;
  api?: SeriesSummary;
  temporal?: SeriesSummary;
  rollwavePg?: SeriesSummary;
  temporalPg?: SeriesSummary;
  bench?: SeriesSummary;
  machine?: { avgBusyCores: number; cores: number };
  /** Machine busy cores minus every tracked process: other people's work on the shared machine. */
  othersCores?: number;
}

export interface RunResult {
  kind: 'rollwave' | 'floor';
  backend: 'dev' | 'postgres';
  gateway?: 'simulated' | 'fleet';
  size: number;
  maxParallel: number;
  id: string;
  ok: boolean;
  error?: string;
  t0: number;
  tEnd: number;
  wallMs: number;
  sitesPerSec: number;
  msPerSite: number;
  /** Completion rate between 10 % and 90 % done (from the progress series). */
  steadySitesPerSec?: number;
  workflows: { children: number; parentRuns: number };
  /** Activities: children (sampled per-child count × children) + every parent run's. */
  activities: { total: number; perChild: number; parent: number; exactChildren: boolean };
  parentRuns: Omit<RunInfo, 'analysis'>[];
  parent: { workflowTasks: number; workflowTaskRunMs: number; workflowTaskQueueMs: number; activities: number; activityRunMs: number; signalsReceived: number; childrenStarted: number };
  children: ChildSample;
  resources: Resources;
  queries?: { worker: QueryCounts; api: QueryCounts };
  dbStats?: DbStats;
  metrics: Record<string, number>;
  verification: string;
  series: [number, number][];
  workerUsage?: unknown;
  /** The quiet-machine wait before the run: seconds waited, busy cores when it started. */
  quiet?: { waitedS: number; busyCores: number };
  profiles?: { worker?: ProfileSummary; api?: ProfileSummary };
}

export interface PollingPhase extends LoadResult {
  target: TargetKey;
  name: string;
  round: number;
  doneAtStart: number;
  doneAtEnd: number;
  /** The polled process: the bare route's or Rollwave's API. */
  serverCores?: number;
  loadCores?: number;
  pgCores?: number;
  machineCores?: number;
}

export interface PollingResult {
  backend: 'dev' | 'postgres';
  size: number;
  rolloutId: string;
  connections: number;
  seconds: number;
  phases: PollingPhase[];
  ratioPlain: number;
  ratioConditional: number;
  bodyBytes: number;
  /** The API's main thread during the two progress phases, with --cpu-profile. */
  apiProfile?: ProfileSummary;
  /** The polled rollout itself (its wall time includes the polling load). */
  rollout: { ok: boolean; wallMs: number; verification: string; resources: Resources };
}

const sitesOf = (n: number, prefix: string, region: string) =>
  Array.from({ length: n }, (_, i) => ({
    code: `${prefix}-${String(i + 1).padStart(5, '0')}`,
    name: `${prefix} ${i + 1}`,
    region,
    timezone: 'Europe/Berlin',
    tags: ['bench'],
  }));

/** JSON over HTTP to the API at `base` with the bench's admin key. */
const http = (base: string, method: string, path: string, body?: unknown) => apiClient(base, ADMIN_KEY)(method, path, body);

function plan(name: string, region: string, maxParallel: number, fleet?: Fleet) {
  return {
    name,
    release: { version: '5.2.0', config: { tax: 'vat-2027' }, dataset: { uri: 's3://bench/master-5.2', records: 1000 } },
    waves: [{ name: 'all', select: { regions: [region] }, maxParallel }],
    ...(fleet ? { gateway: { endpointTemplate: fleet.endpointTemplate } } : {}),
  };
}

interface Watched {
  status: string;
  done: number;
  failed: number;
  series: [number, number][];
  body: unknown;
}

/** Polls progress every second until completed, failed sites appear, or nothing moves for `stallSeconds`. */
async function watchRollout(api: string, id: string, stallSeconds: number, onTick?: (w: Watched) => void, stop?: () => boolean): Promise<Watched> {
  const w: Watched = { status: 'running', done: 0, failed: 0, series: [], body: undefined };
  let lastChange = Date.now();
  for (;;) {
    const res = await http(api, 'GET', `/v1/rollouts/${id}/progress`).catch(() => undefined);
    if (res?.status === 200) {
      const totals = res.body.totals as Record<string, number>;
      const done = (totals.succeeded ?? 0) + (totals.skipped ?? 0) + (totals.rolled_back ?? 0);
      if (done !== w.done) lastChange = Date.now();
      w.done = done;
      w.failed = totals.failed ?? 0;
      w.status = res.body.status;
      w.body = res.body;
      w.series.push([Date.now(), done]);
      onTick?.(w);
      if (w.status === 'completed' || w.failed > 0 || stop?.()) return w;
    }
    if (Date.now() - lastChange > stallSeconds * 1000) {
      w.status = `stalled (no site finished for ${stallSeconds} s)`;
      return w;
    }
    await sleep(1000);
  }
}

/** Sites per second between 10 % and 90 % of `total` done. */
function steadyRate(series: [number, number][], total: number): number | undefined {
  const at = (frac: number) => series.find(([, d]) => d >= frac * total);
  const a = at(0.1);
  const b = at(0.9);
  if (!a || !b || b[0] <= a[0]) return undefined;
  return (b[1] - a[1]) / ((b[0] - a[0]) / 1000);
}

/** A few hundred points are plenty for the JSON. */
function thin(series: [number, number][], max = 300): [number, number][] {
  if (series.length <= max) return series;
  return spread(series.length, max).map((i) => series[i]!);
}

const SELECTED_METRICS = [
  'service_requests',
  'poll_success',
  'poll_timeouts',
  'workflow_tasks_completed',
  'workflow_success',
  'workflow_continued_as_new',
  'persistence_requests',
  'persistence_latency_sum',
  'persistence_latency_count',
  'persistence_errors',
  'service_latency_sum',
  'service_latency_count',
  'task_schedule_to_start_latency_sum',
  'task_schedule_to_start_latency_count',
];

function selectMetrics(m: MetricTotals): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of m) if (SELECTED_METRICS.some((name) => k === name || k.startsWith(`${name}{`))) out[k] = v;
  return out;
}

interface Procs {
  worker: BenchChild<{ pid: number }>;
  api?: BenchChild<{ pid: number; url: string }>;
}

function track(ctx: Ctx, sampler: Sampler, procs: Procs) {
  sampler.track('worker', procs.worker.pid);
  if (procs.api) sampler.track('api', procs.api.pid);
  sampler.track('temporal', ctx.server.pid);
  if (ctx.pg.pid) sampler.track('rollwavePg', ctx.pg.pid, { group: true });
  if (ctx.temporalPgPid) sampler.track('temporalPg', ctx.temporalPgPid, { group: true });
  sampler.track('bench', process.pid);
}

function resources(sampler: Sampler, from: number, to: number): Resources {
  const r: Resources = {
    worker: sampler.summary('worker', from, to),
    api: sampler.summary('api', from, to),
    temporal: sampler.summary('temporal', from, to),
    rollwavePg: sampler.summary('rollwavePg', from, to),
    temporalPg: sampler.summary('temporalPg', from, to),
    bench: sampler.summary('bench', from, to),
    machine: sampler.machineSummary(from, to),
  };
  const ours = [r.worker, r.api, r.temporal, r.rollwavePg, r.temporalPg, r.bench, sampler.summary('bare', from, to)].reduce((s, x) => s + (x?.avgCores ?? 0), 0);
  if (r.machine) r.othersCores = Math.max(0, r.machine.avgBusyCores - ours);
  return r;
}

const quiet = (ctx: Ctx) => waitForQuiet(ctx.opts.quietBelow, ctx.opts.quietWait, ctx.log);

/** What every run reports alike: its timing, progress series, Temporal counts and the processes' resources. */
function measured(pc: Awaited<ReturnType<typeof parentAndChildren>>, sampler: Sampler, t0: number, tEnd: number, series: [number, number][], size: number) {
  const wallMs = tEnd - t0;
  return {
    t0,
    tEnd,
    wallMs,
    sitesPerSec: size / (wallMs / 1000),
    msPerSite: wallMs / size,
    steadySitesPerSec: steadyRate(series, size),
    workflows: pc.workflows,
    activities: pc.activities,
    parentRuns: pc.runs.map(({ analysis: _a, ...r }) => r),
    parent: pc.parent,
    children: pc.children,
    resources: resources(sampler, t0, tEnd),
    series: thin(series.map(([t, d]) => [t - t0, d])),
  };
}

async function parentAndChildren(ctx: Ctx, parentId: string, childIds: string[], childQuery: string, size: number) {
  const runs = await workflowRuns(ctx.client, parentId);
  const children = await sampleChildren(ctx.client, childIds);
  const childCount = await countWorkflows(ctx.client, childQuery, size);
  const parent = { workflowTasks: 0, workflowTaskRunMs: 0, workflowTaskQueueMs: 0, activities: 0, activityRunMs: 0, signalsReceived: 0, childrenStarted: 0 };
  for (const r of runs) {
    parent.workflowTasks += r.analysis.workflowTasks;
    parent.workflowTaskRunMs += r.analysis.times.workflowTaskRunMs;
    parent.workflowTaskQueueMs += r.analysis.times.workflowTaskQueueMs;
    parent.activities += r.analysis.activities;
    parent.activityRunMs += r.analysis.times.activityRunMs;
    parent.signalsReceived += r.analysis.signalsReceived;
    parent.childrenStarted += r.analysis.childrenStarted;
  }
  const perChild = children.activities.mean;
  return {
    runs,
    children,
    parent,
    workflows: { children: childCount, parentRuns: runs.length },
    activities: {
      total: Math.round(perChild * childCount) + parent.activities,
      perChild,
      parent: parent.activities,
      exactChildren: children.activities.min === children.activities.max,
    },
  };
}

/** Starts the Rollwave worker and API for one scenario on a fresh database, with the warm-up sites imported. */
async function startRollwave(ctx: Ctx, name: string, size: number, fleet?: Fleet) {
  const dbName = `bench_${name.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`;
  const url = await createScenarioDatabase(ctx.pg.adminUrl, dbName);
  const taskQueue = `bench-${name}-${Date.now().toString(36)}`;
  const env = { DATABASE_URL: url, TEMPORAL_ADDRESS: ctx.server.address, TEMPORAL_TASK_QUEUE: taskQueue };
  const [worker, api] = await Promise.all([
    spawnBenchChild<{ pid: number }>('worker', { ...env, BENCH_MODE: 'rollwave', LOG_LEVEL: 'warn' }, join(ctx.dir, `${name}.worker.log`)),
    spawnBenchChild<{ pid: number; url: string }>('api', { ...env, ROLLWAVE_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: ctx.opts.apiLogLevel }, join(ctx.dir, `${name}.api.log`)),
  ]);
  const base = api.info.url;
  const imported = await http(base, 'POST', '/v1/sites/import', [...sitesOf(WARMUP_SITES, 'WARM', 'warm'), ...sitesOf(size, 'SITE', 'main')]);
  if (imported.status !== 200) throw new Error(`site import failed: ${imported.status} ${JSON.stringify(imported.body)}`);
  // Warm-up: worker bundle loaded, caches and JIT warm, connections open; not measured.
  const warm = await http(base, 'POST', '/v1/rollouts', plan('warm-up', 'warm', ctx.opts.maxParallel, fleet));
  if (warm.status !== 201) throw new Error(`warm-up rollout failed to start: ${warm.status} ${JSON.stringify(warm.body)}`);
  const warmed = await watchRollout(base, warm.body.id, 120);
  if (warmed.status !== 'completed') throw new Error(`warm-up rollout did not complete: ${warmed.status}`);
  return {
    dbName,
    base,
    procs: { worker, api } as Procs,
    warmUpId: warm.body.id as string,
    warmUpBody: warmed.body,
    async stop() {
      await Promise.all([worker.stop(), api.stop()]);
      if (!ctx.opts.keepDatabases) await dropScenarioDatabase(ctx.pg.adminUrl, dbName);
    },
  };
}

/** The activity/signal script of a real site workflow (the floor replays it). */
export async function probeScript(ctx: Ctx): Promise<{ script: string; byActivity: string[] }> {
  const rw = await startRollwave(ctx, `${ctx.server.backend}-probe`, 1);
  try {
    const sample = await sampleChildren(ctx.client, [siteWorkflowId(rw.warmUpId, 'WARM-00001')]);
    const script = Object.keys(sample.scripts)[0] ?? '';
    return { script, byActivity: Object.keys(sample.byActivity) };
  } finally {
    await rw.stop();
  }
}

export async function runRollwave(ctx: Ctx, size: number, gateway: 'simulated' | 'fleet'): Promise<RunResult> {
  const name = `${ctx.server.backend}-${gateway}-${size}`;
  const fleet = gateway === 'fleet' ? await startFleet() : undefined;
  const rw = await startRollwave(ctx, name, size, fleet);
  const sampler = new Sampler(1000);
  track(ctx, sampler, rw.procs);
  try {
    const calm = await quiet(ctx);
    await rw.procs.worker.request('resetQueries');
    await rw.procs.api!.request('resetQueries');
    const statsBefore = await databaseStats(ctx.pg.adminUrl, rw.dbName);
    const metricsBefore = await scrapeMetrics(ctx.server.metricsUrl);
    sampler.start();
    if (ctx.opts.cpuProfile) await Promise.all([rw.procs.worker.request('profileStart'), rw.procs.api!.request('profileStart')]);
    await sleep(1100);
    ctx.log(`${name}: starting a ${size}-site rollout`);
    const t0 = Date.now();
    const created = await http(rw.base, 'POST', '/v1/rollouts', plan(`bench ${size}`, 'main', ctx.opts.maxParallel, fleet));
    if (created.status !== 201) throw new Error(`rollout failed to start: ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    let lastLog = 0;
    const watched = await watchRollout(rw.base, id, ctx.opts.stallSeconds, (w) => {
      if (Date.now() - lastLog > 30_000) {
        lastLog = Date.now();
        ctx.log(`${name}: ${w.done}/${size} done after ${Math.round((Date.now() - t0) / 1000)} s`);
      }
    });
    const detectedAt = Date.now();
    sampler.stop();
    const profiles = ctx.opts.cpuProfile
      ? { worker: await rw.procs.worker.request<ProfileSummary>('profileStop'), api: await rw.procs.api!.request<ProfileSummary>('profileStop') }
      : undefined;
    const queries = { worker: await rw.procs.worker.request<QueryCounts>('queries'), api: await rw.procs.api!.request<QueryCounts>('queries') };
    const workerUsage = await rw.procs.worker.request('usage');
    const metricsAfter = await scrapeMetrics(ctx.server.metricsUrl);
    const statsAfter = await databaseStats(ctx.pg.adminUrl, rw.dbName);
    const ok = watched.status === 'completed' && watched.done === size;
    const codes = spread(size, ctx.opts.historySample).map((i) => `SITE-${String(i + 1).padStart(5, '0')}`);
    const pc = await parentAndChildren(
      ctx,
      rolloutWorkflowId(id),
      codes.map((c) => siteWorkflowId(id, c)),
      `WorkflowType = 'siteWorkflow' AND WorkflowId STARTS_WITH '${rolloutWorkflowId(id)}/'`,
      ok ? size : 0,
    );
    const last = pc.runs[pc.runs.length - 1];
    const tEnd = ok && last?.closeTime ? last.closeTime : detectedAt;
    const wallMs = tEnd - t0;
    let verification = `${watched.done}/${size} sites succeeded, status ${watched.status}`;
    if (fleet) {
      let wrong = 0;
      for (let i = 0; i < size; i++) {
        const code = `SITE-${String(i + 1).padStart(5, '0')}`;
        if (fleet.applied(code, 'config_push') !== 1 || fleet.applied(code, 'data_load') !== 1 || fleet.applied(code, 'cutover') !== 1) wrong++;
      }
      verification += `; fleet: ${fleet.calls.length} calls, ${wrong === 0 ? 'every site had config push, data load and cutover applied exactly once' : `${wrong} sites NOT applied exactly once`}`;
    }
    ctx.log(`${name}: ${verification}; ${(wallMs / 1000).toFixed(1)} s`);
    return {
      kind: 'rollwave',
      backend: ctx.server.backend,
      gateway,
      size,
      maxParallel: ctx.opts.maxParallel,
      id,
      ok,
      error: ok ? undefined : watched.status,
      ...measured(pc, sampler, t0, tEnd, watched.series, size),
      queries,
      dbStats: diffStats(statsBefore, statsAfter),
      metrics: selectMetrics(diffMetrics(metricsBefore, metricsAfter)),
      verification,
      workerUsage,
      quiet: calm,
      profiles,
    };
  } finally {
    sampler.stop();
    await rw.stop();
    await fleet?.close();
  }
}

export async function runFloor(ctx: Ctx, size: number, script: string): Promise<RunResult> {
  const name = `${ctx.server.backend}-floor-${size}`;
  const taskQueue = `bench-${name}-${Date.now().toString(36)}`;
  const worker = await spawnBenchChild<{ pid: number }>(
    'worker',
    { TEMPORAL_ADDRESS: ctx.server.address, TEMPORAL_TASK_QUEUE: taskQueue, BENCH_MODE: 'floor' },
    join(ctx.dir, `${name}.worker.log`),
  );
  const sampler = new Sampler(1000);
  track(ctx, sampler, { worker });
  const start = (workflowId: string, children: number) =>
    ctx.client.workflow.start('floorParent', { taskQueue, workflowId, args: [{ children, maxParallel: ctx.opts.maxParallel, script }] });
  try {
    await (await start(`floor/${name}/warm-up`, WARMUP_SITES)).result();
    const calm = await quiet(ctx);
    const metricsBefore = await scrapeMetrics(ctx.server.metricsUrl);
    sampler.start();
    if (ctx.opts.cpuProfile) await worker.request('profileStart');
    await sleep(1100);
    ctx.log(`${name}: starting ${size} bare child workflows (script ${script})`);
    const workflowId = `floor/${name}/${Date.now().toString(36)}`;
    const t0 = Date.now();
    const handle = await start(workflowId, size);
    let error: string | undefined;
    let finished = false;
    const series: [number, number][] = [];
    // Progress from visibility every 30 s: for the log, the steady-state rate and stall detection.
    const watching = (async () => {
      let last = -1;
      let lastChange = Date.now();
      while (!finished) {
        await sleep(30_000);
        if (finished) return;
        const { count } = await ctx.client.workflow
          .count(`WorkflowType = 'floorChild' AND WorkflowId STARTS_WITH '${workflowId}/' AND ExecutionStatus = 'Completed'`)
          .catch(() => ({ count: last }));
        series.push([Date.now(), count]);
        ctx.log(`${name}: ${count}/${size} children completed after ${Math.round((Date.now() - t0) / 1000)} s`);
        if (count !== last) lastChange = Date.now();
        last = count;
        if (Date.now() - lastChange > ctx.opts.stallSeconds * 1000) throw new Error(`stalled (no child finished for ${ctx.opts.stallSeconds} s)`);
      }
    })();
    await Promise.race([handle.result(), watching])
      .catch((err: unknown) => (error = err instanceof Error ? err.message : String(err)))
      .finally(() => (finished = true));
    const detectedAt = Date.now();
    sampler.stop();
    const profiles = ctx.opts.cpuProfile ? { worker: await worker.request<ProfileSummary>('profileStop') } : undefined;
    const metricsAfter = await scrapeMetrics(ctx.server.metricsUrl);
    const workerUsage = await worker.request('usage');
    const pc = await parentAndChildren(
      ctx,
      workflowId,
      spread(size, ctx.opts.historySample).map((i) => `${workflowId}/child/${i}`),
      `WorkflowType = 'floorChild' AND WorkflowId STARTS_WITH '${workflowId}/'`,
      error ? 0 : size,
    );
    const last = pc.runs[pc.runs.length - 1];
    const tEnd = !error && last?.closeTime ? last.closeTime : detectedAt;
    const wallMs = tEnd - t0;
    ctx.log(`${name}: ${error ?? 'done'} in ${(wallMs / 1000).toFixed(1)} s`);
    return {
      kind: 'floor',
      backend: ctx.server.backend,
      size,
      maxParallel: ctx.opts.maxParallel,
      id: workflowId,
      ok: !error,
      error,
      ...measured(pc, sampler, t0, tEnd, series, size),
      metrics: selectMetrics(diffMetrics(metricsBefore, metricsAfter)),
      verification: error ? `failed: ${error}` : `${pc.workflows.children} children completed`,
      workerUsage,
      quiet: calm,
      profiles,
    };
  } finally {
    sampler.stop();
    await worker.stop();
  }
}

/** The four targets of a polling round: each progress phase has a bare phase through the same client. */
const TARGETS = [
  { key: 'bare', name: 'bare Fastify route (constant JSON)', bare: true, revalidate: false },
  { key: 'progress', name: 'GET progress', bare: false, revalidate: false },
  { key: 'bareRevalidating', name: 'bare route through the If-None-Match client', bare: true, revalidate: true },
  { key: 'revalidating', name: 'GET progress with If-None-Match', bare: false, revalidate: true },
] as const;
type TargetKey = (typeof TARGETS)[number]['key'];

/** Requests per second of one target over those of its baseline, both summed over every round. */
export function pollingRatio(phases: PollingPhase[], target: TargetKey, baseline: TargetKey): number {
  const rps = (key: TargetKey) => phases.filter((p) => p.target === key).reduce((sum, p) => sum + p.rps, 0);
  return rps(target) / rps(baseline);
}

/**
 * Polling under load: a rollout of `size` sites runs (simulated gateway) while a load generator in its own
 * process hits the bare route, progress without and with If-None-Match (sending the newest ETag it got, like a
 * dashboard), and the bare route through that same client. The rounds alternate the order of the four (ABBA),
 * so a rollout that speeds up or slows down during the test weighs on every target alike.
 */
export async function runPolling(ctx: Ctx, size: number): Promise<PollingResult> {
  const name = `${ctx.server.backend}-polling-${size}`;
  const rw = await startRollwave(ctx, name, size);
  const bodyText = JSON.stringify(rw.warmUpBody);
  const bare = await spawnBenchChild<{ pid: number; url: string }>('bare', { BENCH_BARE_BODY: bodyText }, join(ctx.dir, `${name}.bare.log`));
  const load = await spawnBenchChild<{ pid: number }>('load', {}, join(ctx.dir, `${name}.load.log`));
  const sampler = new Sampler(500);
  track(ctx, sampler, rw.procs);
  sampler.track('bare', bare.pid);
  sampler.track('load', load.pid);
  const { pollSeconds: seconds, pollConnections: connections, pollRounds: rounds } = ctx.opts;
  try {
    await quiet(ctx);
    sampler.start();
    const t0 = Date.now();
    const created = await http(rw.base, 'POST', '/v1/rollouts', plan(`polled ${size}`, 'main', ctx.opts.maxParallel));
    if (created.status !== 201) throw new Error(`rollout failed to start: ${created.status}`);
    const id = created.body.id as string;
    const path = `/v1/rollouts/${id}/progress`;
    let done = 0;
    let stopWatching = false;
    const watching = watchRollout(rw.base, id, ctx.opts.stallSeconds, (w) => (done = w.done), () => stopWatching);
    let watchEnded = false;
    void watching.finally(() => (watchEnded = true));
    while (done < Math.min(size * 0.03, 300) && !watchEnded) await sleep(500);
    ctx.log(`${name}: rollout ${id} running (${done} done); polling ${rounds} rounds of 4 × ${seconds} s with ${connections} connections`);
    // A dashboard's key, looked up like any key other than the bootstrap admin's.
    const viewer = await http(rw.base, 'POST', '/v1/api-keys', { role: 'viewer', name: 'bench dashboard' });
    if (viewer.status !== 201) throw new Error(`viewer key not created: ${viewer.status}`);
    const phases: PollingResult['phases'] = [];
    if (ctx.opts.cpuProfile) await rw.procs.api!.request('profileStart');
    for (let round = 1; round <= rounds; round++) {
      for (const target of round % 2 ? TARGETS : [...TARGETS].reverse()) {
        const doneAtStart = done;
        const from = Date.now();
        // Every phase sends the same headers whatever the target: the bare route ignores them.
        const spec: LoadSpec = {
          url: target.bare ? bare.info.url : rw.base,
          path: target.bare ? '/constant' : path,
          authorization: `Bearer ${viewer.body.key as string}`,
          revalidate: target.revalidate,
          connections,
          seconds,
        };
        const result = await load.request<LoadResult>('run', spec);
        const to = Date.now();
        phases.push({
          ...result,
          target: target.key,
          name: target.name,
          round,
          doneAtStart,
          doneAtEnd: done,
          serverCores: sampler.summary(target.bare ? 'bare' : 'api', from, to)?.avgCores,
          loadCores: sampler.summary('load', from, to)?.avgCores,
          pgCores: sampler.summary('rollwavePg', from, to)?.avgCores,
          machineCores: sampler.machineSummary(from, to)?.avgBusyCores,
        });
      }
    }
    const apiProfile = ctx.opts.cpuProfile ? await rw.procs.api!.request<ProfileSummary>('profileStop') : undefined;
    let watched: Watched;
    if (ctx.opts.pollFinish) {
      ctx.log(`${name}: polling done; waiting for the rollout to finish`);
      watched = await watching;
    } else {
      // The server, worker and database are thrown away with this run: no need to wait for the rest.
      stopWatching = true;
      watched = await watching;
      ctx.log(`${name}: polling done with ${watched.done}/${size} sites done; stopping this run`);
    }
    sampler.stop();
    return {
      backend: ctx.server.backend,
      size,
      rolloutId: id,
      connections,
      seconds,
      phases,
      ratioPlain: pollingRatio(phases, 'progress', 'bare'),
      ratioConditional: pollingRatio(phases, 'revalidating', 'bareRevalidating'),
      bodyBytes: Buffer.byteLength(bodyText),
      apiProfile,
      rollout: {
        ok: watched.status === 'completed' || !ctx.opts.pollFinish,
        wallMs: Date.now() - t0,
        verification: `${watched.done}/${size} sites succeeded, status ${watched.status}`,
        resources: resources(sampler, t0, Date.now()),
      },
    };
  } finally {
    sampler.stop();
    await load.stop();
    await bare.stop();
    await rw.stop();
  }
}
