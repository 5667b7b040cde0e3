/**
 * Parent side of the process protocol (bench/lib/child.ts), and plain child processes (servers). Every child is
 * tied to the bench with `setpriv --pdeathsig` where available, so a killed bench leaves nothing running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findOnPath } from '../../src/dev/temporal-cli';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STOP_TIMEOUT_MS = 30_000;

let setprivPath: string | undefined | null = null;
async function setpriv(): Promise<string | undefined> {
  if (setprivPath === null) setprivPath = process.platform === 'linux' ? await findOnPath('setpriv') : undefined;
  return setprivPath;
}

export interface Spawned {
  child: ChildProcess;
  pid: number;
  /** Rejects when the process exits before `stop()`. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function spawnProcess(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; logFile: string; ipc?: boolean; cwd?: string },
): Promise<Spawned> {
  const tie = await setpriv();
  const fd = openSync(opts.logFile, 'a');
  const stdio: ('ignore' | 'ipc' | number)[] = ['ignore', fd, fd];
  if (opts.ipc) stdio.push('ipc');
  const child = tie
    ? spawn(tie, ['--pdeathsig', 'SIGTERM', '--', cmd, ...args], { env: opts.env ?? process.env, stdio, cwd: opts.cwd ?? ROOT })
    : spawn(cmd, args, { env: opts.env ?? process.env, stdio, cwd: opts.cwd ?? ROOT });
  closeSync(fd);
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  let stopping = false;
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('exit', (code, signal) => {
      if (stopping) resolve(code);
      else reject(new Error(`${cmd} exited unexpectedly (code ${code}, signal ${signal}); see ${opts.logFile}`));
    });
  });
  exited.catch(() => {});
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    child,
    pid: child.pid!,
    exited,
    async stop(signal = 'SIGTERM') {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopping = true;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await done;
      clearTimeout(timer);
    },
  };
}

export interface BenchChild<Info> extends Spawned {
  info: Info;
  request<T = unknown>(type: string, arg?: unknown): Promise<T>;
}

/** Runs `bench/processes/<name>.ts` under tsx (`node --import tsx`: the pid is the Node process itself). */
export async function spawnBenchChild<Info extends { pid: number }>(
  name: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
  nodeArgs: string[] = [],
): Promise<BenchChild<Info>> {
  const script = fileURLToPath(new URL(`../processes/${name}.ts`, import.meta.url));
  const spawned = await spawnProcess(process.execPath, [...nodeArgs, '--import', 'tsx', script], { env: { ...process.env, ...env }, logFile, ipc: true });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  const ready = new Promise<Info>((resolve, reject) => {
    spawned.child.on('message', (message: { type?: string; info?: Info; id?: number; result?: unknown; error?: string }) => {
      if (message.type === 'ready') return resolve(message.info!);
      const waiter = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id!);
      if (message.error) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
    });
    spawned.exited.catch(reject);
  });
  const info = await ready;
  return {
    ...spawned,
    info,
    request<T>(type: string, arg?: unknown) {
      return new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        spawned.child.send({ id, type, arg });
      });
    },
  };
}
