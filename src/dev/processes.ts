// Process helpers of the embedded dev servers: a free port, whether a pid lives, and stopping a server a
// SIGKILLed run left behind, found through its pidfile.
import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DevLogger } from './temporal-cli';

const STOP_TIMEOUT_MS = 10_000;

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * If `pidFile` names a live process whose command line passes `isOurs`, stop it
 * (SIGTERM, then SIGKILL after a deadline); then remove the pidfile. This is
 * how we reclaim a data dir from a server orphaned by a SIGKILLed parent.
 */
export async function killRecordedProcess(
  pidFile: string,
  isOurs: (cmdline: string) => boolean,
  log: DevLogger,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  const pid = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
  if (pid > 0 && isAlive(pid)) {
    const cmdline = await readCmdline(pid);
    if (cmdline !== undefined && isOurs(cmdline)) {
      log.warn({ orphanPid: pid, cmdline }, 'stopping orphaned server left by a previous run');
      await terminate(pid, signal);
    }
  }
  await rm(pidFile, { force: true });
}

async function terminate(pid: number, signal: NodeJS.Signals): Promise<void> {
  try {
    process.kill(pid, signal);
  } catch {
    return; // exited in the meantime
  }
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      break;
    }
    await sleep(50);
  }
  while (isAlive(pid)) await sleep(50);
}

/** Alive and not a zombie (an orphan's zombie may linger where PID 1 doesn't reap). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (not Linux): trust kill(0)
  }
}

async function readCmdline(pid: number): Promise<string | undefined> {
  // /proc is Linux-only; elsewhere we can't verify the pid isn't recycled, so leave it.
  return readFile(`/proc/${pid}/cmdline`, 'utf8').then(
    (s) => s.split('\0').join(' ').trim(),
    () => undefined,
  );
}
