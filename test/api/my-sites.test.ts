/** A site-lead key's own sites (`GET /v1/my/sites`) and what a key says of itself (`GET /v1/me`). */
import { beforeAll, describe, expect, test } from 'vitest';
import { TRAINING } from '../support/readiness-links';
import { startStoreRollout, useRollwave, waitForSite, waitForStatus } from '../support/scenario';

const scenario = useRollwave();
const http = (path: string, key: string | null) => scenario.rw.http('GET', path, undefined, { key });

/** The rollout and site of each item, in the order listed. */
const listed = (items: { rollout: { id: string }; site: { code: string } }[]) => items.map((i) => `${i.rollout.id}/${i.site.code}`);

let older: string;
let newer: string;
let lead: { id: string; key: string };

beforeAll(async () => {
  // Two rollouts under way (the older with three stores waiting for readiness, the newer waiting for its launch),
  // one completed, one aborted.
  const manual = (region: string) => ({ waves: [{ name: 'later', select: { regions: [region] }, maxParallel: 1, approval: 'manual' }] });
  const a = await startStoreRollout(scenario, 'MA', 3, { plan: { training: TRAINING } });
  const b = await startStoreRollout(scenario, 'MB', 1, manual('MB'));
  const done = await startStoreRollout(scenario, 'MC', 1);
  const aborted = await startStoreRollout(scenario, 'MD', 1, manual('MD'));
  older = a.id;
  newer = b.id;
  await waitForStatus(scenario.rw, newer, 'awaiting_approval');
  await waitForStatus(scenario.rw, done.id, 'completed');
  await waitForStatus(scenario.rw, aborted.id, 'awaiting_approval');
  expect((await scenario.rw.http('POST', `/v1/rollouts/${aborted.id}/abort`)).status).toBe(200);
  await waitForStatus(scenario.rw, aborted.id, 'aborted');
  await Promise.all(['MA-001', 'MA-003'].map((code) => waitForSite(scenario.rw, older, code, 'awaiting_readiness')));
  const made = await scenario.rw.http('POST', '/v1/api-keys', { role: 'site-lead', name: 'Mei Lin', sites: ['MA-001', 'MA-003', 'MB-001', 'MC-001', 'MD-001', 'ZZ-404'] });
  expect(made.status).toBe(201);
  lead = made.body;
}, 180_000);

describe('my sites', () => {
  test("a site-lead key sees its sites in rollouts under way, newest rollout first, as the site lead's page words them", async () => {
    const res = await http('/v1/my/sites?limit=10', lead.key);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Neither the completed nor the aborted rollout, nor a store of the key's that no rollout has, nor MA-002.
    expect(listed(res.body.items)).toEqual([`${newer}/MB-001`, `${older}/MA-001`, `${older}/MA-003`]);
    expect(res.body.nextCursor).toBeNull();
    const [pending, waiting] = res.body.items;
    expect(waiting).toEqual({
      site: { code: 'MA-001', name: 'Store 1', timezone: 'Asia/Shanghai', state: 'awaiting_readiness', step: 'training', inWords: 'Waiting for you: confirm that enough staff are trained.' },
      rollout: { id: older, name: 'rollout MA', release: '5.2.0', status: 'running' },
      minTrainedPercent: 90,
      window: { local: 'any time (Shanghai time)' },
      confirmation: null,
      canConfirm: true,
      next: 'Once enough staff are trained, confirm it below. The site then moves on to its switch-over (any time (Shanghai time)).',
    });
    // A rollout that asks for no confirmation says so.
    expect(pending).toMatchObject({
      site: { code: 'MB-001', state: 'pending', inWords: 'Not started yet: the rollout has not reached this site.' },
      rollout: { id: newer, status: 'awaiting_approval' },
      canConfirm: false,
      next: 'This rollout does not wait for a training confirmation: nothing is needed from you. Switch-over window: any time (Shanghai time).',
    });
    expect(pending.link).toBeUndefined();
  });

  test('pages follow nextCursor, and a cursor of another listing is refused', async () => {
    const all = listed((await http('/v1/my/sites', lead.key)).body.items);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: []; nextCursor: string | null } } = await http(`/v1/my/sites?limit=1${cursor ? `&cursor=${cursor}` : ''}`, lead.key);
      expect(page.status).toBe(200);
      expect(page.body.items).toHaveLength(1);
      seen.push(...listed(page.body.items));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);

    const sites = (await scenario.rw.http('GET', '/v1/sites?limit=1')).body;
    const foreign = await http(`/v1/my/sites?cursor=${sites.nextCursor}`, lead.key);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0].path).toBe('querystring.cursor');
  });

  test('a confirmation with the key shows who confirmed it, and then the site waits for nothing more from its lead', async () => {
    const sent = await scenario.rw.http('POST', `/v1/rollouts/${older}/sites/MA-003/readiness`, { confirmed: true, trainedStaff: 9, totalStaff: 10 }, { key: lead.key });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    await waitForSite(scenario.rw, older, 'MA-003', 'succeeded');
    const item = (await http('/v1/my/sites', lead.key)).body.items.find((i: { site: { code: string } }) => i.site.code === 'MA-003');
    expect(item).toMatchObject({
      site: { state: 'succeeded' },
      confirmation: { by: 'Mei Lin', trainedStaff: 9, totalStaff: 10 },
      canConfirm: false,
      next: 'This site is past training: nothing more to confirm. Its switch-over window: any time (Shanghai time).',
    });
    const events = (await scenario.rw.http('GET', `/v1/rollouts/${older}/events?limit=1000`)).body.items;
    expect(events.find((e: { type: string; site: string }) => e.type === 'action.readiness' && e.site === 'MA-003').actor).toEqual({ via: 'key', id: lead.id, name: 'Mei Lin' });
  });

  test('other keys have no sites of their own, and without a key the answer is 401', async () => {
    const manager = (await scenario.rw.http('POST', '/v1/api-keys', { role: 'manager', name: 'night shift' })).body.key;
    expect((await http('/v1/my/sites', manager)).body).toEqual({ items: [], nextCursor: null });
    expect((await scenario.rw.http('GET', '/v1/my/sites')).body).toEqual({ items: [], nextCursor: null });
    const refused = await http('/v1/my/sites', null);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    expect((await http('/v1/my/sites', 'rw_made-up')).status).toBe(401);
  });

  test('GET /v1/me says which key it is: its name, role and sites', async () => {
    const me = await http('/v1/me', lead.key);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: lead.id, name: 'Mei Lin', role: 'site-lead', sites: ['MA-001', 'MA-003', 'MB-001', 'MC-001', 'MD-001', 'ZZ-404'] });
    expect((await scenario.rw.http('GET', '/v1/me')).body).toEqual({ id: 'admin', name: 'bootstrap admin key', role: 'admin', sites: [] });
    expect((await http('/v1/me', null)).status).toBe(401);
  });
});
