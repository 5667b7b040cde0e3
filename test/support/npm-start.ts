/**
 * What the survival tests of `npm start` share: a data directory, a fleet and a port of the file's own, and after
 * its tests whatever they left running is killed: every process of each group, then the servers still serving the
 * directory (found by their command lines, never by a pidfile a crash may have left stale).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from '../../src/dev/processes';
import { startFleet, type Fleet } from '../../src/dev/site-fleet';
import { processTable, signalAll, spawnRollwave, type ProcessInfo, type RollwaveProcess } from './processes';

export interface NpmStart {
  readonly dataDir: string;
  readonly fleet: Fleet;
  readonly port: number;
  /** `npm start` on the data directory and port with the admin key, once it says it is running. */
  start(): Promise<RollwaveProcess>;
  /** Postgres and Temporal processes serving the data directory, whoever their parent is now. */
  servers(): ProcessInfo[];
}

export function useNpmStart(opts: { key: string; tmpPrefix: string; startTimeoutMs: number }): NpmStart {
  let dataDir: string;
  let fleet: Fleet;
  let port: number;
  const started: RollwaveProcess[] = [];
  const servers = () => processTable().filter((p) => (p.comm === 'postgres' || p.comm === 'temporal') && p.cmdline.includes(dataDir));

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), opts.tmpPrefix));
    [fleet, port] = await Promise.all([startFleet(), freePort()]);
  });
  afterAll(async () => {
    for (const p of started) if (!p.hasExited()) signalAll([...p.descendants().map((d) => d.pid), p.pid], 'SIGKILL');
    signalAll(servers().map((p) => p.pid), 'SIGKILL');
    await fleet?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  return {
    get dataDir() {
      return dataDir;
    },
    get fleet() {
      return fleet;
    },
    get port() {
      return port;
    },
    async start() {
      const p = spawnRollwave({ via: 'npm', env: { ROLLWAVE_DATA_DIR: dataDir, PORT: String(port), ROLLWAVE_ADMIN_KEY: opts.key } });
      started.push(p);
      await p.waitForOutput(/"msg":"Rollwave is running"/, opts.startTimeoutMs);
      return p;
    },
    servers,
  };
}
