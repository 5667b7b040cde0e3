/**
 * Rollwave as real operating-system processes, for the survival tests: `npm start` or `tsx src/main.ts` in a
 * process group of its own, its output captured, and the process tree read from /proc so a test can SIGKILL
 * exactly what a crash kills (the Node processes) and leave what a crash leaves (the servers they started).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive } from '../../src/dev/processes';

export { isAlive };

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = 'node_modules/.bin/tsx';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RollwaveProcess {
  /** Pid of the process spawned (`npm` or `tsx`), also its process group id. */
  readonly pid: number;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves once `pattern` appears in the output after character `from` (default: anywhere). */
  waitForOutput(pattern: RegExp, timeoutMs: number, from?: number): Promise<void>;
  readonly exited: Promise<Exit>;
  /** Whether the spawned process has exited. */
  hasExited(): boolean;
  /** Pid of the Node process that runs src/main.ts (under npm and tsx). */
  mainPid(): number | undefined;
  /** Every live process below the spawned one, with its command line. */
  descendants(): ProcessInfo[];
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** The kernel's short name (`node`, `postgres`, `temporal`). */
  comm: string;
  cmdline: string;
}

export interface SpawnOptions {
  /** `npm` runs `npm start`; `tsx` runs `tsx src/main.ts` (the command `npm start` runs). */
  via: 'npm' | 'tsx';
  /** Added to a clean copy of this process's environment (no DATABASE_URL, TEMPORAL_ADDRESS, PORT…). */
  env: Record<string, string>;
  /** The checkout to run in (its own node_modules); omitted → this one. */
  checkout?: string;
}

const OWN_VARIABLES = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'ROLLWAVE_DATA_DIR',
  'ROLLWAVE_ADMIN_KEY',
  'ROLLWAVE_ROLE',
  'LOG_LEVEL',
];

export function spawnRollwave(opts: SpawnOptions): RollwaveProcess {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of OWN_VARIABLES) delete env[name];
  Object.assign(env, { LOG_LEVEL: 'info', ...opts.env });
  const cwd = opts.checkout ?? ROOT;
  const [command, args] = opts.via === 'npm' ? ['npm', ['start', '--silent']] : [join(cwd, TSX), ['src/main.ts']];
  // A process group of its own: the test can signal all of it, and Ctrl-C on the test run does not reach it.
  const child: ChildProcess = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not spawn ${command}`);

  let output = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of waiters) check();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  let exit: Exit | undefined;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      for (const check of waiters) check();
      resolve(exit);
    });
  });

  return {
    pid,
    output: () => output,
    exited,
    hasExited: () => exit !== undefined,
    waitForOutput(pattern, timeoutMs, from = 0) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(output.slice(from))) done();
          else if (exit) done(new Error(`process exited (${JSON.stringify(exit)}) before printing ${pattern}:\n${tail(output)}`));
        };
        const timer = setTimeout(() => done(new Error(`no ${pattern} within ${timeoutMs} ms:\n${tail(output)}`)), timeoutMs);
        const done = (err?: Error) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (err) reject(err);
          else resolve();
        };
        waiters.add(check);
        check();
      });
    },
    mainPid: () => descendantsOf(pid).find((p) => p.comm === 'node' && p.cmdline.includes('preflight.cjs'))?.pid,
    descendants: () => descendantsOf(pid),
  };
}

const tail = (text: string) => text.split('\n').slice(-40).join('\n');

/** Live processes on the machine, from /proc. */
export function processTable(): ProcessInfo[] {
  const table: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split at the last ")".
      const close = stat.lastIndexOf(')');
      const [state, ppid] = stat.slice(close + 2).split(' ');
      if (state === 'Z') continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      table.push({ pid: Number(entry), ppid: Number(ppid), comm: stat.slice(stat.indexOf('(') + 1, close), cmdline });
    } catch {
      // exited while we looked
    }
  }
  return table;
}

export function descendantsOf(root: number): ProcessInfo[] {
  const table = processTable();
  const found: ProcessInfo[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of table) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found;
}

/** Sends `signal` to each pid that is still alive; never by name. */
export function signalAll(pids: Iterable<number>, signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Polls until `check` holds, or fails after `timeoutMs` naming `what`. */
export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The pid on the first line of a pidfile (postmaster.pid, temporal.pid), if the file exists. */
export function pidFromFile(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
