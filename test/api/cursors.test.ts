/**
 * Every paginated route takes back only the cursors it issued: a malformed, truncated, respelled or foreign cursor
 * is a 400 naming the parameter, never a silent read from the start; and its own cursors page without a gap or
 * a repeat.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_KEY, startRollwave, stores, waitFor, type Rollwave } from '../support/harness';
import { openStream } from '../dashboard/sse-client';
import { detailPaths, expectErrorBody, plan } from './api-support';
import { respelled } from './cursor-support';

let rw: Rollwave;
/** Three rollouts of three stores each, parked on readiness: nothing moves while the tests page through them. */
const rollouts: string[] = [];

beforeAll(async () => {
  rw = await startRollwave();
  const imported = await rw.http('POST', '/v1/sites/import', stores(9, { prefix: 'CUR' }));
  expect(imported.status).toBe(200);
  for (const codes of [['CUR-001', 'CUR-002', 'CUR-003'], ['CUR-004', 'CUR-005', 'CUR-006'], ['CUR-007', 'CUR-008', 'CUR-009']]) {
    const created = await rw.http('POST', '/v1/rollouts', plan({ waves: [{ name: 'pilot', select: { codes }, maxParallel: 3 }] }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    rollouts.push(created.body.id);
  }
  for (const id of rollouts) {
    await waitFor(
      async () => {
        const { body } = await rw.http('GET', `/v1/rollouts/${id}/sites`);
        return body.items.every((s: { state: string }) => s.state === 'awaiting_readiness');
      },
      60_000,
      `${id} to await readiness`,
    );
  }
});
afterAll(async () => {
  await rw?.close();
});

type Listing = 'sites' | 'rollouts' | 'rolloutSites';

const LISTINGS: Record<Listing, { path: () => string; key: (item: any) => string }> = {
  sites: { path: () => '/v1/sites', key: (s) => s.code },
  rollouts: { path: () => '/v1/rollouts', key: (r) => r.id },
  rolloutSites: { path: () => `/v1/rollouts/${rollouts[0]}/sites`, key: (s) => s.code },
};

/** The first page's nextCursor (one row a page), as a client holds it. */
async function issued(listing: Listing): Promise<string> {
  const { status, body } = await rw.http('GET', `${LISTINGS[listing].path()}?limit=1`);
  expect(status).toBe(200);
  expect(body.nextCursor).toEqual(expect.any(String));
  return body.nextCursor;
}

/** Keys of every row, following nextCursor from the first page. */
async function followed(listing: Listing, limit: number): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const { status, body } = await rw.http('GET', `${LISTINGS[listing].path()}?limit=${limit}${query}`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['items', 'nextCursor']);
    keys.push(...body.items.map(LISTINGS[listing].key));
    cursor = body.nextCursor;
  } while (cursor !== null);
  return keys;
}

/** Asserts a 400 with API.md's error body whose one detail names `path`; soft, so every bad cursor is reported. */
function expectRefused(res: { status: number; body: any }, path: string, what: string) {
  expect.soft(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(400);
  if (res.status !== 400) return;
  expectErrorBody(res.body, 'invalid_request');
  expect.soft(detailPaths(res.body), what).toEqual([path]);
}

/** What a client may hold instead of a cursor the listing issued, as it goes into the URL. */
function badCursors(own: string, foreign: string, rowKey: string): [string, string][] {
  return [
    ['bytes that are no cursor at all', '%00%ff'],
    ['an empty cursor', ''],
    ['a word', 'next'],
    ['the row key the listing used to hand out', encodeURIComponent(rowKey)],
    ['a truncated cursor', own.slice(0, -1)],
    ['a cursor with one character changed', own.slice(0, 2) + (own[2] === 'A' ? 'B' : 'A') + own.slice(3)],
    ['a cursor respelled with other spare bits', respelled(own)!],
    ['a cursor padded with =', `${own}%3D`],
    ['an overlong cursor', own.repeat(100)],
    ["another listing's cursor", foreign],
  ];
}

describe.each([
  ['GET /v1/sites', 'sites', 'rollouts', () => 'CUR-002'],
  ['GET /v1/rollouts', 'rollouts', 'sites', () => rollouts[1]!],
  ['GET /v1/rollouts/{id}/sites', 'rolloutSites', 'sites', () => '1'],
] as [string, Listing, Listing, () => string][])('%s', (_route, listing, other, rowKey) => {
  test('refuses a cursor it did not issue, naming querystring.cursor, and pages on with its own: no row missed or repeated', async () => {
    for (const [what, cursor] of badCursors(await issued(listing), await issued(other), rowKey())) {
      expectRefused(await rw.http('GET', `${LISTINGS[listing].path()}?limit=1&cursor=${cursor}`), 'querystring.cursor', what);
    }
    const all = await followed(listing, 1000);
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(await followed(listing, 2)).toEqual(all);
    expect(await followed(listing, 1)).toEqual(all);
  });
});

/** Every event of the first rollout in one read. */
async function allEvents(): Promise<string[]> {
  const { body } = await rw.http('GET', `/v1/rollouts/${rollouts[0]}/events?after=0&limit=1000`);
  return body.items.map((e: { cursor: string }) => e.cursor);
}

/** What a client may hold instead of an event's cursor, before it is percent-encoded. */
const badEventCursors = async (): Promise<[string, string][]> => [
  ['a leading zero', '01'],
  ['a plus sign', '+1'],
  ['a minus sign', '-1'],
  ['a fraction', '1.5'],
  ['an exponent', '1e3'],
  ['a word', 'abc'],
  ['one past the largest seq a cursor can hold', '9007199254740992'],
  ['a number that overflows bigint', '99999999999999999999'],
  ['a cursor of the sites listing', await issued('sites')],
  ['an empty cursor', ''],
];

test('GET /v1/rollouts/{id}/events refuses a cursor it did not issue, naming querystring.after, and pages on with its own: no event missed or repeated', async () => {
  for (const [what, after] of await badEventCursors()) {
    expectRefused(await rw.http('GET', `/v1/rollouts/${rollouts[0]}/events?after=${encodeURIComponent(after)}`), 'querystring.after', what);
  }

  const all = await allEvents();
  expect(all.length).toBeGreaterThanOrEqual(5);
  const seen: string[] = [];
  let cursor = '0';
  for (;;) {
    const { status, body } = await rw.http('GET', `/v1/rollouts/${rollouts[0]}/events?after=${cursor}&limit=2`);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['items', 'nextCursor']);
    if (body.items.length === 0) {
      expect(body.nextCursor).toBe(cursor);
      break;
    }
    seen.push(...body.items.map((e: { cursor: string }) => e.cursor));
    cursor = body.nextCursor;
  }
  expect(seen).toEqual(all);
});

describe('GET /v1/rollouts/{id}/stream', () => {
  const auth = { authorization: `Bearer ${ADMIN_KEY}` };
  const url = (query: string) => `${rw.url}/v1/rollouts/${rollouts[0]}/stream${query}`;

  /** The answer to a stream request that should be refused; a stream that opens instead is closed at once. */
  async function answer(query: string, headers: Record<string, string>) {
    const res = await fetch(url(query), { headers: { ...auth, ...headers } });
    if (!res.headers.get('content-type')?.startsWith('application/json')) {
      await res.body?.cancel();
      return { status: res.status, body: undefined };
    }
    return { status: res.status, body: (await res.json()) as any };
  }

  /** Resumes after the second event's cursor, sent as `resume` puts it, and expects every later event once, in order. */
  async function expectResumed(resume: (cursor: string) => { query: string; headers: Record<string, string> }) {
    const all = await allEvents();
    expect(all.length).toBeGreaterThanOrEqual(5);
    const { query, headers } = resume(all[1]!);
    const stream = await openStream(url(query), { ...auth, ...headers });
    try {
      expect(stream.status).toBe(200);
      await stream.until((s) => s.messages.length >= all.length - 2, 30_000, 'the events after the second');
      expect(stream.messages.map((m) => m.id)).toEqual(all.slice(2));
    } finally {
      stream.close();
    }
  }

  test('refuses a Last-Event-ID it did not issue, naming headers.last-event-id, and resumes after one it did', async () => {
    for (const [what, cursor] of await badEventCursors()) {
      expectRefused(await answer('', { 'last-event-id': cursor }), 'headers.last-event-id', what);
    }
    await expectResumed((cursor) => ({ query: '', headers: { 'last-event-id': cursor } }));
  });

  test('refuses an ?after= it did not issue, naming querystring.after, and resumes after one it did', async () => {
    for (const [what, cursor] of await badEventCursors()) {
      expectRefused(await answer(`?after=${encodeURIComponent(cursor)}`, {}), 'querystring.after', what);
    }
    await expectResumed((cursor) => ({ query: `?after=${cursor}`, headers: {} }));
  });
});
