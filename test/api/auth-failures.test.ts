/**
 * Failed authentications limited per client address, through HTTP: a flood of made-up keys from one address is
 * answered 401 until its allowance is spent, then 429 without a database lookup, while other addresses and keys
 * the process already knows go on. Key lookups are counted as Postgres receives them.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { connect, type Database } from '../../db/client';
import type { AppDeps } from '../../src/api/app';
import { ADMIN_KEY, startRollwave, waitFor, type Rollwave } from '../support/harness';
import { expectErrorBody } from './api-support';

const FLOODER = '203.0.113.66';
const NEIGHBOUR = '203.0.113.7';
const PER_MINUTE = (max: number) => ({ max, timeWindowMs: 60_000 });

let rw: Rollwave;
/** The database of the apps this file builds, with every statement that reads api_keys counted. */
let counted: Database;
let keyReads = 0;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  rw = await startRollwave({ worker: false });
  counted = connect(rw.databaseUrl, {
    onQuery: (query) => {
      if (/\bfrom "api_keys"/.test(query)) keyReads++;
    },
  });
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});
afterAll(async () => {
  await counted?.close();
  await rw?.close();
});

/** An API process on this file's database, without the per-key rate limit unless asked. */
async function api(deps: Partial<AppDeps>): Promise<FastifyInstance> {
  const app = await rw.anotherApp({ db: counted.db, rateLimit: false, ...deps });
  apps.push(app);
  // Ready before the first inject, so that requests sent together reach the hooks in the order they were sent.
  await app.ready();
  return app;
}

async function listening(deps: Partial<AppDeps>): Promise<string> {
  const app = await api(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}

const madeUpKey = () => `rw_${randomBytes(32).toString('base64url')}`;

async function viewerKey(name: string): Promise<string> {
  const created = await rw.http('POST', '/v1/api-keys', { role: 'viewer', name });
  expect(created.status).toBe(201);
  return created.body.key;
}

/** GET /v1/sites from `address`, with `authorization` as the header (a key alone becomes `Bearer <key>`). */
function listSites(app: FastifyInstance, address: string, authorization?: string) {
  const header = authorization === undefined ? {} : { authorization: authorization.includes(' ') ? authorization : `Bearer ${authorization}` };
  return app.inject({ method: 'GET', url: '/v1/sites', remoteAddress: address, headers: header });
}

const tally = (responses: LightMyRequestResponse[]) =>
  responses.reduce<Record<number, number>>((counts, res) => ({ ...counts, [res.statusCode]: (counts[res.statusCode] ?? 0) + 1 }), {});

/** The app's Prometheus samples as `name{labels}` → value. */
async function samples(app: FastifyInstance): Promise<Map<string, number>> {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  const lines = text.split('\n').filter((line) => line && !line.startsWith('#'));
  return new Map(lines.map((line) => [line.slice(0, line.lastIndexOf(' ')), Number(line.slice(line.lastIndexOf(' ') + 1))]));
}

/** How much each sample named grew between two scrapes. */
const growth = (before: Map<string, number>, after: Map<string, number>, names: string[]) =>
  Object.fromEntries(names.map((name) => [name, (after.get(name) ?? 0) - (before.get(name) ?? 0)]));

const UNKNOWN = 'rollwave_auth_failures_total{reason="unknown_key"}';
const MISSING = 'rollwave_auth_failures_total{reason="missing"}';
const MALFORMED = 'rollwave_auth_failures_total{reason="malformed"}';
const THROTTLED = 'rollwave_throttled_requests_total{reason="auth_failures"}';

test('a flood of made-up keys from one address gets 401 until its allowance is spent, then 429 with Retry-After and no lookup', async () => {
  const warnings: { address?: string; msg: string }[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) });
  const app = await api({ authFailureLimit: PER_MINUTE(5), logger });
  const before = await samples(app);
  const readsBefore = keyReads;

  const flood = await Promise.all(Array.from({ length: 200 }, () => listSites(app, FLOODER, madeUpKey())));

  expect(tally(flood)).toEqual({ 401: 5, 429: 195 });
  expect(keyReads - readsBefore, 'api_keys reads').toBe(5);
  for (const res of flood.filter((r) => r.statusCode === 429)) {
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    expectErrorBody(res.json(), 'rate_limited');
  }
  const after = await samples(app);
  expect(growth(before, after, [UNKNOWN, THROTTLED])).toEqual({ [UNKNOWN]: 5, [THROTTLED]: 195 });
  expect(after.get('rollwave_auth_throttled_addresses')).toBe(1);
  expect(warnings.map((w) => w.address), 'one warning for the address').toEqual([FLOODER]);
});

test('while one address floods, another is answered, and the flooding address gets in only with a key already known', async () => {
  // Created before the app listens for changes, so that no announcement of their creation drops a kept key.
  const [known, notYetSeen, neighbours] = await Promise.all([viewerKey('wallboard'), viewerKey('kiosk'), viewerKey('ops screen')]);
  const app = await api({ authFailureLimit: PER_MINUTE(5), memory: { databaseUrl: rw.databaseUrl, progressRollouts: 10, apiKeys: 10 } });
  await waitFor(
    async () => (await listSites(app, FLOODER, known)).statusCode === 200 && (await samples(app)).get('rollwave_api_key_cache_keys')! >= 1,
    10_000,
    "the wallboard's key kept in memory",
  );
  const readsBefore = keyReads;

  // Sent in this order, so that the flooding address is over its allowance before the others arrive.
  const flood = Array.from({ length: 100 }, () => listSites(app, FLOODER, madeUpKey()));
  const during = {
    neighbour: listSites(app, NEIGHBOUR, neighbours),
    known: listSites(app, FLOODER, known),
    admin: listSites(app, FLOODER, ADMIN_KEY),
    notYetSeen: listSites(app, FLOODER, notYetSeen),
    noKey: listSites(app, FLOODER),
  };
  const more = Array.from({ length: 100 }, () => listSites(app, FLOODER, madeUpKey()));

  expect(tally(await Promise.all([...flood, ...more]))).toEqual({ 401: 5, 429: 195 });
  expect((await during.neighbour).statusCode).toBe(200);
  expect((await during.known).statusCode).toBe(200);
  expect((await during.admin).statusCode).toBe(200);
  const refused = await during.notYetSeen;
  expect(refused.statusCode).toBe(429);
  expectErrorBody(refused.json(), 'rate_limited');
  const noKey = await during.noKey;
  expect(noKey.statusCode).toBe(401);
  expectErrorBody(noKey.json(), 'unauthorized');
  expect(keyReads - readsBefore, "the flood's first five and the neighbour's key").toBe(6);
});

test('keys that are found do not count against their address, headers holding no key do, and requests without one never', async () => {
  const app = await api({ authFailureLimit: PER_MINUTE(3) });
  const key = await viewerKey('poller');
  const before = await samples(app);

  for (let i = 0; i < 10; i++) expect((await listSites(app, NEIGHBOUR, key)).statusCode, 'a valid key looked up').toBe(200);
  for (let i = 0; i < 10; i++) expect((await listSites(app, NEIGHBOUR)).statusCode, 'no key').toBe(401);
  for (const header of ['Basic dXNlcjpwYXNz', 'Bearer ', 'Bearer two tokens']) {
    expect((await listSites(app, NEIGHBOUR, header)).statusCode, header).toBe(401);
  }
  expect((await listSites(app, NEIGHBOUR, madeUpKey())).statusCode, 'the fourth failure').toBe(429);
  expect(growth(before, await samples(app), [MISSING, MALFORMED, UNKNOWN])).toEqual({ [MISSING]: 10, [MALFORMED]: 3, [UNKNOWN]: 0 });
});

test('one unknown key sent at once from many addresses is looked up once', async () => {
  const app = await api({ authFailureLimit: PER_MINUTE(5) });
  const key = madeUpKey();
  const readsBefore = keyReads;

  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => listSites(app, `198.51.100.${i + 1}`, key)));

  expect(tally(answers)).toEqual({ 401: 50 });
  expect(keyReads - readsBefore).toBe(1);
});

test('X-Forwarded-For is ignored unless the deployment trusts its proxy, and then names the client for both limits', async () => {
  const direct = await listening({ authFailureLimit: PER_MINUTE(2) });
  const behindProxy = await listening({ authFailureLimit: PER_MINUTE(2), rateLimit: PER_MINUTE(2), trustProxy: ['127.0.0.1'] });
  const send = async (url: string, forwardedFor: string, key?: string) => {
    const headers: Record<string, string> = { 'x-forwarded-for': forwardedFor };
    if (key) headers.authorization = `Bearer ${key}`;
    return (await fetch(`${url}/v1/sites`, { headers })).status;
  };
  const series = async (n: number, request: () => Promise<number>) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) statuses.push(await request());
    return statuses;
  };

  let client = 0;
  expect(await series(4, () => send(direct, `192.0.2.${++client}`, madeUpKey())), 'a new address claimed each time').toEqual([401, 401, 429, 429]);

  expect(await series(3, () => send(behindProxy, '192.0.2.10', madeUpKey()))).toEqual([401, 401, 429]);
  expect(await send(behindProxy, '192.0.2.11', madeUpKey()), 'another client behind the proxy').toBe(401);
  expect(await send(behindProxy, '198.51.100.99, 192.0.2.10', madeUpKey()), 'an address the client forged before the proxy').toBe(429);

  expect(await series(3, () => send(behindProxy, '192.0.2.20')), 'requests without a key, by address').toEqual([401, 401, 429]);
  expect(await send(behindProxy, '192.0.2.21'), 'another client without a key').toBe(401);
});
