import { afterAll, beforeAll, expect, test } from 'vitest';
import { appendEvent } from '../../db/projection';
import { startFleet, type Fleet } from '../../src/dev/site-fleet';
import { ADMIN_KEY, startRollwave, stores, waitFor, type Rollwave } from '../support/harness';

let rw: Rollwave;
let fleet: Fleet;

beforeAll(async () => {
  [rw, fleet] = await Promise.all([startRollwave(), startFleet()]);
  const imported = await rw.http('POST', '/v1/sites/import', stores(12, { prefix: 'R' }));
  expect(imported.status).toBe(200);
});
afterAll(async () => {
  await rw?.close();
  await fleet?.close();
});

const codes = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `R-${String(from + i).padStart(3, '0')}`);

/** Parses the report CSV (RFC 4180 quoting) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') rows.push([...row, cell]), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

test("a day's report counts sites started, succeeded, failed, rolled back and groups failures by step and error", async () => {
  // R-001..003 refuse the config (422), R-004's data load fails, the rest succeed; then R-005 is rolled
  // back, R-004 skipped, and R-001 retried into the same failure.
  for (const code of codes(1, 3)) fleet.behave(code, { fail: { config_push: { status: 422, message: 'config schema 7 rejected, "tz" missing' } } });
  fleet.behave('R-004', { loadError: 'checksum mismatch' });
  const created = await rw.http('POST', '/v1/rollouts', {
    name: 'mixed day',
    release: { version: '5.2.0', config: { a: 1 }, dataset: { uri: 's3://x', records: 10 } },
    waves: [{ name: 'all', select: { codes: codes(1, 10) }, maxParallel: 10 }],
    gateway: { endpointTemplate: fleet.endpointTemplate },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id;
  const settled = async () => {
    const p = (await rw.http('GET', `/v1/rollouts/${id}/progress`)).body;
    return p.totals.failed === 4 && p.totals.succeeded === 6 && p;
  };
  await waitFor(settled, 90_000, '4 failed and 6 succeeded');

  expect((await rw.http('POST', `/v1/rollouts/${id}/sites/R-005/rollback`)).status).toBeLessThan(300);
  expect((await rw.http('POST', `/v1/rollouts/${id}/sites/R-004/skip`)).status).toBeLessThan(300);
  expect((await rw.http('POST', `/v1/rollouts/${id}/sites/R-001/retry`)).status).toBeLessThan(300);
  await waitFor(async () => {
    const sites = (await rw.http('GET', `/v1/rollouts/${id}/sites?limit=100`)).body.items;
    const state = (code: string) => sites.find((s: any) => s.code === code);
    return state('R-005').state === 'rolled_back' && state('R-004').state === 'skipped' && state('R-001').state === 'failed' && state('R-001').attempts === 2;
  }, 90_000, 'rollback, skip and failed retry');

  const sites = (await rw.http('GET', `/v1/rollouts/${id}/sites?limit=100`)).body.items;
  const configError = sites.find((s: any) => s.code === 'R-002').error;
  const loadError = (await rw.http('GET', `/v1/rollouts/${id}/events?limit=1000`)).body.items.find(
    (e: any) => e.site === 'R-004' && e.data.state === 'failed',
  ).data.error;
  expect(configError).toContain('config schema 7 rejected');

  const date = new Date().toISOString().slice(0, 10);
  const report = await rw.http('GET', `/v1/rollouts/${id}/report?date=${date}`);
  expect(report.status, JSON.stringify(report.body)).toBe(200);
  expect(report.body).toEqual({
    rolloutId: id,
    date,
    from: `${date}T00:00:00.000Z`,
    to: new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString(),
    started: 10,
    succeeded: 6,
    failed: 4,
    rolledBack: 1,
    skipped: 1,
    failures: [
      { step: 'config_push', error: configError, count: 4, sites: 3, exampleSites: ['R-001', 'R-002', 'R-003'] },
      { step: 'data_load', error: loadError, count: 1, sites: 1, exampleSites: ['R-004'] },
    ],
  });

  const csv = await fetch(`${rw.url}/v1/rollouts/${id}/report?date=${date}&format=csv`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
  expect(csv.headers.get('content-disposition')).toContain(`${date}.csv`);
  expect(parseCsv(await csv.text())).toEqual([
    ['date', 'kind', 'step', 'error', 'count', 'sites', 'example_sites'],
    [date, 'started', '', '', '', '10', ''],
    [date, 'succeeded', '', '', '', '6', ''],
    [date, 'failed', '', '', '', '4', ''],
    [date, 'rolled_back', '', '', '', '1', ''],
    [date, 'skipped', '', '', '', '1', ''],
    [date, 'failure', 'config_push', configError, '4', '3', 'R-001 R-002 R-003'],
    [date, 'failure', 'data_load', loadError, '1', '1', 'R-004'],
  ]);
});

test('the report covers one UTC day, from midnight to midnight', async () => {
  const created = await rw.http('POST', '/v1/rollouts', {
    name: 'boundaries',
    release: { version: '5.2.0', config: {}, dataset: { uri: 's3://x', records: 10 } },
    waves: [{ name: 'all', select: { codes: ['R-011', 'R-012'] }, maxParallel: 2, approval: 'manual' }],
  });
  const id = created.body.id;
  // Past events written directly, dated around a day long gone, so the live rollout cannot interfere.
  const at = ['2001-02-02T23:59:59.999Z', '2001-02-03T00:00:00.000Z', '2001-02-03T23:59:59.999Z', '2001-02-04T00:00:00.000Z'];
  const { db, sql } = rw.database;
  for (const [i, moment] of at.entries()) {
    const seq = await db.transaction((tx) =>
      appendEvent(tx, id, { type: 'site.state', site: `R-01${i}`, wave: 'all', data: { from: 'running', state: 'failed', step: 'cutover', error: 'health check failed' } }),
    );
    await sql`update events set at = ${moment} where rollout_id = ${id} and seq = ${seq!}`;
  }

  const report = await rw.http('GET', `/v1/rollouts/${id}/report?date=2001-02-03`);
  expect(report.body.failed).toBe(2);
  expect(report.body.failures).toEqual([{ step: 'cutover', error: 'health check failed', count: 2, sites: 2, exampleSites: ['R-011', 'R-012'] }]);
  expect((await rw.http('GET', `/v1/rollouts/${id}/report?date=2001-02-05`)).body).toMatchObject({ started: 0, failed: 0, failures: [] });
});

test('a report needs a real calendar date and an existing rollout', async () => {
  const bad = await rw.http('GET', '/v1/rollouts/whatever/report?date=2024-02-30');
  expect(bad.status).toBe(400);
  expect(bad.body.error.details[0].path).toBe('querystring.date');
  expect((await rw.http('GET', '/v1/rollouts/whatever/report?date=2024-02-29')).status).toBe(404);
  expect((await rw.http('GET', '/v1/rollouts/whatever/report?format=xml')).status).toBe(400);
});

test('error texts that look like spreadsheet formulas are neutralised in the CSV', async () => {
  const created = await rw.http('POST', '/v1/rollouts', {
    name: 'formula',
    release: { version: '5.2.0', config: {}, dataset: { uri: 's3://x', records: 10 } },
    waves: [{ name: 'all', select: { codes: ['R-011'] }, maxParallel: 1, approval: 'manual' }],
  });
  const id = created.body.id;
  await rw.database.db.transaction((tx) =>
    appendEvent(tx, id, { type: 'site.state', site: 'R-011', wave: 'all', data: { from: 'running', state: 'failed', step: 'cutover', error: '=HYPERLINK("http://x")' } }),
  );
  const csv = await rw.http('GET', `/v1/rollouts/${id}/report?format=csv`);
  expect(parseCsv(csv.body).at(-1)![3]).toBe(`'=HYPERLINK("http://x")`);
});
