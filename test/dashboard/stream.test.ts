import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appendEvent } from '../../db/projection';
import { RolloutFeeds } from '../../src/api/rollout-feeds';
import { streamRoutes } from '../../src/api/routes/stream';
import { ADMIN_KEY, startRollwave, stores, waitFor, type Rollwave } from '../support/harness';
import { scrape } from './prometheus';
import { openStream, type SseStream } from './sse-client';

let rw: Rollwave;
const auth = { authorization: `Bearer ${ADMIN_KEY}` };

beforeAll(async () => {
  rw = await startRollwave();
  const imported = await rw.http('POST', '/v1/sites/import', [...stores(120, { prefix: 'E', region: 'east' }), ...stores(4, { prefix: 'W', region: 'west' })]);
  expect(imported.status).toBe(200);
});
afterAll(async () => {
  await rw?.close();
});

/** `sites` east stores (built-in simulated gateway), then a west wave that waits for its launch. */
async function startRollout(name: string, { sites = 3, maxParallel = 10 } = {}): Promise<string> {
  const east = stores(sites, { prefix: 'E' }).map((s) => s.code);
  const created = await rw.http('POST', '/v1/rollouts', {
    name,
    release: { version: '5.2.0', config: {}, dataset: { uri: 's3://x', records: 10 } },
    waves: [
      { name: 'east', select: { codes: east }, maxParallel },
      { name: 'west', select: { regions: ['west'] }, maxParallel, approval: 'manual' },
    ],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

const awaitingApproval = (id: string) =>
  waitFor(async () => (await rw.http('GET', `/v1/rollouts/${id}/progress`)).body.status === 'awaiting_approval', 60_000, `${id} awaiting approval`);

async function allEvents(id: string) {
  const items: { cursor: string; type: string; site: string | null; data: unknown }[] = [];
  let cursor = '0';
  for (;;) {
    const page = await rw.http('GET', `/v1/rollouts/${id}/events?after=${cursor}&limit=1000`);
    if (page.body.items.length === 0) return items;
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  }
}

const cursors = (s: SseStream) => s.messages.map((m) => m.id!);
const connected = (s: SseStream) => s.comments.length > 0;

test('a stream without a cursor starts with the events that follow the connection', async () => {
  const id = await startRollout('from now');
  await awaitingApproval(id);
  const { version } = (await rw.http('GET', `/v1/rollouts/${id}/progress`)).body;

  const stream = await openStream(`${rw.url}/v1/rollouts/${id}/stream`, auth);
  try {
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await stream.until(connected, 10_000, 'the opening comment');
    expect((await rw.http('POST', `/v1/rollouts/${id}/waves/west/launch`)).status).toBe(200);
    await stream.until((s) => s.messages.some((m) => m.event === 'rollout.status' && JSON.parse(m.data).data.status === 'completed'), 60_000, 'completion');

    expect(stream.messages[0]!.id).toBe(String(version + 1));
    const expected = (await allEvents(id)).filter((e) => Number(e.cursor) > version);
    expect(cursors(stream)).toEqual(expected.map((e) => e.cursor));
    expect(stream.messages.map((m) => JSON.parse(m.data))).toEqual(expected);
    expect(stream.messages.map((m) => m.event)).toEqual(expected.map((e) => e.type));
  } finally {
    stream.close();
  }
});

test('reconnecting with Last-Event-ID while a rollout runs loses and repeats nothing', async () => {
  const id = await startRollout('resume', { sites: 120, maxParallel: 4 });
  const url = `${rw.url}/v1/rollouts/${id}/stream`;
  const received: string[] = [];
  let statusAtReconnect = '';

  // Three connections in turn, each cut after a few dozen events; the first starts from the beginning.
  let stream = await openStream(`${url}?after=0`, auth);
  for (let leg = 0; leg < 2; leg++) {
    await stream.until((s) => s.messages.length >= 40, 60_000, `40 events on leg ${leg}`);
    stream.close();
    received.push(...cursors(stream));
    statusAtReconnect ||= (await rw.http('GET', `/v1/rollouts/${id}/progress`)).body.status;
    stream = await openStream(url, { ...auth, 'last-event-id': received.at(-1)! });
  }
  try {
    await stream.until((s) => s.messages.some((m) => m.event === 'wave.status' && JSON.parse(m.data).wave === 'west'), 60_000, 'the west wave to await approval');
    received.push(...cursors(stream));
  } finally {
    stream.close();
  }

  expect(statusAtReconnect).toBe('running');
  const table = (await allEvents(id)).map((e) => e.cursor);
  const upToLast = table.slice(0, table.indexOf(received.at(-1)!) + 1);
  expect(new Set(received).size).toBe(received.length);
  expect(received).toEqual(upToLast);
  expect(received.length).toBeGreaterThan(120);
});

test('Last-Event-ID wins over ?after=, as when a browser reconnects on its first URL', async () => {
  const id = await startRollout('header wins');
  await awaitingApproval(id);
  const stream = await openStream(`${rw.url}/v1/rollouts/${id}/stream?after=0`, { ...auth, 'last-event-id': '5' });
  try {
    await stream.until((s) => s.messages.length >= 3, 10_000, 'the backlog');
    expect(cursors(stream).slice(0, 3)).toEqual(['6', '7', '8']);
  } finally {
    stream.close();
  }
});

test('clients that go away leave no connection or poller behind', async () => {
  const [a, b] = await Promise.all([startRollout('watched a'), startRollout('watched b')]);
  await Promise.all([awaitingApproval(a), awaitingApproval(b)]);
  const streams = await Promise.all([a, a, a, b].map((id) => openStream(`${rw.url}/v1/rollouts/${id}/stream`, auth)));
  await Promise.all(streams.map((s) => s.until(connected, 10_000, 'the opening comment')));

  let metrics = await scrape(rw.url);
  expect(metrics.get('rollwave_stream_connections')).toBe(4);
  expect(metrics.get('rollwave_stream_pollers')).toBe(2);

  for (const s of streams) s.close();
  metrics = await waitFor(async () => {
    const m = await scrape(rw.url);
    return m.get('rollwave_stream_connections') === 0 && m.get('rollwave_stream_pollers') === 0 && m;
  }, 10_000, 'streams released');
  expect(metrics.get('rollwave_stream_connections')).toBe(0);
});

test('subscribers joining a shared poller at any point each get every later event once, in order', async () => {
  const id = await startRollout('fan-out');
  await awaitingApproval(id);
  // Tiny pages and a fast poll, so that catch-ups span many reads and race the poller's own reads.
  const feeds = new RolloutFeeds(rw.database.db, { log: pino({ level: 'silent' }), pollMs: 5, pageSize: 3 });
  const subscribers: { after: number; seqs: number[]; close(): void }[] = [];
  const join = async (after: (version: number) => number) => {
    const { version } = (await rw.http('GET', `/v1/rollouts/${id}/progress`)).body;
    const s = { after: after(version), seqs: [] as number[], close: () => {} };
    s.close = feeds.subscribe(id, s.after, { events: (rows) => s.seqs.push(...rows.map((r) => r.seq)), end: () => {} }).close;
    subscribers.push(s);
  };

  await join((v) => v);
  const writers = Array.from({ length: 4 }, async (_, w) => {
    for (let i = 0; i < 50; i++) {
      await rw.database.db.transaction((tx) => appendEvent(tx, id, { type: 'test.tick', data: { w, i } }));
      if (w === 0 && i % 10 === 5) await join((v) => [0, v, Math.max(0, v - 7), Math.floor(v / 2), 1][(i - 5) / 10]!);
    }
  });
  await Promise.all(writers);
  const { version } = (await rw.http('GET', `/v1/rollouts/${id}/progress`)).body;
  await waitFor(async () => subscribers.every((s) => s.seqs.at(-1) === version), 20_000, 'every subscriber at the last event');

  const table = (await allEvents(id)).map((e) => Number(e.cursor));
  expect(subscribers).toHaveLength(6);
  for (const s of subscribers) expect(s.seqs, `subscriber after ${s.after}`).toEqual(table.filter((seq) => seq > s.after));
  expect(feeds.stats()).toEqual({ subscribers: 6, pollers: 1 });
  for (const s of subscribers) s.close();
  expect(feeds.stats()).toEqual({ subscribers: 0, pollers: 0 });
});

describe('refusals', () => {
  test('a stream needs a valid key', async () => {
    const id = await startRollout('keyless');
    const res = await fetch(`${rw.url}/v1/rollouts/${id}/stream`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.code).toBe('unauthorized');
  });

  test('an unknown rollout is 404 and a malformed Last-Event-ID is 400', async () => {
    const missing = await fetch(`${rw.url}/v1/rollouts/nope/stream`, { headers: auth });
    expect(missing.status).toBe(404);
    const id = await startRollout('bad cursor');
    const bad = await fetch(`${rw.url}/v1/rollouts/${id}/stream`, { headers: { ...auth, 'last-event-id': 'abc' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.details[0].path).toMatch(/last-event-id/);
  });
});

test('an idle stream carries heartbeats, and closing the server ends open streams', async () => {
  const id = await startRollout('heartbeats');
  await awaitingApproval(id);
  const feeds = new RolloutFeeds(rw.database.db, { log: pino({ level: 'silent' }), pollMs: 50 });
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(streamRoutes, { db: rw.database.db, feeds, heartbeatMs: 100 });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });

  const stream = await openStream(`${address}/v1/rollouts/${id}/stream`, {});
  await stream.until((s) => s.comments.filter((c) => c === 'heartbeat').length >= 3, 10_000, 'three heartbeats');
  expect(stream.messages).toEqual([]);

  await app.close();
  await stream.until((s) => s.ended, 10_000, 'the stream to end');
  expect(feeds.stats()).toEqual({ subscribers: 0, pollers: 0 });
});
