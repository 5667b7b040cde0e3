/** Runs the built `rollwave` command as a user would: a child process with ROLLWAVE_URL and ROLLWAVE_KEY. */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves once stdout matches `pattern`; fails after `timeoutMs` or when the command ends first. */
  until(pattern: RegExp, timeoutMs?: number): Promise<void>;
  ended: Promise<CliRun>;
  kill(signal?: NodeJS.Signals): void;
}

export interface Cli {
  /** The command's file, built from the current source for this test file. */
  bin: string;
  run(args: string[], env?: Record<string, string>): Promise<CliRun>;
  start(args: string[], env?: Record<string, string>): RunningCli;
  /** `file args…` as a shell command line, quoted. */
  line(args: string[]): string;
  remove(): Promise<void>;
}

/** Builds the CLI (scripts/build-cli.mjs) into a directory of its own, run against `url` with `key`. */
export async function buildCli(url: string, key: string): Promise<Cli> {
  const outdir = await mkdtemp(join(tmpdir(), 'rollwave-cli-'));
  await promisify(execFile)(process.execPath, ['scripts/build-cli.mjs', '--outdir', outdir], { cwd: ROOT });
  const bin = join(outdir, 'rollwave.mjs');
  const envOf = (extra: Record<string, string> = {}) => ({ ...process.env, ROLLWAVE_URL: url, ROLLWAVE_KEY: key, NO_COLOR: '1', ...extra });
  const start = (args: string[], env?: Record<string, string>): RunningCli => {
    const child = spawn(process.execPath, [bin, ...args], { env: envOf(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const waiters = new Set<() => void>();
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      for (const w of [...waiters]) w();
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const ended = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
    let done = false;
    void ended.then(() => {
      done = true;
      for (const w of [...waiters]) w();
    });
    return {
      get stdout() {
        return stdout;
      },
      get stderr() {
        return stderr;
      },
      ended,
      kill: (signal = 'SIGTERM') => child.kill(signal),
      until(pattern, timeoutMs = 60_000) {
        return new Promise((resolve, reject) => {
          const check = () => {
            if (pattern.test(stdout)) finish(resolve);
            else if (done) finish(() => reject(new Error(`command ended before ${pattern}; stdout:\n${stdout}\nstderr:\n${stderr}`)));
          };
          const finish = (settle: () => void) => {
            clearTimeout(timer);
            waiters.delete(check);
            settle();
          };
          const timer = setTimeout(() => finish(() => reject(new Error(`timed out waiting for ${pattern}; stdout:\n${stdout}\nstderr:\n${stderr}`))), timeoutMs);
          waiters.add(check);
          check();
        });
      },
    };
  };
  return {
    bin,
    start,
    run: (args, env) => start(args, env).ended,
    line: (args) => [process.execPath, bin, ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' '),
    remove: () => rm(outdir, { recursive: true, force: true }),
  };
}
