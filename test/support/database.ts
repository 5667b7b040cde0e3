// A private database per test file on the server that global-setup provides,
// so test files can run in parallel without seeing each other's rows.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { connect, runMigrations, type Database } from '../../db/client';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('databaseUrl');
  const name = `rollwave_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (sql) => sql`create database ${sql(name)}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(adminUrl, async (sql) => {
        // DROP DATABASE fails while anyone is connected, e.g. a pool the test forgot to end.
        await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
        await sql`drop database if exists ${sql(name)}`;
      }),
  };
}

export interface MigratedDatabase extends TestDatabase {
  /** A pool on it; `drop()` closes it first. */
  database: Database;
}

/** A private database with Rollwave's schema, and a pool on it. */
export async function createMigratedDatabase(): Promise<MigratedDatabase> {
  const testDb = await createTestDatabase();
  await runMigrations(testDb.url);
  const database = connect(testDb.url);
  return {
    url: testDb.url,
    database,
    async drop() {
      await database.close();
      await testDb.drop();
    },
  };
}

async function withAdmin(url: string, fn: (sql: postgres.Sql) => Promise<unknown>): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await fn(sql);
  } finally {
    await sql.end();
  }
}
