import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '../../src/dev/site-fleet';

const ROLLOUT = 'rollout-1';
const dataset = { uri: 's3://bucket/prices.csv', records: 1000, checksum: 'abc123' };

let fleet: Fleet;

beforeEach(async () => {
  fleet = await startFleet();
});

afterEach(async () => {
  await fleet.close();
});

async function send(code: string, method: string, path: string, body?: unknown, key: string = randomUUID()) {
  const res = await fetch(`${fleet.siteUrl(code)}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'idempotency-key': key, 'x-rollwave-rollout': ROLLOUT },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const push = (code: string, version: string, key?: string) =>
  send(code, 'POST', '/config', { rolloutId: ROLLOUT, site: code, version, config: { flags: ['x'] } }, key);
const startLoad = (code: string, key?: string) =>
  send(code, 'POST', '/data-loads', { rolloutId: ROLLOUT, site: code, dataset }, key);
const poll = (code: string, id: unknown) => send(code, 'GET', `/data-loads/${String(id)}`);
const health = (code: string) => send(code, 'GET', '/health');

describe('fleet', () => {
  it('runs every step and its undo, counting applications', async () => {
    expect(fleet.endpointTemplate).toBe(`${fleet.baseUrl}/sites/{code}`);

    expect(await push('A', '6.0.0')).toEqual({ status: 200, body: { appliedVersion: '6.0.0', previousVersion: '5.1.0' } });
    const load = await startLoad('A');
    expect(load.status).toBe(202);
    expect(await poll('A', load.body.id)).toEqual({
      status: 200,
      body: { id: load.body.id, state: 'done', loaded: 1000, checksum: 'abc123' },
    });
    expect((await send('A', 'POST', '/cutover', { rolloutId: ROLLOUT, site: 'A', version: '6.0.0' })).status).toBe(200);
    expect(await health('A')).toEqual({ status: 200, body: { ok: true, version: '6.0.0' } });
    expect(fleet.state('A')).toMatchObject({ version: '6.0.0', previousVersion: '5.1.0', cutOver: true });

    await send('A', 'POST', '/cutover/rollback', { rolloutId: ROLLOUT, site: 'A' });
    await send('A', 'POST', `/data-loads/${String(load.body.id)}/rollback`);
    await send('A', 'POST', '/config/rollback', { rolloutId: ROLLOUT, site: 'A', toVersion: '5.1.0' });
    expect(fleet.state('A')).toMatchObject({ version: '5.1.0', cutOver: false });
    expect(fleet.state('A').loads.get(String(load.body.id))?.rolledBack).toBe(true);

    for (const step of ['config_push', 'data_load', 'cutover', 'health', 'cutover_rollback', 'config_rollback'] as const) {
      expect(fleet.applied('A', step)).toBe(1);
    }
    expect(fleet.callsFor('A').map((c) => [c.step, c.status, c.rolloutId])).toContainEqual(['config_push', 200, ROLLOUT]);
    expect(fleet.callsFor('B')).toEqual([]);
  });

  it('replays a repeated idempotency key without applying again', async () => {
    const first = await push('A', '6.0.0', 'key-1');
    expect(await push('A', '6.0.0', 'key-1')).toEqual(first);
    expect(fleet.applied('A', 'config_push')).toBe(1);
    expect(fleet.received('A', 'config_push')).toBe(2);

    // An operator retry comes with a fresh key and applies again.
    await push('A', '6.0.0', 'key-2');
    expect(fleet.applied('A', 'config_push')).toBe(2);
  });

  it('applies a step whose response is lost only once when retried with the same key', async () => {
    fleet.behave('A', { fail: { data_load: { status: 503, times: 1, afterApply: true } } });
    expect((await startLoad('A', 'key-1')).status).toBe(503);
    const retry = await startLoad('A', 'key-1');
    expect(retry).toEqual({ status: 202, body: { id: 'load-1' } });
    expect(fleet.applied('A', 'data_load')).toBe(1);
    expect(fleet.state('A').loads.size).toBe(1);
  });

  it('fails transiently for the next N calls, then succeeds', async () => {
    fleet.behave('A', { fail: { config_push: { status: 503, message: 'busy', times: 2 } } });
    expect(await push('A', '6.0.0', 'k')).toEqual({ status: 503, body: { message: 'busy' } });
    expect((await push('A', '6.0.0', 'k')).status).toBe(503);
    expect((await push('A', '6.0.0', 'k')).status).toBe(200);
    expect(fleet.received('A', 'config_push')).toBe(3);
    expect(fleet.applied('A', 'config_push')).toBe(1);
  });

  it('fails always until the behaviour is reset', async () => {
    fleet.behave('A', { fail: { health: { status: 422, message: 'no such service' } } });
    expect((await health('A')).status).toBe(422);
    expect((await health('A')).status).toBe(422);
    fleet.reset('A');
    expect((await health('A')).status).toBe(200);
  });

  it('reports load progress while running, then done', async () => {
    fleet.behave('A', { loadPolls: 3 });
    const { body } = await startLoad('A');
    const states = [];
    for (let i = 0; i < 4; i++) states.push((await poll('A', body.id)).body);
    expect(states).toEqual([
      { id: 'load-1', state: 'running', loaded: 250, total: 1000 },
      { id: 'load-1', state: 'running', loaded: 500, total: 1000 },
      { id: 'load-1', state: 'running', loaded: 750, total: 1000 },
      { id: 'load-1', state: 'done', loaded: 1000, checksum: 'abc123' },
    ]);
    expect((await poll('A', body.id)).body.state).toBe('done');
  });

  it('can report a wrong checksum, a wrong count, or a failed load', async () => {
    fleet.behave('A', { loadChecksum: 'bogus', loadCount: 999 });
    const bad = await startLoad('A');
    expect((await poll('A', bad.body.id)).body).toMatchObject({ state: 'done', loaded: 999, checksum: 'bogus' });

    fleet.behave('A', { loadError: 'disk full' });
    const failed = await startLoad('A');
    expect((await poll('A', failed.body.id)).body).toMatchObject({ state: 'failed', error: 'disk full' });
    expect((await poll('A', 'nope')).status).toBe(404);
  });

  it('holds a step until released', async () => {
    await push('A', '6.0.0');
    const hold = fleet.hold('A', 'cutover');
    const pending = send('A', 'POST', '/cutover', { rolloutId: ROLLOUT, site: 'A', version: '6.0.0' });

    const call = await fleet.waitForCall((c) => c.site === 'A' && c.step === 'cutover');
    expect(call.status).toBeUndefined();
    expect(fleet.state('A').cutOver).toBe(false);

    hold.release();
    expect((await pending).status).toBe(200);
    expect(call.status).toBe(200);
    expect(fleet.state('A').cutOver).toBe(true);
  });

  it('measures how many sites were in flight at once', async () => {
    // A and B overlap: B starts while A's health check is held.
    const holdA = fleet.hold('A', 'health');
    await push('A', '6.0.0');
    const healthA = health('A');
    await fleet.waitForCall((c) => c.site === 'A' && c.step === 'health');
    await push('B', '6.0.0');
    holdA.release();
    await healthA;
    await health('B');

    // C starts after both are done, and never reaches health: its last call ends it.
    await push('C', '6.0.0');
    await startLoad('C');

    expect(fleet.maxConcurrentSites()).toBe(2);
    expect(fleet.maxConcurrentSites(['A', 'C'])).toBe(1);
    expect(fleet.maxConcurrentSites(['B', 'C'])).toBe(1);
  });

  it('rejects protocol violations', async () => {
    expect((await send('A', 'GET', '/nowhere')).status).toBe(404);
    const badJson = await fetch(`${fleet.siteUrl('A')}/config`, {
      method: 'POST',
      headers: { 'idempotency-key': 'k', 'x-rollwave-rollout': ROLLOUT },
      body: '{not json',
    });
    expect(badJson.status).toBe(400);
    const noKey = await fetch(`${fleet.siteUrl('A')}/health`);
    expect(noKey.status).toBe(400);
    expect((await send('A', 'POST', '/config', { rolloutId: ROLLOUT, site: 'B', version: '6' })).status).toBe(422);
    expect((await send('A', 'POST', '/cutover', { rolloutId: ROLLOUT, site: 'A', version: '9.9.9' })).status).toBe(409);
  });

  it('keeps separate fleets and URL-encoded site codes apart', async () => {
    const other = await startFleet({ versions: { 'eu/west 1': '4.0.0' } });
    try {
      expect(other.siteUrl('eu/west 1')).toBe(`${other.baseUrl}/sites/eu%2Fwest%201`);
      const res = await fetch(`${other.siteUrl('eu/west 1')}/health`, {
        headers: { 'idempotency-key': 'k', 'x-rollwave-rollout': ROLLOUT },
      });
      expect(await res.json()).toEqual({ ok: true, version: '4.0.0' });
      expect(fleet.calls).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
