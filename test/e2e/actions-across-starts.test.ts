/**
 * Managers and site leads act while the sliding window is starting sites: an action that reaches a site whose
 * workflow is being started, or has just finished, never answers 5xx, takes effect once and is audited once.
 */
import { describe, expect, test } from 'vitest';
import { stores, waitFor } from '../support/harness';
import { useRollwave, waitForStatus } from '../support/scenario';

const scenario = useRollwave();
const training = { requireReadiness: true, minTrainedPercent: 90, timeoutSeconds: 600 };
const confirmation = { confirmed: true, trainedStaff: 10, totalStaff: 10 };

/** Registers `n` stores and starts a one-wave rollout of them on the simulated gateway (every step instant). */
async function rollout(prefix: string, n: number, plan: Record<string, unknown> = {}) {
  const sites = stores(n, { prefix, region: prefix });
  expect((await scenario.rw.http('POST', '/v1/sites/import', sites)).status).toBe(200);
  const created = await scenario.rw.http('POST', '/v1/rollouts', {
    name: `rollout ${prefix}`,
    release: { version: '5.2.0' },
    waves: [{ name: 'all', select: { regions: [prefix] }, maxParallel: 10 }],
    ...plan,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { id: created.body.id as string, codes: sites.map((s) => s.code) };
}

/** Sends one request per item, spread evenly over `spreadMs` from now; every answer, in item order. */
function spread<T, R>(items: T[], spreadMs: number, send: (item: T) => Promise<R>): Promise<R[]> {
  return Promise.all(items.map((item, i) => new Promise<R>((resolve, reject) => {
    setTimeout(() => send(item).then(resolve, reject), (i * spreadMs) / items.length);
  })));
}

const statuses = (answers: { status: number }[]) =>
  answers.reduce<Record<number, number>>((tally, a) => ({ ...tally, [a.status]: (tally[a.status] ?? 0) + 1 }), {});

async function events(id: string) {
  const { body } = await scenario.rw.http('GET', `/v1/rollouts/${id}/events?limit=1000`);
  return body.items as { type: string; site: string | null }[];
}

describe('actions fired while sites start', () => {
  test('readiness confirmations sent as their sites start all take effect once, with no 5xx', { timeout: 240_000 }, async () => {
    const rollouts = await Promise.all(['RA', 'RB', 'RC', 'RD'].map((prefix) => rollout(prefix, 60, { training })));
    const answers = (
      await Promise.all(
        rollouts.map(({ id, codes }) =>
          spread(codes, 1000, (code) => scenario.rw.http('POST', `/v1/rollouts/${id}/sites/${code}/readiness`, confirmation)),
        ),
      )
    ).flat();
    expect(answers).toHaveLength(240);
    expect(statuses(answers)).toEqual({ 200: 240 });
    for (const { id, codes } of rollouts) {
      const done = await waitForStatus(scenario.rw, id, 'completed', 120_000);
      expect(done.totals.succeeded).toBe(60);
      const confirmations = (await events(id)).filter((e) => e.type === 'action.readiness').map((e) => e.site);
      expect(confirmations.sort()).toEqual(codes);
    }
  });

  test('pending sites skipped as the window reaches them are skipped or found running, never a 5xx', { timeout: 240_000 }, async () => {
    const rollouts = await Promise.all(['SA', 'SB', 'SC'].map((prefix) => rollout(prefix, 60, { training })));
    const answers = (
      await Promise.all(
        // Over three seconds: the first sites' skips still meet their starts, and each rollout's Updates queue in
        // Temporal (at most 10 in flight per workflow) without nearing the API's 15 s deadline.
        rollouts.map(({ id, codes }) => spread(codes, 3000, (code) => scenario.rw.http('POST', `/v1/rollouts/${id}/sites/${code}/skip`))),
      )
    ).flat();
    expect(Object.keys(statuses(answers)).every((s) => s === '200' || s === '409'), JSON.stringify(statuses(answers))).toBe(true);
    for (const [i, { id, codes }] of rollouts.entries()) {
      const mine = answers.slice(i * 60, (i + 1) * 60);
      const running = codes.filter((_, j) => mine[j]!.status === 409);
      const confirmed = await spread(running, 0, (code) => scenario.rw.http('POST', `/v1/rollouts/${id}/sites/${code}/readiness`, confirmation));
      expect(statuses(confirmed)).toEqual(running.length ? { 200: running.length } : {});
      const done = await waitForStatus(scenario.rw, id, 'completed', 120_000);
      expect(done.totals.skipped).toBe(60 - running.length);
      expect((await events(id)).filter((e) => e.type === 'action.skip')).toHaveLength(60 - running.length);
    }
  });

  test('aborts, pauses and resumes sent while sites start answer 200 or 409, never a 5xx', { timeout: 240_000 }, async () => {
    const prefixes = Array.from({ length: 12 }, (_, i) => `AB${String.fromCharCode(65 + i)}`);
    const rollouts = await Promise.all(prefixes.map((prefix) => rollout(prefix, 30, { training })));
    const actions = ['pause', 'resume', 'abort'] as const;
    const answers = await spread(
      rollouts.flatMap(({ id }) => actions.map((action) => ({ id, action }))),
      1500,
      ({ id, action }) => scenario.rw.http('POST', `/v1/rollouts/${id}/${action}`),
    );
    expect(Object.keys(statuses(answers)).every((s) => s === '200' || s === '409'), JSON.stringify(statuses(answers))).toBe(true);
    for (const { id } of rollouts) {
      // Sites that were running stop after their step and show as failed: none is left running or waiting.
      await waitFor(async () => {
        const { body } = await scenario.rw.http('GET', `/v1/rollouts/${id}/progress`);
        return body.status === 'aborted' && body.totals.running + body.totals.awaiting_readiness === 0;
      }, 120_000, `rollout ${id} to be aborted with no site running`);
    }
  });
});
