/**
 * The two Temporal backends the bench compares:
 * - `dev`: the CLI's dev server (SQLite in a file, one history shard), started like src/dev/temporal-dev-server.ts
 *   does for `npm start`, plus a known metrics port;
 * - `postgres`: the Temporal server of the version the CLI embeds, built with `go install` from its module
 *   (cached in ~/.cache/rollwave/bin), its schema set up with its own temporal-sql-tool in two databases of
 *   the machine's Postgres, configured by bench/temporal-postgres/development.yaml.
 */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import postgres from 'postgres';
import { findOnPath, goInstall, isExecutable, resolveTemporalCli, rollwaveBinDir } from '../../src/dev/temporal-cli';
import { freePort } from '../../src/dev/processes';
import { startDevArgs } from '../../src/dev/temporal-dev-server';
import { spawnProcess, type Spawned } from './procs';

const run = promisify(execFile);
const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

export type Backend = 'dev' | 'postgres';

export interface TemporalServer {
  backend: Backend;
  address: string;
  metricsUrl: string;
  pid: number;
  /** What runs it, for BENCHMARKS.md. */
  description: string;
  stop(): Promise<void>;
}

export interface Log {
  (message: string): void;
}

/** `temporal version 0.0.0-DEV (Server 1.29.1, UI 2.42.1)` → CLI path, its text and the server version. */
export async function temporalCliInfo(): Promise<{ path: string; version: string; serverVersion: string }> {
  const path = await resolveTemporalCli();
  const { stdout } = await run(path, ['--version']);
  const version = stdout.trim();
  const match = /Server (\d+\.\d+\.\d+)/.exec(version);
  if (!match) throw new Error(`cannot tell the server version of ${path}: ${version}`);
  return { path, version, serverVersion: match[1]! };
}

export async function startDevServer(dir: string, log: Log): Promise<TemporalServer> {
  const cli = await temporalCliInfo();
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const metricsPort = await freePort();
  const address = `127.0.0.1:${port}`;
  const dbFile = join(dir, 'temporal.sqlite');
  const args = [...startDevArgs(port, dbFile), '--metrics-port', String(metricsPort)];
  const proc = await spawnProcess(cli.path, args, { logFile: join(dir, 'temporal.log') });
  await waitForNamespace(address, proc, 60_000);
  log(`dev server ${address} (pid ${proc.pid}, SQLite ${dbFile})`);
  return {
    backend: 'dev',
    address,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    pid: proc.pid,
    description: `temporal CLI dev server (${cli.version}), SQLite file, 1 history shard`,
    stop: () => proc.stop(),
  };
}

export interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  visibilityDatabase: string;
}

export function postgresTargetFromEnv(): PostgresTarget {
  return {
    host: process.env.BENCH_PG_HOST ?? '127.0.0.1',
    port: Number(process.env.BENCH_PG_PORT ?? 5432),
    user: process.env.BENCH_PG_USER ?? 'postgres',
    password: process.env.BENCH_PG_PASSWORD ?? '',
    database: process.env.BENCH_PG_DB ?? 'temporal',
    visibilityDatabase: process.env.BENCH_PG_VISIBILITY_DB ?? 'temporal_visibility',
  };
}

/**
 * `temporal-server` and `temporal-sql-tool` of `version`, built once with
 * `go install go.temporal.io/server/cmd/server@v<version>` (and cmd/tools/sql) into ~/.cache/rollwave/bin.
 */
export async function ensureServerBinaries(version: string, log: Log): Promise<{ server: string; sqlTool: string }> {
  const bin = rollwaveBinDir();
  const server = join(bin, `temporal-server-v${version}`);
  const sqlTool = join(bin, `temporal-sql-tool-v${version}`);
  if ((await isExecutable(server)) && (await isExecutable(sqlTool))) return { server, sqlTool };
  const go = await findOnPath('go');
  if (!go) throw new Error('the Temporal server is not built yet and `go` is not on PATH');
  const modules = [`go.temporal.io/server/cmd/server@v${version}`, `go.temporal.io/server/cmd/tools/sql@v${version}`];
  log(`building ${modules.join(' and ')} with go install (about ten minutes, once)`);
  const started = Date.now();
  await goInstall(go, modules, { server, sql: sqlTool });
  log(`built the Temporal server in ${Math.round((Date.now() - started) / 1000)} s`);
  return { server, sqlTool };
}

const OWNER_COMMENT = 'rollwave-bench';

/**
 * Fresh `temporal` and `temporal_visibility` databases with the server's schema. A database of that name that
 * the bench did not create (no `rollwave-bench` comment) is left alone and the run stops.
 */
async function resetDatabases(target: PostgresTarget, sqlTool: string, log: Log): Promise<void> {
  const admin = postgres({ host: target.host, port: target.port, user: target.user, password: target.password, database: 'postgres', max: 1, onnotice: () => {} });
  try {
    for (const name of [target.database, target.visibilityDatabase]) {
      const [row] = await admin<{ comment: string | null }[]>`
        select shobj_description(oid, 'pg_database') as comment from pg_database where datname = ${name}`;
      if (row && row.comment !== OWNER_COMMENT) {
        throw new Error(`database ${name} exists and was not created by the bench; set BENCH_PG_DB / BENCH_PG_VISIBILITY_DB to other names`);
      }
      if (row) {
        await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
        await admin`drop database ${admin(name)}`;
      }
      await admin`create database ${admin(name)}`;
      await admin.unsafe(`comment on database "${name}" is '${OWNER_COMMENT}'`);
    }
  } finally {
    await admin.end();
  }
  const common = ['--plugin', 'postgres12', '--ep', target.host, '-p', String(target.port), '-u', target.user];
  if (target.password) common.push('--pw', target.password);
  for (const [db, schema] of [
    [target.database, 'postgresql/v12/temporal'],
    [target.visibilityDatabase, 'postgresql/v12/visibility'],
  ] as const) {
    await run(sqlTool, [...common, '--db', db, 'setup-schema', '-v', '0.0']);
    await run(sqlTool, [...common, '--db', db, 'update-schema', '--schema-name', schema]);
  }
  log(`schemas set up in ${target.database} and ${target.visibilityDatabase} on ${target.host}:${target.port}`);
}

export async function startPostgresServer(dir: string, target: PostgresTarget, log: Log): Promise<TemporalServer> {
  const cli = await temporalCliInfo();
  const { server, sqlTool } = await ensureServerBinaries(cli.serverVersion, log);
  await mkdir(dir, { recursive: true });
  await resetDatabases(target, sqlTool, log);
  const ports: Record<string, number> = {};
  for (const name of [
    'METRICS',
    'FRONTEND',
    'FRONTEND_MEMBERSHIP',
    'FRONTEND_HTTP',
    'MATCHING',
    'MATCHING_MEMBERSHIP',
    'HISTORY',
    'HISTORY_MEMBERSHIP',
    'WORKER',
    'WORKER_MEMBERSHIP',
  ]) {
    // Membership ports go into a smallint column of cluster_membership: stay below 32768.
    ports[`BENCH_${name}_PORT`] = await freeLowPort(new Set(Object.values(ports)));
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    BENCH_PG_HOST: target.host,
    BENCH_PG_PORT: String(target.port),
    BENCH_PG_USER: target.user,
    BENCH_PG_PASSWORD: target.password,
    BENCH_PG_DB: target.database,
    BENCH_PG_VISIBILITY_DB: target.visibilityDatabase,
    BENCH_DYNAMIC_CONFIG: join(BENCH_DIR, 'temporal-postgres', 'dynamicconfig.yaml'),
  };
  const proc = await spawnProcess(
    server,
    ['--root', BENCH_DIR, '--config', 'temporal-postgres', '--env', 'development', '--allow-no-auth', 'start'],
    { env, logFile: join(dir, 'temporal-server.log') },
  );
  const address = `127.0.0.1:${ports.BENCH_FRONTEND_PORT}`;
  await registerDefaultNamespace(address, proc);
  log(`Temporal server ${cli.serverVersion} on Postgres ${target.host}:${target.port} at ${address} (pid ${proc.pid})`);
  return {
    backend: 'postgres',
    address,
    metricsUrl: `http://127.0.0.1:${ports.BENCH_METRICS_PORT}/metrics`,
    pid: proc.pid,
    description: `temporal-server ${cli.serverVersion} (go install go.temporal.io/server/cmd/server@v${cli.serverVersion}), Postgres ${target.host}:${target.port} persistence and visibility, 4 history shards`,
    stop: () => proc.stop(),
  };
}

/** A free loopback port between 20000 and 32767 (the OS's own picks are above that on Linux). */
async function freeLowPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_700);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

async function connectWhenUp(address: string, proc: Spawned, deadline: number): Promise<Connection> {
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`Temporal exited during start-up (code ${proc.child.exitCode})`);
    if (Date.now() > deadline) throw new Error(`Temporal at ${address} did not come up in time`);
    const connection = await Connection.connect({ address, connectTimeout: 2_000 }).catch(() => undefined);
    if (connection) {
      const ok = await connection.workflowService.getSystemInfo({}).then(
        () => true,
        () => false,
      );
      if (ok) return connection;
      await connection.close();
    }
    await sleep(250);
  }
}

async function waitForNamespace(address: string, proc: Spawned, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const connection = await connectWhenUp(address, proc, deadline);
  try {
    for (;;) {
      const ok = await connection.workflowService.listWorkflowExecutions({ namespace: 'default', pageSize: 1 }).then(
        () => true,
        () => false,
      );
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`namespace "default" not usable at ${address}`);
      await sleep(250);
    }
  } finally {
    await connection.close();
  }
}

/** A fresh server has only the system namespace: register `default`, then wait until every service knows it. */
async function registerDefaultNamespace(address: string, proc: Spawned): Promise<void> {
  const deadline = Date.now() + 120_000;
  const connection = await connectWhenUp(address, proc, deadline);
  try {
    for (;;) {
      const done = await connection.workflowService
        .registerNamespace({ namespace: 'default', workflowExecutionRetentionPeriod: msToTs('3 days') })
        .then(
          () => true,
          (err: { code?: number }) => err.code === 6, // ALREADY_EXISTS
        );
      if (done) break;
      if (Date.now() > deadline) throw new Error('could not register namespace "default"');
      await sleep(500);
    }
  } finally {
    await connection.close();
  }
  await waitForNamespace(address, proc, 120_000);
  // History and matching refresh their namespace caches on their own schedule (every 10 s).
  await sleep(11_000);
}

/** Counters and histograms of the server's /metrics, summed over every label set. */
export type MetricTotals = Map<string, number>;

/**
 * Scrapes Prometheus text and sums each metric over all its series (`name`), and by the labels that matter
 * here (`name{operation=…,task_type=…}`; every other label is summed away).
 */
export async function scrapeMetrics(url: string): Promise<MetricTotals> {
  const text = await fetch(url).then((r) => r.text());
  const totals: MetricTotals = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const [, name, labels = '', value] = match;
    if (name!.endsWith('_bucket')) continue;
    const keep: string[] = [];
    for (const m of labels.matchAll(/(\w+)="([^"]*)"/g)) {
      if (m[1] === 'operation' || m[1] === 'task_type') keep.push(`${m[1]}=${m[2]}`);
    }
    totals.set(name!, (totals.get(name!) ?? 0) + Number(value));
    if (keep.length) {
      const key = `${name}{${keep.join(',')}}`;
      totals.set(key, (totals.get(key) ?? 0) + Number(value));
    }
  }
  return totals;
}

export function diffMetrics(before: MetricTotals, after: MetricTotals): MetricTotals {
  const out: MetricTotals = new Map();
  for (const [k, v] of after) {
    const d = v - (before.get(k) ?? 0);
    if (d !== 0) out.set(k, d);
  }
  return out;
}
