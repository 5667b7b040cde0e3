/**
 * API keys kept in memory through the real API and Postgres, with two API processes on one database as behind
 * a load balancer: a key is looked up once, and a revoked key is refused by every process.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { scrape } from '../dashboard/prometheus';
import { startRollwave, waitFor, type Rollwave } from '../support/harness';

let rw: Rollwave;
/** The second API process. */
let other: FastifyInstance;
let otherUrl: string;

const listening = async (url: string) => (await scrape(url)).get('rollwave_progress_cache_keeping') === 1;
const keptKeys = async (url: string) => (await scrape(url)).get('rollwave_api_key_cache_keys');

beforeAll(async () => {
  rw = await startRollwave({ worker: false });
  other = await rw.anotherApp({ memory: { databaseUrl: rw.databaseUrl, progressRollouts: 10, apiKeys: 10 } });
  await other.listen({ port: 0, host: '127.0.0.1' });
  otherUrl = `http://127.0.0.1:${(other.server.address() as { port: number }).port}`;
  await waitFor(async () => (await listening(rw.url)) && (await listening(otherUrl)), 10_000, 'both processes listening');
});
afterAll(async () => {
  await other?.close();
  await rw?.close();
});

async function viewerKey(name: string) {
  const created = await rw.http('POST', '/v1/api-keys', { role: 'viewer', name });
  expect(created.status).toBe(201);
  return created.body as { id: string; key: string };
}
const listRollouts = async (url: string, key: string) =>
  (await fetch(`${url}/v1/rollouts`, { headers: { authorization: `Bearer ${key}` } })).status;
/** Revokes a key behind the processes' backs: with triggers off for the transaction, nothing is announced. */
const revokeQuietly = (id: string) =>
  rw.database.sql.begin(async (sql) => {
    await sql`set local session_replication_role = replica`;
    await sql`update api_keys set revoked_at = now() where id = ${id}`;
  });

test('a key is looked up once and then served from memory, until a change to its row is announced', async () => {
  const { id, key } = await viewerKey('wallboard');
  expect(await listRollouts(otherUrl, key)).toBe(200);
  expect(await keptKeys(otherUrl)).toBeGreaterThanOrEqual(1);

  await revokeQuietly(id);
  expect(await listRollouts(otherUrl, key), 'served from memory').toBe(200);
  expect(await listRollouts(rw.url, key), 'read by a process that never kept it').toBe(401);

  await rw.database.sql`update api_keys set name = 'wallboard (revoked)' where id = ${id}`;
  await waitFor(async () => (await listRollouts(otherUrl, key)) === 401, 10_000, 'the announced change refused');
});

test('a key revoked through one API process is refused there at once and by the other within moments', async () => {
  const { id, key } = await viewerKey('kiosk');
  expect(await listRollouts(rw.url, key)).toBe(200);
  expect(await listRollouts(otherUrl, key)).toBe(200);

  expect((await rw.http('DELETE', `/v1/api-keys/${id}`)).status).toBe(204);
  expect(await listRollouts(rw.url, key)).toBe(401);
  await waitFor(async () => (await listRollouts(otherUrl, key)) === 401, 10_000, 'the other process refusing the key');
});

test('when the change feed loses its connection nothing stays kept, and keys are read until it listens again', async () => {
  const { id, key } = await viewerKey('ops screen');
  expect(await listRollouts(otherUrl, key)).toBe(200);
  expect(await keptKeys(otherUrl)).toBeGreaterThanOrEqual(1);

  await rw.database.sql`select pg_terminate_backend(pid) from pg_stat_activity
    where datname = current_database() and query ilike 'listen %' and pid <> pg_backend_pid()`;
  await waitFor(async () => (await keptKeys(otherUrl)) === 0, 10_000, 'the kept keys dropped');
  await revokeQuietly(id);
  expect(await listRollouts(otherUrl, key)).toBe(401);
  await waitFor(async () => listening(otherUrl), 10_000, 'listening again');
});
