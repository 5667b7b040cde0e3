/**
 * Progress answered from memory through the real API and Postgres: kept while current, replaced as soon as
 * the rollout commits a newer version, and never older than what the sites or events routes have shown.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { appendEvent } from '../../db/projection';
import { insertRollout } from '../../db/rollouts';
import { rolloutPlan } from '../../domain/plan';
import { scrape } from '../dashboard/prometheus';
import { startRollwave, waitFor, type Rollwave } from '../support/harness';

let rw: Rollwave;

beforeAll(async () => {
  rw = await startRollwave({ worker: false });
  await waitFor(async () => (await scrape(rw.url)).get('rollwave_progress_cache_keeping') === 1, 10_000, 'progress kept in memory');
});
afterAll(async () => {
  await rw?.close();
});

/** A rollout written straight to the database (no workflow runs it), so only the test changes it. */
async function newRollout(id: string) {
  const plan = rolloutPlan.parse({ name: id, release: { version: '1' }, waves: [{ name: 'all', select: { all: true } }] });
  await insertRollout(rw.database.db, { id, plan, waves: [['S1', 'S2']], requestHash: id, actor: null });
}
/** Moves a site to succeeded behind the version's back: only a kept answer still shows it pending. */
const succeedQuietly = (id: string, code: string) =>
  rw.database.sql.begin(async (sql) => {
    await sql`update site_runs set state = 'succeeded' where rollout_id = ${id} and site_code = ${code}`;
    await sql`update wave_state_counts set count = count + case when state = 'succeeded' then 1 else -1 end
      where rollout_id = ${id} and state in ('pending', 'succeeded')`;
  });
const progress = async (id: string) => (await rw.http('GET', `/v1/rollouts/${id}/progress`)).body;

test('an answer is kept until the rollout commits a newer version, then the new one is served', async () => {
  await newRollout('kept');
  const firstAnswer = await rw.http('GET', '/v1/rollouts/kept/progress');
  expect(firstAnswer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const first = firstAnswer.body;
  expect(first.totals).toMatchObject({ pending: 2, succeeded: 0 });

  await succeedQuietly('kept', 'S1');
  expect((await progress('kept')).totals, 'served from memory').toMatchObject({ pending: 2, succeeded: 0 });
  expect((await scrape(rw.url)).get('rollwave_progress_cache_rollouts')).toBe(1);

  await appendEvent(rw.database.db, 'kept', { type: 'note' });
  const moved = await waitFor(async () => {
    const p = await progress('kept');
    return p.version > first.version && p;
  }, 10_000, 'the new version served');
  expect(moved.totals).toMatchObject({ pending: 1, succeeded: 1 });

  const revalidated = await rw.http('GET', '/v1/rollouts/kept/progress', undefined, { headers: { 'if-none-match': `"kept-${moved.version}"` } });
  expect(revalidated.status).toBe(304);
});

test('progress is never older than the site rows or events the API has just shown', async () => {
  await newRollout('seen');
  const first = await progress('seen');
  // Announcements stop: only what the other routes read can retire the kept answer now.
  await rw.database.sql`alter table rollouts disable trigger rollouts_version_notify`;
  try {
    await succeedQuietly('seen', 'S1');
    await appendEvent(rw.database.db, 'seen', { type: 'note' });
    expect((await progress('seen')).version, 'nothing announced: still the kept answer').toBe(first.version);
    const sites = await rw.http('GET', '/v1/rollouts/seen/sites?state=succeeded');
    expect(sites.body.items.map((s: { code: string }) => s.code)).toEqual(['S1']);
    const afterSites = await progress('seen');
    expect(afterSites.version).toBe(first.version + 1);
    expect(afterSites.totals).toMatchObject({ pending: 1, succeeded: 1 });

    await appendEvent(rw.database.db, 'seen', { type: 'note' });
    expect((await progress('seen')).version).toBe(afterSites.version);
    const events = await rw.http('GET', `/v1/rollouts/seen/events?after=${afterSites.version}`);
    expect(events.body.items).toHaveLength(1);
    expect((await progress('seen')).version).toBe(afterSites.version + 1);
  } finally {
    await rw.database.sql`alter table rollouts enable trigger rollouts_version_notify`;
  }
});

test('a deleted rollout is not answered from memory', async () => {
  await newRollout('gone');
  expect((await rw.http('GET', '/v1/rollouts/gone/progress')).status).toBe(200);
  await rw.database.sql`delete from rollouts where id = 'gone'`;
  await waitFor(async () => (await rw.http('GET', '/v1/rollouts/gone/progress')).status === 404, 10_000, '404 after the deletion');
});
