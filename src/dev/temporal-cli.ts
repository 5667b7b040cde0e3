// Locates the `temporal` CLI (which embeds the dev server), building it once
// with `go install` when it isn't anywhere yet. Run as a script it prints the path.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Structural subset of a pino logger, so callers can pass pino directly. */
type LogFn = (objOrMsg: object | string, msg?: string) => void;
export interface DevLogger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

// Later CLI tags can't be `go install`ed (replace directives in go.mod), so pin.
const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

/** Where the binaries Rollwave builds are kept: `rollwave/bin` in the user's cache directory. */
export function rollwaveBinDir(): string {
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheHome, 'rollwave', 'bin');
}

export async function resolveTemporalCli(log?: DevLogger): Promise<string> {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    if (!(await isExecutable(fromEnv))) throw new Error(`TEMPORAL_CLI=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  const onPath = await findOnPath('temporal');
  if (onPath) return onPath;

  const cached = join(rollwaveBinDir(), 'temporal');
  if (await isExecutable(cached)) return cached;

  await buildTemporalCli(cached, log);
  return cached;
}

async function buildTemporalCli(target: string, log?: DevLogger): Promise<void> {
  const go = await findOnPath('go');
  if (!go) {
    throw new Error(
      'The Temporal CLI was not found and cannot be built: `go` is not on PATH. ' +
        'Install Go >= 1.22 (https://go.dev/dl; before 1.25 it fetches the Go 1.25 toolchain the CLI needs by itself) ' +
        'or set TEMPORAL_CLI to the path of a `temporal` binary.',
    );
  }
  log?.info({ module: TEMPORAL_CLI_MODULE, target }, 'building Temporal CLI with go install (takes a few minutes, once)');
  const started = Date.now();
  await goInstall(go, [TEMPORAL_CLI_MODULE], { temporal: target });
  log?.info({ target, ms: Date.now() - started }, 'built Temporal CLI');
}

/**
 * Builds Go `modules` with `go install` and moves each binary built (by its name in `targets`) to its target in
 * rollwaveBinDir(). Concurrent builders each use a private GOBIN and rename into place: rename is atomic within a
 * filesystem, so nobody ever runs a half-written binary and the last finisher harmlessly replaces an identical file.
 */
export async function goInstall(go: string, modules: string[], targets: Record<string, string>): Promise<void> {
  const binDir = rollwaveBinDir();
  await mkdir(binDir, { recursive: true });
  const tmpBin = await mkdtemp(join(binDir, '.build-'));
  try {
    await run(go, ['install', ...modules], { ...process.env, GOBIN: tmpBin });
    for (const [built, target] of Object.entries(targets)) await rename(join(tmpBin, built), target);
  } finally {
    await rm(tmpBin, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    // stdout/stderr go to ours so a developer sees download/compile progress.
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (code ${code}, signal ${signal})`)),
    );
  });
}

export async function findOnPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export async function isExecutable(file: string): Promise<boolean> {
  try {
    // As root, X_OK alone also passes for directories.
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const toStderr: LogFn = (objOrMsg, msg) => console.error(msg ?? objOrMsg);
  try {
    console.log(await resolveTemporalCli({ debug: () => {}, info: toStderr, warn: toStderr, error: toStderr }));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
