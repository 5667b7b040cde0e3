/**
 * Root clones Rollwave into a home directory of mode 700 (/root, in containers and cloud VMs), which the OS user
 * `postgres` that embedded Postgres runs as cannot traverse, and runs `npm start` or `npm test` there. The home is
 * a mode-700 directory made for the test; the clone is this repository's HEAD with this working tree's src/dev
 * (the code under test) laid over it and node_modules hard-linked from here. Run by another user, the home is no
 * obstacle and the same stories hold. What a run adds to RELOCATION_ROOT is removed at the end. In test/survival
 * for its length (npm start, and initdb thrice), not for any crash.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { apiClient } from '../../src/dev/api-client';
import type * as EmbeddedPostgres from '../../src/dev/embedded-postgres';
import { RELOCATION_ROOT } from '../../src/dev/postgres-placement';
import { freePort } from '../../src/dev/processes';
import { ROOT, signalAll, spawnRollwave, type RollwaveProcess } from '../support/processes';

const KEY = 'private-home-admin-key-0123456789';
const START_BOUND_MS = 120_000;
const log = pino({ level: process.env.LOG_LEVEL ?? 'error' });

let home: string;
let checkout: string;
let relocatedBefore: Set<string>;
const started: RollwaveProcess[] = [];
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  relocatedBefore = await relocationEntries();
  home = await mkdtemp(join(tmpdir(), 'rollwave-private-home-'));
  checkout = join(home, 'rollwave');
  execFileSync('git', ['clone', '--quiet', ROOT, checkout]);
  await cp(join(ROOT, 'src', 'dev'), join(checkout, 'src', 'dev'), { recursive: true });
  execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(checkout, 'node_modules')]);
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  // Whatever a failed test left running: every process of each group (the servers are in them too).
  for (const p of started) if (!p.hasExited()) signalAll([...p.descendants().map((d) => d.pid), p.pid], 'SIGKILL');
  if (home) await rm(home, { recursive: true, force: true });
  // Parents first: removing one removes what it holds.
  for (const path of [...(await relocationEntries())].filter((p) => !relocatedBefore.has(p)).sort()) await rm(path, { recursive: true, force: true });
});

/** RELOCATION_ROOT and two levels below it: the binaries' copies and the clusters' homes. */
async function relocationEntries(): Promise<Set<string>> {
  const found = new Set<string>();
  const walk = async (path: string, depth: number): Promise<void> => {
    if (!existsSync(path)) return;
    found.add(path);
    if (depth > 0 && (await stat(path)).isDirectory()) for (const name of await readdir(path)) await walk(join(path, name), depth - 1);
  };
  await walk(RELOCATION_ROOT, 2);
  return found;
}

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

/** startEmbeddedPostgres as the clone has it, so it finds its binaries in the clone's node_modules. */
async function startFromCheckout(dataDir: string): Promise<EmbeddedPostgres.EmbeddedPostgresServer> {
  const { startEmbeddedPostgres } = (await import(join(checkout, 'src', 'dev', 'embedded-postgres.ts'))) as typeof EmbeddedPostgres;
  const server = await startEmbeddedPostgres({ dataDir, log });
  cleanups.push(server.stop);
  return server;
}

async function query<T extends object>(url: string, run: (sql: postgres.Sql) => Promise<T[]>): Promise<T[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end();
  }
}

it('npm start in a clone in a private home comes up, answers /readyz and stops cleanly', async () => {
  expect(await modeOf(home)).toBe(0o700);
  const port = await freePort();
  const rw = spawnRollwave({ via: 'npm', checkout, env: { PORT: String(port), ROLLWAVE_ADMIN_KEY: KEY } });
  started.push(rw);
  await rw.waitForOutput(/"msg":"Rollwave is running"/, START_BOUND_MS);

  expect((await apiClient(`http://127.0.0.1:${port}`, KEY)('GET', '/readyz')).status).toBe(200);
  process.kill(rw.pid, 'SIGTERM');
  expect(await rw.exited).toEqual({ code: 0, signal: null });
  // Reached by moving things out of the home, not by opening it.
  expect(await modeOf(home)).toBe(0o700);
});

it('the test set-up in such a clone keeps the cluster of its data directory in /tmp inside that directory', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'rollwave-test-pg-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

  const server = await startFromCheckout(dataDir);

  expect(await query(server.url, (sql) => sql`select 1 as one`)).toEqual([{ one: 1 }]);
  // Removing the data directory at the end of the run removes the cluster with it: nothing piles up elsewhere.
  expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
  expect(JSON.parse(await readFile(join(dataDir, 'postgres.json'), 'utf8'))).not.toHaveProperty('clusterDir');
});

it('a data directory in a private home keeps its data across a restart, and starts afresh once removed and made again', async () => {
  const dataDir = join(home, 'data');
  const first = await startFromCheckout(dataDir);
  await query(first.url, (sql) => sql`create table marker as select 'kept' as note`);
  await first.stop();

  const second = await startFromCheckout(dataDir);
  expect(second.url).toBe(first.url);
  expect(await query(second.url, (sql) => sql`select note from marker`)).toEqual([{ note: 'kept' }]);
  await second.stop();

  await rm(dataDir, { recursive: true });
  const third = await startFromCheckout(dataDir);
  expect(await query(third.url, (sql) => sql`select to_regclass('marker') as marker`)).toEqual([{ marker: null }]);
  expect(await modeOf(home)).toBe(0o700);
});
