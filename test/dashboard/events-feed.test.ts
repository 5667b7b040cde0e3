import { setTimeout } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { connect, type Database } from '../../db/client';
import { appendEvent } from '../../db/projection';
import { listEvents } from '../../db/rollouts';
import { startRollwave, stores, waitFor, type Rollwave } from '../support/harness';

let rw: Rollwave;
/** Writers of their own, on connections the API and worker do not use: a second process, as far as Postgres knows. */
let writers: Database;

beforeAll(async () => {
  rw = await startRollwave();
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/${rw.database.sql.options.database}`;
  writers = connect(url.toString(), { max: 12 });
  const imported = await rw.http('POST', '/v1/sites/import', stores(300));
  expect(imported.status).toBe(200);
});
afterAll(async () => {
  await writers?.close();
  await rw?.close();
});

interface Item {
  cursor: string;
  type: string;
  site: string | null;
}

type Page = { items: Item[]; nextCursor: string };

/** A reader over HTTP with a key of its own (the API limits requests per key). */
async function httpReader(id: string, pageSize: number): Promise<(cursor: string) => Promise<Page>> {
  const key = (await rw.http('POST', '/v1/api-keys', { role: 'viewer', name: `reader ${pageSize}` })).body.key;
  return async (cursor) => {
    const page = await rw.http('GET', `/v1/rollouts/${id}/events?after=${cursor}&limit=${pageSize}`, undefined, { key });
    expect(page.status).toBe(200);
    return page.body;
  };
}

/** The same cursor rule one layer down, with no rate limit: it can poll the table as fast as it likes. */
function tableReader(id: string, pageSize: number): (cursor: string) => Promise<Page> {
  return async (cursor) => {
    const rows = await listEvents(rw.database.db, id, Number(cursor), pageSize);
    return { items: rows.map((e) => ({ cursor: String(e.seq), type: e.type, site: e.site })), nextCursor: String(rows.at(-1)?.seq ?? cursor) };
  };
}

/**
 * Follows nextCursor from the start until it has passed `target()` (undefined while the writers are busy).
 * Once caught up it reads again after `idleMs`: a cadence, not a wait for some state.
 */
async function follow(read: (cursor: string) => Promise<Page>, idleMs: number, target: () => number | undefined): Promise<Item[]> {
  const seen: Item[] = [];
  let cursor = '0';
  for (;;) {
    const page = await read(cursor);
    seen.push(...page.items);
    cursor = page.nextCursor;
    const end = target();
    if (end !== undefined && Number(cursor) >= end) return seen;
    if (page.items.length === 0) await setTimeout(idleMs);
  }
}

test('readers following nextCursor see every event exactly once, in order, while many writers commit at once', async () => {
  const created = await rw.http('POST', '/v1/rollouts', {
    name: 'many at once',
    release: { version: '5.2.0', config: {}, dataset: { uri: 's3://x', records: 10 } },
    waves: [{ name: 'all', select: { all: true }, maxParallel: 100 }],
  });
  expect(created.status).toBe(201);
  const id: string = created.body.id;

  // Twelve writers besides the worker, each transaction holding its seq for a random moment before it
  // commits: the window in which a sequence-based cursor would let a reader see n+1 before n.
  const noise = Promise.all(
    Array.from({ length: 12 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 40; i++) {
          await writers.db.transaction(async (tx) => {
            await appendEvent(tx, id, { type: 'test.noise', data: { writer: w, i } });
            await tx.execute(sql`select pg_sleep(random() * 0.01)`);
          });
        }
      })(),
    ),
  );
  // The readers stop at the version current once the writers are done and a hundred sites have finished.
  let target: number | undefined;
  const stopper = (async () => {
    await noise;
    const progress = await waitFor(async () => {
      const r = await rw.http('GET', `/v1/rollouts/${id}/progress`);
      return r.body.totals.succeeded >= 100 && r.body;
    }, 170_000, '100 sites done');
    target = progress.version;
  })();
  const until = () => target;
  const [small, large, direct] = await Promise.all([
    follow(await httpReader(id, 7), 75, until),
    follow(await httpReader(id, 1000), 75, until),
    follow(tableReader(id, 20), 1, until),
    stopper,
  ]);

  const table = await rw.database.sql<{ seq: string; type: string; site: string | null }[]>`
    select seq::text, type, site from events where rollout_id = ${id} order by events.seq`;
  const rows = table.map((r) => `${r.seq} ${r.type} ${r.site}`);
  expect(table.filter((r) => r.type === 'test.noise')).toHaveLength(480);
  for (const reader of [small, large, direct]) {
    const got = reader.map((e) => `${e.cursor} ${e.type} ${e.site}`);
    expect(new Set(got).size).toBe(got.length);
    // Every event up to the last one this reader saw, each once, in the table's order.
    expect(got).toEqual(rows.slice(0, got.length));
    expect(Number(reader.at(-1)!.cursor)).toBeGreaterThanOrEqual(target!);
    expect(got.filter((e) => e.includes(' test.noise '))).toHaveLength(480);
    expect(got.filter((e) => e.includes(' site.state ')).length).toBeGreaterThan(300);
  }
}, 180_000);
