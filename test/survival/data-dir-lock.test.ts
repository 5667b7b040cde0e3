/**
 * One `npm start` per data directory: a second one on a directory a live Rollwave holds exits with the reason
 * and leaves the first one's embedded servers alone; a lock left by a dead process, or naming a pid that now
 * belongs to another process, does not stop a start.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { apiClient } from '../../src/dev/api-client';
import { claimDataDir } from '../../src/dev/data-dir-lock';
import { freePort } from '../../src/dev/processes';
import { isAlive, pidFromFile, signalAll, spawnRollwave, type RollwaveProcess } from '../support/processes';

const KEY = 'survival-admin-key-0123456789';

let dataDir: string;
const started: RollwaveProcess[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rollwave-lock-'));
});

afterAll(async () => {
  for (const p of started) if (!p.hasExited()) signalAll([...p.descendants().map((d) => d.pid), p.pid], 'SIGKILL');
  signalAll([join(dataDir, 'postgres', 'postmaster.pid'), join(dataDir, 'temporal.pid')].flatMap((f) => pidFromFile(f) ?? []), 'SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

function start(port: number): RollwaveProcess {
  const p = spawnRollwave({ via: 'tsx', env: { ROLLWAVE_DATA_DIR: dataDir, PORT: String(port), ROLLWAVE_ADMIN_KEY: KEY } });
  started.push(p);
  return p;
}

test('a second npm start on a data directory in use exits with the reason and the first one keeps running', async () => {
  const [firstPort, secondPort] = await Promise.all([freePort(), freePort()]);
  const first = start(firstPort);
  await first.waitForOutput(/"msg":"Rollwave is running"/, 120_000);
  const servers = [pidFromFile(join(dataDir, 'postgres', 'postmaster.pid')), pidFromFile(join(dataDir, 'temporal.pid'))];

  const second = start(secondPort);
  expect(await second.exited).toMatchObject({ code: 1 });
  expect(second.output()).toMatch(new RegExp(`data directory ${dataDir} is in use by another Rollwave \\(pid ${first.mainPid()}\\)`));

  for (const pid of servers) expect(isAlive(pid!)).toBe(true);
  const http = apiClient(`http://127.0.0.1:${firstPort}`, KEY);
  expect((await http('GET', '/v1/sites')).status).toBe(200);

  signalAll([first.pid], 'SIGTERM');
  expect(await first.exited).toMatchObject({ code: 0 });
  expect(existsSync(join(dataDir, 'rollwave.lock'))).toBe(false);
});

test('a lock left by a process that is gone, or naming a pid that another process now has, is taken over', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rollwave-lock-stale-'));
  try {
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.on('exit', resolve));
    for (const holder of [{ pid: gone.pid, startTime: '1' }, { pid: process.ppid, startTime: 'not its start time' }]) {
      await writeFile(join(dir, 'rollwave.lock'), JSON.stringify(holder));
      const lock = await claimDataDir(dir);
      await lock.release();
      expect(existsSync(join(dir, 'rollwave.lock'))).toBe(false);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
