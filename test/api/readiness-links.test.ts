/** Readiness links: a site lead without an API key sees one site and confirms its readiness, by link. */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, test } from 'vitest';
import { useRollwave, waitForSite } from '../support/scenario';
import { expireLink, makeLink, storeAwaitingReadiness, tokenOf } from '../support/readiness-links';

const scenario = useRollwave();
const byLink = (token: string, method = 'GET', body?: unknown) =>
  scenario.rw.http(method, '/v1/readiness', body, { key: null, headers: { 'x-readiness-token': token } });

describe('readiness links', () => {
  test('a link shows its site, refuses a shortfall, and confirms readiness in the name of whom it was made for', async () => {
    const { id, code } = await storeAwaitingReadiness(scenario, 'RL');
    const link = await makeLink(scenario.rw, id, code);
    expect(link.url).toMatch(new RegExp(`^${scenario.rw.url}/r#rl_[\\w-]{43}$`));
    expect(link.site).toBe(code);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(13.9 * 86_400_000);
    const token = tokenOf(link.url);
    expect(JSON.stringify(await scenario.rw.database.sql`select * from readiness_links`)).not.toContain(token);

    const seen = await byLink(token);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      site: { code, name: 'Store 1', state: 'awaiting_readiness', inWords: 'Waiting for you: confirm that enough staff are trained.' },
      rollout: { id, release: '5.2.0' },
      minTrainedPercent: 90,
      confirmation: null,
      canConfirm: true,
    });
    expect(seen.body.window.local).toMatch(/^(today|tonight|tomorrow) \d\d:00–\d\d:00, Shanghai time$/);

    const short = await byLink(token, 'POST', { confirmed: true, trainedStaff: 15, totalStaff: 20 });
    expect(short.status).toBe(400);
    expect(short.body.error.details[0]).toMatchObject({ path: 'trainedStaff', message: '15 of 20 trained is 75%, below the required 90%: 3 more must be trained' });

    const ok = await byLink(token, 'POST', { confirmed: true, trainedStaff: 19, totalStaff: 20, note: 'tills and scales' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.confirmation).toMatchObject({ by: 'Mei Lin', trainedStaff: 19, totalStaff: 20, note: 'tills and scales' });
    await waitForSite(scenario.rw, id, code, 'awaiting_window');

    const events = await scenario.rw.http('GET', `/v1/rollouts/${id}/events?limit=1000`);
    const confirmed = events.body.items.filter((e: { type: string }) => e.type === 'action.readiness');
    expect(confirmed.map((e: { actor: unknown }) => e.actor)).toEqual([{ via: 'link', id: link.id, name: 'Mei Lin' }]);

    const late = await byLink(token, 'POST', { confirmed: true, trainedStaff: 20, totalStaff: 20 });
    expect(late.status).toBe(409);
    expect((await byLink(token)).body).toMatchObject({ canConfirm: false, next: expect.stringMatching(/past training/) });
  });

  test('a confirmation sent with an API key is audited as by key', async () => {
    const { id, code } = await storeAwaitingReadiness(scenario, 'RK');
    const sent = await scenario.rw.http('POST', `/v1/rollouts/${id}/sites/${code}/readiness`, { confirmed: true, trainedStaff: 10, totalStaff: 10 });
    expect(sent.status).toBe(200);
    const events = await scenario.rw.http('GET', `/v1/rollouts/${id}/events?limit=1000`);
    const confirmed = events.body.items.find((e: { type: string }) => e.type === 'action.readiness');
    expect(confirmed.actor).toEqual({ via: 'key', id: 'admin', name: 'bootstrap admin key' });
  });

  test('an expired or revoked link is refused in plain words, an unknown one is not found', async () => {
    const { id, code } = await storeAwaitingReadiness(scenario, 'RX');
    const expired = await makeLink(scenario.rw, id, code);
    await expireLink(scenario.rw, expired.id);
    const old = await byLink(tokenOf(expired.url));
    expect(old.status).toBe(410);
    expect(old.body.error).toMatchObject({ code: 'link_expired', message: expect.stringMatching(/^This link expired on .*\. Ask your rollout manager for a new link\.$/) });

    const revoked = await makeLink(scenario.rw, id, code);
    expect((await scenario.rw.http('DELETE', `/v1/readiness-links/${revoked.id}`)).status).toBe(204);
    expect((await scenario.rw.http('DELETE', `/v1/readiness-links/${revoked.id}`)).status).toBe(404);
    const gone = await byLink(tokenOf(revoked.url), 'POST', { confirmed: true, trainedStaff: 10, totalStaff: 10 });
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('link_revoked');

    expect((await byLink('rl_made-up')).status).toBe(404);
    expect((await scenario.rw.http('GET', '/v1/readiness', undefined, { key: null })).status).toBe(400);
  });

  test('a wave’s links come one per site, as JSON or as CSV for a mail merge', async () => {
    const { id } = await storeAwaitingReadiness(scenario, 'RW');
    const json = await scenario.rw.http('POST', `/v1/rollouts/${id}/waves/all/readiness-links`, { days: 3 });
    expect(json.status).toBe(201);
    expect(json.body.items.map((l: { site: string }) => l.site)).toEqual(['RW-001']);
    expect(Math.round((Date.parse(json.body.items[0].expiresAt) - Date.now()) / 86_400_000)).toBe(3);
    const csv = await scenario.rw.http('POST', `/v1/rollouts/${id}/waves/all/readiness-links?format=csv`);
    expect(csv.status).toBe(201);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, row, end] = (csv.body as string).split('\r\n');
    expect(header).toBe('id,site,url,expiresAt');
    expect(row).toMatch(/^rl_[0-9a-f]{16},RW-001,http:\/\/127\.0\.0\.1:\d+\/r#rl_[\w-]{43},\d{4}-/);
    expect(end).toBe('');
    expect((await scenario.rw.http('POST', `/v1/rollouts/${id}/waves/nope/readiness-links`)).status).toBe(404);
  });

  test('only managers make links, for sites of the rollout, for 1 to 365 days', async () => {
    const { id, code } = await storeAwaitingReadiness(scenario, 'RM');
    const viewer = (await scenario.rw.http('POST', '/v1/api-keys', { role: 'viewer', name: 'wall' })).body.key;
    expect((await scenario.rw.http('POST', `/v1/rollouts/${id}/sites/${code}/readiness-link`, {}, { key: viewer })).status).toBe(403);
    expect((await scenario.rw.http('POST', `/v1/rollouts/${id}/sites/NOPE-1/readiness-link`)).status).toBe(404);
    const bad = await scenario.rw.http('POST', `/v1/rollouts/${id}/sites/${code}/readiness-link`, { days: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('days');
  });

  test('links start with ROLLWAVE_PUBLIC_URL when set, and their tokens never reach the log', async () => {
    const { id, code } = await storeAwaitingReadiness(scenario, 'RP');
    let logged = '';
    const logger = pino({ level: 'trace' }, new Writable({ write: (chunk, _enc, done) => done(void (logged += chunk)) }));
    const app = await scenario.rw.anotherApp({ logger, readinessLinks: { publicUrl: 'https://rollwave.example.com/', days: 2 } });
    try {
      const made = await app.inject({ method: 'POST', url: `/v1/rollouts/${id}/sites/${code}/readiness-link`, headers: { authorization: 'Bearer test-admin-key-0123456789' }, payload: {} });
      expect(made.statusCode).toBe(201);
      const { url } = made.json();
      expect(url).toMatch(/^https:\/\/rollwave\.example\.com\/r#rl_/);
      const token = tokenOf(url);
      expect((await app.inject({ method: 'GET', url: '/v1/readiness', headers: { 'x-readiness-token': token } })).statusCode).toBe(200);
      expect(logged).toContain('/v1/readiness');
      expect(logged).not.toContain(token);
    } finally {
      await app.close();
    }
  });
});
