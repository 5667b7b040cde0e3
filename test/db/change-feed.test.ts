/** The change feed on a real Postgres: every committed version and key change is heard, and a lost connection is said. */
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { followChanges, type ChangeFeed } from '../../db/change-feed';
import type { Database } from '../../db/client';
import { appendEvent, recordSiteTransition } from '../../db/projection';
import { deleteRollout, insertRollout } from '../../db/rollouts';
import { apiKeys } from '../../db/schema';
import { rolloutPlan } from '../../domain/plan';
import { createMigratedDatabase, type MigratedDatabase } from '../support/database';
import { waitFor } from '../support/harness';

let testDb: MigratedDatabase;
let database: Database;
let feed: ChangeFeed;
const heard: [string, number][] = [];
const keysHeard: string[] = [];
const states: boolean[] = [];

beforeAll(async () => {
  testDb = await createMigratedDatabase();
  database = testDb.database;
  feed = followChanges(
    testDb.url,
    {
      versions: { changed: (id, version) => heard.push([id, version]), listening: (on) => states.push(on) },
      keys: { keyChanged: (keyHash) => keysHeard.push(keyHash), listening: () => {} },
    },
    pino({ level: 'silent' }),
  );
  await waitFor(async () => states.at(-1) === true, 10_000, 'listening');
});
afterAll(async () => {
  await feed?.close();
  await testDb?.drop();
});

async function newRollout(id: string) {
  const plan = rolloutPlan.parse({ name: id, release: { version: '1' }, waves: [{ name: 'all', select: { all: true } }] });
  await insertRollout(database.db, { id, plan, waves: [['S1']], requestHash: id, actor: null });
}
const heardOf = (id: string) => heard.filter(([rollout]) => rollout === id).map(([, version]) => version);

test('each committed version is announced once, in order, and a deletion as -1', async () => {
  await newRollout('v1');
  await recordSiteTransition(database.db, { rolloutId: 'v1', code: 'S1', seq: 1, state: 'running', step: 'config_push', attempts: 1, completedSteps: [] });
  await database.db.transaction(async (tx) => {
    await appendEvent(tx, 'v1', { type: 'note' });
    await appendEvent(tx, 'v1', { type: 'note' });
  });
  await waitFor(async () => heardOf('v1').length >= 4, 10_000, 'four versions heard');
  expect(heardOf('v1')).toEqual([1, 2, 3, 4]);

  await deleteRollout(database.db, 'v1');
  await waitFor(async () => heardOf('v1').at(-1) === -1, 10_000, 'the deletion heard');
});

test('a rolled-back write announces nothing', async () => {
  await newRollout('v2');
  await waitFor(async () => heardOf('v2').length === 1, 10_000, 'the creation heard');
  await expect(
    database.db.transaction(async (tx) => {
      await appendEvent(tx, 'v2', { type: 'note' });
      throw new Error('abandoned');
    }),
  ).rejects.toThrow('abandoned');
  await appendEvent(database.db, 'v2', { type: 'note' });
  await waitFor(async () => heardOf('v2').length === 2, 10_000, 'the committed write heard');
  expect(heardOf('v2')).toEqual([1, 2]);
});

test('a change to a key row is announced with its digest; creating a key announces nothing', async () => {
  const key = (id: string) => ({ id, name: id, role: 'viewer', keyHash: `hash-of-${id}` });
  await database.db.insert(apiKeys).values([key('k1'), key('k2')]);
  await database.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, 'k1'));
  await database.db.delete(apiKeys).where(eq(apiKeys.id, 'k2'));
  await waitFor(async () => keysHeard.length >= 2, 10_000, 'two key changes heard');
  expect(keysHeard).toEqual(['hash-of-k1', 'hash-of-k2']);
});

test('a lost connection is said, and the feed listens again by itself', async () => {
  const before = states.length;
  await database.sql`select pg_terminate_backend(pid) from pg_stat_activity
    where datname = current_database() and query ilike 'listen %' and pid <> pg_backend_pid()`;
  await waitFor(async () => states.slice(before).includes(false), 10_000, 'the loss said');
  await waitFor(async () => states.at(-1) === true, 10_000, 'listening again');

  await newRollout('v3');
  await waitFor(async () => heardOf('v3').length === 1, 10_000, 'heard after reconnecting');
});
