/**
 * One `npm start` per data directory. Starting the embedded servers clears whatever a crashed run left on the
 * directory (src/dev/temporal-dev-server.ts, src/dev/embedded-postgres.ts); a second instance would take a live
 * first one's servers for orphans and stop them. The lock file names the process that holds the directory by
 * pid and start time, so a pid reused after a crash or a container restart does not count as the holder.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from './processes';

const LOCK_FILE = 'rollwave.lock';

interface Holder {
  pid: number;
  /** Clock ticks since boot at which the process started (/proc/<pid>/stat), where /proc exists. */
  startTime: string | null;
}

class DataDirInUse extends Error {
  constructor(dataDir: string, pid: number) {
    super(`data directory ${dataDir} is in use by another Rollwave (pid ${pid}): stop it first, or set ROLLWAVE_DATA_DIR to another directory`);
    this.name = 'DataDirInUse';
  }
}

function startTimeOf(pid: number): string | null {
  try {
    // Field 22; the command name in field 2 is in parentheses and may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

async function readHolder(file: string): Promise<Holder | undefined> {
  try {
    const holder = JSON.parse(await readFile(file, 'utf8')) as Partial<Holder>;
    return typeof holder.pid === 'number' ? { pid: holder.pid, startTime: holder.startTime ?? null } : undefined;
  } catch {
    return undefined;
  }
}

const holds = (holder: Holder) => holder.pid !== process.pid && isAlive(holder.pid) && startTimeOf(holder.pid) === holder.startTime;

/** Claims `dataDir` (which must exist) for this process; throws DataDirInUse while another live process holds it. */
export async function claimDataDir(dataDir: string): Promise<{ release: () => Promise<void> }> {
  const file = join(dataDir, LOCK_FILE);
  const me: Holder = { pid: process.pid, startTime: startTimeOf(process.pid) };
  for (let tries = 0; ; tries++) {
    try {
      await writeFile(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = await readHolder(file);
    if (holder && holds(holder)) throw new DataDirInUse(dataDir, holder.pid);
    // A second EEXIST means another start claimed it between our removal and our write.
    if (tries > 0) throw new Error(`data directory ${dataDir} is being claimed by another Rollwave starting at the same time`);
    await rm(file, { force: true });
  }
  return {
    release: async () => {
      if ((await readHolder(file))?.pid === process.pid) await rm(file, { force: true });
    },
  };
}
