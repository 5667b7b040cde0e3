import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import pino from 'pino';
import postgres from 'postgres';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { startTemporalDevServer } from '../../src/dev/temporal-dev-server';
import { createTestDatabase } from '../support/database';

// 'error' by default: the orphan test's expected warning is noise here.
const log = pino({ level: process.env.LOG_LEVEL ?? 'error' });
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rollwave-dev-servers-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function describeDefaultNamespace(address: string): Promise<string | undefined> {
  const connection = await Connection.connect({ address });
  try {
    const { namespaceInfo } = await connection.workflowService.describeNamespace({ namespace: 'default' });
    return namespaceInfo?.name ?? undefined;
  } finally {
    await connection.close();
  }
}

describe('Temporal dev server', () => {
  it('starts with a data dir, serves clients, and stops', async () => {
    const dataDir = await tempDir();
    const server = await startTemporalDevServer({ dataDir, log });
    cleanups.push(server.stop);

    expect(await describeDefaultNamespace(server.address)).toBe('default');

    await server.stop();
    expect(isAlive(server.pid)).toBe(false);
  });

  it('replaces a server orphaned by a dead parent that used the same data dir', async () => {
    const dataDir = await tempDir();
    // Forgetting the handle leaves exactly what a SIGKILLed parent leaves: a
    // live server, its pidfile, and the SQLite file it holds.
    const orphan = await startTemporalDevServer({ dataDir, log });

    const server = await startTemporalDevServer({ dataDir, log });
    cleanups.push(server.stop);

    expect(isAlive(orphan.pid)).toBe(false);
    expect(await describeDefaultNamespace(server.address)).toBe('default');
  });
});

describe('embedded Postgres', () => {
  it('persists data and its URL across a restart on the same data dir', async () => {
    const dataDir = await tempDir();
    const first = await startEmbeddedPostgres({ dataDir, log });
    cleanups.push(first.stop);
    const sql = postgres(first.url, { max: 1, onnotice: () => {} });
    expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
    await sql`create table marker (note text)`;
    await sql`insert into marker values ('kept')`;
    await sql.end();
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, log });
    cleanups.push(second.stop);
    expect(second.url).toBe(first.url);
    const again = postgres(second.url, { max: 1 });
    expect(await again`select note from marker`).toEqual([{ note: 'kept' }]);
    await again.end();
  });
});

describe('createTestDatabase', () => {
  it('creates a private database and drops it even while connections are open', async () => {
    const db = await createTestDatabase();
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    await sql`create table t (id int)`;
    const name = new URL(db.url).pathname.slice(1);

    await db.drop();

    await sql.end();
    const admin = postgres(inject('databaseUrl'), { max: 1 });
    expect(await admin`select 1 from pg_database where datname = ${name}`).toHaveLength(0);
    await admin.end();
  });
});
