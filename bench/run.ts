/**
 * `npm run bench [-- options]`: Rollwave's benchmarks (issue 7), written to BENCHMARKS.md.
 *
 *   --sizes 300,2000,10000        rollout sizes (one wave each)
 *   --backends dev,postgres       Temporal backends: the CLI dev server (SQLite) and a Postgres-backed server
 *   --postgres-sizes 10000        sizes also run on the Postgres backend (default: the largest size)
 *   --gateways simulated,fleet    the built-in simulated gateway and/or a local HTTP fleet
 *   --max-parallel 200            the wave's maxParallel (and the floor's window)
 *   --no-floor / --no-polling     skip the floor or the polling load test
 *   --no-rollouts                 only the polling load test (its own section of BENCHMARKS.md)
 *   --poll-backends dev,postgres  backends the polling test runs on (default: every backend)
 *   --poll-seconds 10 --poll-connections 10
 *   --poll-rounds 2               rounds of the four polling phases, in alternating order
 *   --poll-finish                 let the polled rollout run to completion (default: stop after polling)
 *   --history-sample 200          child histories fetched per run for counts and timings
 *   --stall-seconds 300           give up on a run when no site finishes for this long
 *   --api-log-level info          the API's LOG_LEVEL (the product default is info)
 *   --quiet-below 0.6 --quiet-wait 120
 *                                 before each measured run, wait (at most quiet-wait seconds) until the shared
 *                                 machine is busy below quiet-below cores
 *   --out BENCHMARKS.md           where the report goes; the raw figures go next to the run's logs
 *   --keep-databases              keep each scenario's Rollwave database
 *   --cpu-profile                 CPU-profile the worker's and API's main thread during measured runs (slower)
 *
 * Environment: BENCH_DATABASE_URL (Rollwave's Postgres; default embedded), BENCH_PG_HOST/PORT/USER/PASSWORD,
 * BENCH_PG_DB/BENCH_PG_VISIBILITY_DB (the Temporal server's Postgres; default 127.0.0.1:5432, postgres,
 * temporal, temporal_visibility), TEMPORAL_CLI.
 */
import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectTemporal } from '../src/temporal';
import { machineInfo } from './lib/machine';
import { postmasterPid, startRollwavePostgres } from './lib/rollwave-db';
import { postgresTargetFromEnv, startDevServer, startPostgresServer, temporalCliInfo, type TemporalServer } from './lib/temporal';
import { sizesOn, writeReport, type BenchResults } from './report';
import { probeScript, runFloor, runPolling, runRollwave, type Ctx, type Options } from './scenarios';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The repository the bench was started from (the snapshot it runs from has no .git). */
const REPO = process.env.BENCH_REPO_ROOT ?? ROOT;

/** What a run needs of the working tree, copied once so that edits made while it runs do not change the code under test. */
const SNAPSHOT = ['bench', 'src', 'workflows', 'activities', 'db', 'test/support', 'package.json', 'tsconfig.json'];

/**
 * Copies the code into the run directory and runs the bench from there, forwarding signals. A full run takes
 * hours while the working tree keeps changing: every worker, API and migration of one run uses one snapshot.
 */
async function runFromSnapshot(): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'rollwave-bench-'));
  // As root, the embedded Postgres runs as the `postgres` user, which must be able to reach its directory.
  await chmod(dir, 0o755);
  const code = join(dir, 'code');
  for (const entry of SNAPSHOT) await cp(join(ROOT, entry), join(code, entry), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(code, 'node_modules'), 'dir');
  const child = spawn(process.execPath, ['--import', 'tsx', join(code, 'bench', 'run.ts'), ...process.argv.slice(2)], {
    cwd: code,
    stdio: 'inherit',
    env: { ...process.env, BENCH_RUN_DIR: dir, BENCH_REPO_ROOT: ROOT },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

/** Stops what the run started (Temporal server, Postgres) when the bench is interrupted. */
const cleanups = new Set<() => Promise<void>>();
function onInterrupt() {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`bench: ${signal}, stopping what it started`);
      const deadline = setTimeout(() => process.exit(130), 60_000);
      Promise.allSettled([...cleanups].map((c) => c())).finally(() => {
        clearTimeout(deadline);
        process.exit(130);
      });
    });
  }
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
    return v;
  };
  const has = (name: string) => argv.includes(`--${name}`);
  const list = (name: string, fallback: string) => (get(name) ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
  const num = (name: string, fallback: number) => {
    const v = Number(get(name) ?? fallback);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
    return v;
  };
  const known = new Set(['sizes', 'backends', 'postgres-sizes', 'gateways', 'max-parallel', 'no-floor', 'no-polling', 'no-rollouts', 'poll-backends', 'poll-seconds', 'poll-connections', 'poll-rounds', 'poll-finish', 'history-sample', 'stall-seconds', 'api-log-level', 'quiet-below', 'quiet-wait', 'out', 'keep-databases', 'cpu-profile']);
  for (const a of argv) if (a.startsWith('--') && !known.has(a.slice(2))) throw new Error(`unknown option ${a}`);
  const sizes = list('sizes', '300,2000,10000').map(Number);
  if (sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new Error('--sizes must be positive integers');
  const backends = list('backends', 'dev,postgres') as Options['backends'];
  const gateways = list('gateways', 'simulated,fleet') as Options['gateways'];
  if (backends.some((b) => b !== 'dev' && b !== 'postgres')) throw new Error('--backends: dev and/or postgres');
  if (gateways.some((g) => g !== 'simulated' && g !== 'fleet')) throw new Error('--gateways: simulated and/or fleet');
  return {
    sizes,
    backends,
    postgresSizes: list('postgres-sizes', String(Math.max(...sizes))).map(Number),
    gateways,
    maxParallel: num('max-parallel', 200),
    floor: !has('no-floor'),
    polling: !has('no-polling'),
    rollouts: !has('no-rollouts'),
    pollBackends: list('poll-backends', backends.join(',')) as Options['pollBackends'],
    pollSeconds: num('poll-seconds', 10),
    pollConnections: num('poll-connections', 10),
    pollRounds: num('poll-rounds', 2),
    pollFinish: has('poll-finish'),
    historySample: num('history-sample', 200),
    stallSeconds: num('stall-seconds', 300),
    apiLogLevel: get('api-log-level') ?? 'info',
    quietBelow: num('quiet-below', 0.6),
    quietWait: Number(get('quiet-wait') ?? 120),
    out: resolve(REPO, get('out') ?? 'BENCHMARKS.md'),
    keepDatabases: has('keep-databases'),
    cpuProfile: has('cpu-profile'),
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const dir = process.env.BENCH_RUN_DIR!;
  onInterrupt();
  const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
  log(`run directory ${dir} (code snapshot, logs, raw results)`);
  const cli = await temporalCliInfo();
  const machine = machineInfo(cli.version, REPO);
  const pg = await startRollwavePostgres(dir);
  cleanups.add(pg.stop);
  log(`Rollwave's Postgres: ${pg.description}`);
  const results: BenchResults = {
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    options: opts,
    machine,
    rollwavePostgres: pg.description,
    backends: {},
    script: '',
    runs: [],
    polling: [],
    errors: [],
    runDir: dir,
  };
  const save = async () => {
    results.finishedAt = new Date().toISOString();
    await writeFile(join(dir, 'results.json'), JSON.stringify(results, null, 2));
    await writeReport(opts.out, results);
  };

  try {
    for (const backend of opts.backends) {
      const sizes = sizesOn(opts, backend);
      const poll = opts.polling && opts.pollBackends.includes(backend);
      const groups: { size: number; polling: boolean }[] = opts.rollouts ? sizes.map((size) => ({ size, polling: false })) : [];
      if (poll) groups.push({ size: Math.max(...opts.sizes), polling: true });
      for (const group of groups) {
        // A fresh server per size: no run pays for the histories of the one before.
        const serverDir = join(dir, `${backend}-${group.size}${group.polling ? '-polling' : ''}`);
        await mkdir(serverDir, { recursive: true });
        let server: TemporalServer | undefined;
        try {
          server = backend === 'dev' ? await startDevServer(serverDir, log) : await startPostgresServer(serverDir, postgresTargetFromEnv(), log);
          cleanups.add(server.stop);
          results.backends[backend] = server.description;
          const client = await connectTemporal(server.address, 'default');
          const temporalPgPid =
            backend === 'postgres'
              ? await postmasterPid(`postgres://${encodeURIComponent(postgresTargetFromEnv().user)}@${postgresTargetFromEnv().host}:${postgresTargetFromEnv().port}/postgres`)
              : undefined;
          const ctx: Ctx = { dir: serverDir, server, client, pg, temporalPgPid, opts, log };
          try {
            if (group.polling) {
              results.polling.push(await runPolling(ctx, group.size));
              await save();
              continue;
            }
            if (opts.floor && !results.script) {
              const probe = await probeScript(ctx);
              results.script = probe.script.includes('S') ? probe.script : `${probe.script}S`;
              results.scriptActivities = probe.byActivity;
              log(`a site workflow's activities and signals, in order: ${results.script} (${probe.byActivity.join(', ')})`);
            }
            const attempt = async (what: string, fn: () => Promise<BenchResults['runs'][number]>) => {
              try {
                results.runs.push(await fn());
              } catch (err) {
                const message = `${what}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`;
                log(`FAILED ${message}`);
                results.errors.push(message);
              }
              await save();
            };
            if (opts.floor) await attempt(`${backend} floor ${group.size}`, () => runFloor(ctx, group.size, results.script));
            for (const gateway of opts.gateways) {
              await attempt(`${backend} ${gateway} ${group.size}`, () => runRollwave(ctx, group.size, gateway));
            }
          } finally {
            await client.connection.close();
          }
        } catch (err) {
          const message = `${backend} ${group.size}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`;
          log(`FAILED ${message}`);
          results.errors.push(message);
          await save();
        } finally {
          if (server) cleanups.delete(server.stop);
          await server?.stop();
        }
      }
    }
  } finally {
    await save();
    await pg.stop();
  }
  log(`wrote ${opts.out} (raw figures: ${join(dir, 'results.json')})`);
}

if (process.env.BENCH_RUN_DIR) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
} else {
  runFromSnapshot().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
