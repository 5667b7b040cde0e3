// Runs `temporal server start-dev` as a child process for local development
// and tests, surviving the classic failure: our process was SIGKILLed and the
// orphaned server still holds the port and the SQLite file.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { freePort, killRecordedProcess } from './processes';
import { findOnPath, resolveTemporalCli, type DevLogger } from './temporal-cli';

export interface TemporalDevServerOptions {
  /** Persist state in `<dataDir>/temporal.sqlite`; omitted → in-memory. */
  dataDir?: string;
  /** gRPC frontend port; omitted → a free port. */
  port?: number;
  /** Server settings by key (`--dynamic-config-value`), e.g. `{ 'limit.historyCount.suggestContinueAsNew': 200 }`. */
  dynamicConfig?: Record<string, string | number | boolean>;
  log: DevLogger;
}

export interface TemporalDevServer {
  address: string;
  pid: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export async function startTemporalDevServer(opts: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const { dataDir, log } = opts;
  const cli = await resolveTemporalCli(log);
  const pidFile = dataDir && join(dataDir, 'temporal.pid');
  const dbFile = dataDir && join(dataDir, 'temporal.sqlite');
  if (pidFile && dbFile) {
    await mkdir(dataDir, { recursive: true });
    await killRecordedProcess(pidFile, (cmdline) => cmdline.includes('start-dev') && cmdline.includes(dbFile), log);
  }
  const port = opts.port ?? (await freePort());
  const address = `127.0.0.1:${port}`;
  const args = startDevArgs(port, dbFile);
  for (const [key, value] of Object.entries(opts.dynamicConfig ?? {})) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);

  const child = await spawnTiedToParent(cli, args);
  const output = captureOutput(child, dataDir, log);
  const pid = child.pid!;
  if (pidFile) await writeFile(pidFile, `${pid}\n`);
  // Fallback for platforms without setpriv: at least a normal exit kills it.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    await stopChild(child);
    if (pidFile) await rm(pidFile, { force: true });
  };

  const started = Date.now();
  try {
    await waitUntilServing(address, child, output);
  } catch (err) {
    await stop();
    throw err;
  }
  log.info({ address, serverPid: pid, dataDir: dataDir ?? '(in-memory)', ms: Date.now() - started }, 'Temporal dev server ready');
  return { address, pid, stop };
}

/**
 * `temporal server start-dev` on 127.0.0.1:`port`, in memory or in `dbFile`. The HTTP API and metrics ports default
 * to random free ports in CLI v1.5.1, and --headless turns the UI (port + 1000) off, so parallel servers don't collide.
 */
export function startDevArgs(port: number, dbFile?: string): string[] {
  const args = ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'];
  if (dbFile) args.push('--db-filename', dbFile);
  return args;
}

/**
 * On Linux, `setpriv --pdeathsig` makes the kernel SIGTERM the server when our
 * process dies, even by SIGKILL (Node has no prctl binding). setpriv execs the
 * CLI, so the pid is the server's. The pidfile is the safety net elsewhere.
 */
async function spawnTiedToParent(cli: string, args: string[]): Promise<ChildProcess> {
  const setpriv = process.platform === 'linux' ? await findOnPath('setpriv') : undefined;
  const child = setpriv
    ? spawn(setpriv, ['--pdeathsig', 'SIGTERM', '--', cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  return child;
}

/** Sends output to `<dataDir>/temporal.log` or the logger; keeps a tail for errors. */
function captureOutput(child: ChildProcess, dataDir: string | undefined, log: DevLogger): { tail(): string } {
  const file = dataDir ? createWriteStream(join(dataDir, 'temporal.log'), { flags: 'a' }) : undefined;
  let tail = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
      if (file) file.write(chunk);
      else log.debug({ temporal: chunk.toString().trimEnd() }, 'temporal dev server output');
    });
  }
  child.once('exit', () => file?.end());
  return { tail: () => tail };
}

async function waitUntilServing(address: string, child: ChildProcess, output: { tail(): string }): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  const [host, port] = address.split(':') as [string, string];
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Temporal dev server exited during startup (${child.exitCode ?? child.signalCode}): ${output.tail()}`);
    }
    if (Date.now() > deadline) throw new Error(`Temporal dev server not ready after ${START_TIMEOUT_MS} ms: ${output.tail()}`);
    // Probe TCP first: gRPC's reconnect backoff would otherwise add ~1 s.
    if (await canConnect(host, Number(port))) {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 }).catch(() => undefined);
      // The "default" namespace is registered during startup; ready means it's there.
      const ok = await connection?.workflowService.describeNamespace({ namespace: 'default' }).then(
        () => true,
        () => false,
      );
      await connection?.close();
      if (ok) return;
    }
    await sleep(50);
  }
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true)).once('error', () => done(false));
    socket.connect(port, host);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
