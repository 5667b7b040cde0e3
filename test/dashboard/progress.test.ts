import { setTimeout } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SITE_STATES } from '../../domain/states';
import { startRollwave, stores, waitFor, type Rollwave } from '../support/harness';

let rw: Rollwave;

beforeAll(async () => {
  rw = await startRollwave();
  const imported = await rw.http('POST', '/v1/sites/import', [
    ...stores(100, { prefix: 'P', region: 'east' }),
    ...stores(200, { prefix: 'N', region: 'west' }),
  ]);
  expect(imported.status).toBe(200);
});
afterAll(async () => {
  await rw?.close();
});

const sum = (counts: Record<string, number>) => SITE_STATES.reduce((n, s) => n + counts[s]!, 0);

test('progress answers 304 to its own ETag until something changes, and version grows with each change', async () => {
  const created = await rw.http('POST', '/v1/rollouts', {
    name: 'etag',
    release: { version: '5.2.0', config: {}, dataset: { uri: 's3://x', records: 10 } },
    waves: [
      { name: 'pilot', select: { codes: ['P-001', 'P-002'] }, maxParallel: 2 },
      { name: 'rest', select: { codes: ['P-003'] }, maxParallel: 1, approval: 'manual' },
    ],
  });
  expect(created.status).toBe(201);
  const id = created.body.id;
  const waiting = await waitFor(async () => {
    const r = await rw.http('GET', `/v1/rollouts/${id}/progress`);
    return r.body.status === 'awaiting_approval' && r;
  }, 60_000, 'awaiting approval');
  const etag = waiting.headers.get('etag')!;
  expect(etag).toMatch(/^".+"$/);

  const unchanged = await rw.http('GET', `/v1/rollouts/${id}/progress`, undefined, { headers: { 'if-none-match': etag } });
  expect(unchanged.status).toBe(304);
  expect(unchanged.body).toBeUndefined();
  expect(unchanged.headers.get('content-length'), 'a 304 ends at its headers, it announces no body').toBeNull();
  expect(unchanged.headers.get('etag')).toBe(etag);
  const listed = await rw.http('GET', `/v1/rollouts/${id}/progress`, undefined, { headers: { 'if-none-match': `"stale", W/${etag}` } });
  expect(listed.status, 'a weak tag in a list').toBe(304);
  expect((await rw.http('GET', `/v1/rollouts/${id}/progress`, undefined, { headers: { 'if-none-match': '"stale"' } })).status).toBe(200);

  expect((await rw.http('POST', `/v1/rollouts/${id}/waves/rest/launch`)).status).toBe(200);
  const done = await waitFor(async () => {
    const r = await rw.http('GET', `/v1/rollouts/${id}/progress`, undefined, { headers: { 'if-none-match': etag } });
    return r.status === 200 && r.body.status === 'completed' && r;
  }, 60_000, 'completed with a new ETag');
  expect(done.headers.get('etag')).not.toBe(etag);
  expect(done.body.version).toBeGreaterThan(waiting.body.version);
  expect(done.body.totals.succeeded).toBe(3);
  expect(done.body.percentComplete).toBe(100);
  // The version is the cursor of the latest event: a dashboard can resume the feed from it.
  const events = await rw.http('GET', `/v1/rollouts/${id}/events?after=${done.body.version - 1}`);
  expect(events.body.items.map((e: { cursor: string }) => e.cursor)).toEqual([String(done.body.version)]);
});

test('counts add up to the sites at every poll of a running 300-site rollout, and version never goes back', async () => {
  const created = await rw.http('POST', '/v1/rollouts', {
    name: 'three hundred',
    release: { version: '5.2.0', config: {}, dataset: { uri: 's3://x', records: 10 } },
    waves: [
      { name: 'pilot', select: { regions: ['east'] }, maxParallel: 50 },
      { name: 'national', select: { all: true }, maxParallel: 50 },
    ],
  });
  expect(created.status).toBe(201);
  const id = created.body.id;

  const polls: any[] = [];
  const deadline = Date.now() + 170_000;
  // Four wall screens, each with its own viewer key and ETag, polling ten times a second until the rollout
  // completes. The cadence keeps each screen inside the per-key rate limit; no state is awaited by it.
  const screens = await Promise.all(
    [1, 2, 3, 4].map(async (n) => (await rw.http('POST', '/v1/api-keys', { role: 'viewer', name: `wall screen ${n}` })).body.key as string),
  );
  const versions = await Promise.all(
    screens.map(async (key) => {
      const seen: number[] = [];
      let etag: string | undefined;
      for (;;) {
        const r = await rw.http('GET', `/v1/rollouts/${id}/progress`, undefined, { key, headers: etag ? { 'if-none-match': etag } : {} });
        if (Date.now() > deadline) throw new Error(`the rollout did not complete; last: ${JSON.stringify(polls.at(-1))}`);
        if (r.status === 304) {
          await setTimeout(100);
          continue;
        }
        expect(r.status).toBe(200);
        etag = r.headers.get('etag')!;
        polls.push(r.body);
        seen.push(r.body.version);
        if (r.body.status === 'completed') return seen;
        await setTimeout(100);
      }
    }),
  );

  for (const seen of versions) expect(seen, 'versions one dashboard saw').toEqual([...seen].sort((a, b) => a - b));
  for (const p of polls) {
    expect(p.totals.sites).toBe(300);
    expect(sum(p.totals)).toBe(300);
    expect(p.waves.map((w: any) => w.sites)).toEqual([100, 200]);
    for (const w of p.waves) expect(sum(w.counts)).toBe(w.sites);
    for (const s of SITE_STATES) expect(p.totals[s]).toBe(p.waves[0].counts[s] + p.waves[1].counts[s]);
  }
  const midway = polls.filter((p) => p.totals.succeeded > 0 && p.totals.pending > 0);
  expect(midway.length, 'polls that saw the rollout half done').toBeGreaterThan(10);
  expect(polls.some((p) => p.totals.running > 0)).toBe(true);
  const final = polls.at(-1);
  expect(final.totals.succeeded).toBe(300);
  expect(final.percentComplete).toBe(100);
}, 180_000);
