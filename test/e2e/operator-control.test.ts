/** A rollout manager acting on failures: retry, rollback, skip, thresholds, pause, resume, abort, audit. */
import { describe, expect, test } from 'vitest';
import { waitFor } from '../support/harness';
import { siteRow, startStoreRollout, useRollwave, waitForSite, waitForStatus } from '../support/scenario';

const scenario = useRollwave();
const rollout = (prefix: string, n: number, opts?: Parameters<typeof startStoreRollout>[3]) => startStoreRollout(scenario, prefix, n, opts);
const site = (id: string, code: string) => siteRow(scenario.rw, id, code);
const siteIs = (id: string, code: string, state: string) => waitForSite(scenario.rw, id, code, state);
const statusIs = (id: string, status: string) => waitForStatus(scenario.rw, id, status);
const act = (id: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  scenario.rw.http('POST', `/v1/rollouts/${id}/${path}`, body, { headers });
const undoCalls = (code: string) =>
  scenario.fleet.callsFor(code).filter((c) => c.step.endsWith('_rollback')).map((c) => c.step);

describe('retry', () => {
  test('a failed site retried after the fleet is fixed succeeds with a new Idempotency-Key', async () => {
    scenario.fleet.behave('RT-001', { fail: { cutover: { status: 409, message: 'store still open' } } });
    const { id } = await rollout('RT', 1);
    const failed = await siteIs(id, 'RT-001', 'failed');
    expect(failed).toMatchObject({ step: 'cutover', attempts: 1 });
    scenario.fleet.reset('RT-001');
    const retried = await act(id, 'sites/RT-001/retry');
    expect(retried.status).toBe(202);
    expect(retried.body.site).toMatchObject({ code: 'RT-001', state: 'running' });
    expect(await siteIs(id, 'RT-001', 'succeeded')).toMatchObject({ attempts: 2 });
    const cutovers = scenario.fleet.callsFor('RT-001').filter((c) => c.step === 'cutover');
    expect(cutovers).toHaveLength(2);
    expect(cutovers[0]!.idempotencyKey).not.toBe(cutovers[1]!.idempotencyKey);
    expect(scenario.fleet.received('RT-001', 'config_push')).toBe(1);
    await statusIs(id, 'completed');
  });

  test('ten identical retries sent at once with one Idempotency-Key retry the site once', async () => {
    scenario.fleet.behave('RD-001', { fail: { config_push: { status: 422, message: 'bad config' } } });
    const { id } = await rollout('RD', 1);
    await siteIs(id, 'RD-001', 'failed');
    scenario.fleet.reset('RD-001');
    const answers = await Promise.all(Array.from({ length: 10 }, () => act(id, 'sites/RD-001/retry', undefined, { 'idempotency-key': 'click-1' })));
    expect(answers.every((a) => a.status === 202)).toBe(true);
    expect(await siteIs(id, 'RD-001', 'succeeded')).toMatchObject({ attempts: 2 });
    const events = await scenario.rw.http('GET', `/v1/rollouts/${id}/events?limit=1000`);
    expect(events.body.items.filter((e: { type: string }) => e.type === 'action.retry')).toHaveLength(1);
  });

  test('ten retries at once without a key have one effect: the others find the site running', async () => {
    scenario.fleet.behave('RN-001', { fail: { config_push: { status: 422, message: 'bad config' } } });
    const { id } = await rollout('RN', 1);
    await siteIs(id, 'RN-001', 'failed');
    scenario.fleet.reset('RN-001');
    const answers = await Promise.all(Array.from({ length: 10 }, () => act(id, 'sites/RN-001/retry')));
    expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'conflict')).toBe(true);
    expect(await siteIs(id, 'RN-001', 'succeeded')).toMatchObject({ attempts: 2 });
  });
});

describe('rollback', () => {
  test('a site failed at cutover is undone in reverse order: cutover, data load, config push', async () => {
    scenario.fleet.behave('RB-001', { healthOk: false });
    const { id } = await rollout('RB', 1);
    const failed = await siteIs(id, 'RB-001', 'failed');
    expect(failed.step).toBe('cutover');
    expect(failed.error).toContain('health check');
    expect((await act(id, 'sites/RB-001/rollback')).status).toBe(202);
    await siteIs(id, 'RB-001', 'rolled_back');
    expect(undoCalls('RB-001')).toEqual(['cutover_rollback', 'data_load_rollback', 'config_rollback']);
    const configUndo = scenario.fleet.callsFor('RB-001').find((c) => c.step === 'config_rollback')!;
    expect(configUndo.body).toMatchObject({ toVersion: '5.1.0', site: 'RB-001', rolloutId: id });
    await statusIs(id, 'completed');
  });

  test('a site failed at data load undoes only the config push', async () => {
    scenario.fleet.behave('RC-001', { fail: { data_load: { status: 400, message: 'no disk' } } });
    const { id } = await rollout('RC', 1);
    await siteIs(id, 'RC-001', 'failed');
    await act(id, 'sites/RC-001/rollback');
    await siteIs(id, 'RC-001', 'rolled_back');
    expect(undoCalls('RC-001')).toEqual(['config_rollback']);
  });

  test('a succeeded site is undone while its rollout is still running', async () => {
    const { id } = await rollout('RS', 2, {
      waves: [
        { name: 'first', select: { codes: ['RS-001'] } },
        { name: 'second', select: { codes: ['RS-002'] }, approval: 'manual' },
      ],
    });
    await statusIs(id, 'awaiting_approval');
    expect((await act(id, 'sites/RS-001/rollback')).status).toBe(202);
    await siteIs(id, 'RS-001', 'rolled_back');
    expect(undoCalls('RS-001')).toEqual(['cutover_rollback', 'data_load_rollback', 'config_rollback']);
  });

  test('a failing undo leaves the site failed at rollback, and a retry finishes the undo', async () => {
    scenario.fleet.behave('RU-001', { fail: { cutover: { status: 422, message: 'refused' }, config_rollback: { status: 422, message: 'locked' } } });
    const { id } = await rollout('RU', 1);
    await siteIs(id, 'RU-001', 'failed');
    await act(id, 'sites/RU-001/rollback');
    const stuck = await waitFor(async () => {
      const row = await site(id, 'RU-001');
      return row?.state === 'failed' && row.step === 'rollback' && row;
    }, 60_000, 'the undo to fail');
    expect(stuck.error).toContain('locked');
    scenario.fleet.reset('RU-001');
    expect((await act(id, 'sites/RU-001/retry')).status).toBe(202);
    await siteIs(id, 'RU-001', 'rolled_back');
    expect(scenario.fleet.applied('RU-001', 'config_rollback')).toBe(1);
  });

  test('an unhealthy site after cutover is rolled back at once with autoRollbackOnFailedCheck', async () => {
    scenario.fleet.behave('RA-001', { healthVersion: '5.1.9' });
    const { id } = await rollout('RA', 2, { plan: { cutover: { autoRollbackOnFailedCheck: true } } });
    await siteIs(id, 'RA-001', 'rolled_back');
    expect(undoCalls('RA-001')).toEqual(['cutover_rollback', 'data_load_rollback', 'config_rollback']);
    await statusIs(id, 'completed');
  });

  test('a wave rollback undoes every succeeded and failed site of the wave', async () => {
    scenario.fleet.behave('RW-002', { fail: { cutover: { status: 422, message: 'no' } } });
    const { id, codes } = await rollout('RW', 4, {
      waves: [
        { name: 'first', select: { codes: ['RW-001', 'RW-002', 'RW-003'] }, maxParallel: 3 },
        { name: 'second', select: { regions: ['RW'] }, maxParallel: 1, approval: 'manual' },
      ],
    });
    await statusIs(id, 'awaiting_approval');
    await siteIs(id, 'RW-002', 'failed');
    expect((await act(id, 'waves/first/rollback')).status).toBe(202);
    const again = await act(id, 'waves/first/rollback');
    expect([again.status, again.body.error?.message]).toEqual([409, 'wave "first" is already being rolled back']);
    for (const code of codes.slice(0, 3)) await siteIs(id, code, 'rolled_back');
    expect(undoCalls('RW-002')).toEqual(['data_load_rollback', 'config_rollback']);
    expect((await site(id, 'RW-004'))?.state).toBe('pending');
  });
});

describe('skip', () => {
  test('a failed site is skipped and the rollout completes', async () => {
    scenario.fleet.behave('SK-001', { fail: { config_push: { status: 404, message: 'no such store' } } });
    const { id } = await rollout('SK', 2);
    await siteIs(id, 'SK-001', 'failed');
    const skipped = await act(id, 'sites/SK-001/skip');
    expect(skipped.status).toBe(200);
    await siteIs(id, 'SK-001', 'skipped');
    const done = await statusIs(id, 'completed');
    expect(done.totals).toMatchObject({ skipped: 1, succeeded: 1 });
  });

  test('a pending site is skipped and never called', async () => {
    const { id } = await rollout('SP', 2, {
      waves: [
        { name: 'first', select: { codes: ['SP-001'] } },
        { name: 'second', select: { codes: ['SP-002'] }, approval: 'manual' },
      ],
    });
    await statusIs(id, 'awaiting_approval');
    expect((await act(id, 'sites/SP-002/skip')).status).toBe(200);
    await act(id, 'waves/second/launch');
    await statusIs(id, 'completed');
    expect(scenario.fleet.callsFor('SP-002')).toHaveLength(0);
    expect((await site(id, 'SP-002'))?.state).toBe('skipped');
  });
});

describe('actions not allowed now', () => {
  test('each action in a wrong state answers 409 naming the current state', async () => {
    const { id } = await rollout('NA', 3, {
      waves: [
        { name: 'first', select: { codes: ['NA-001'] } },
        { name: 'second', select: { codes: ['NA-002'] }, approval: 'manual' },
        { name: 'third', select: { codes: ['NA-003'] }, approval: 'manual' },
      ],
    });
    await statusIs(id, 'awaiting_approval');
    await siteIs(id, 'NA-001', 'succeeded');
    const cases: [string, RegExp][] = [
      ['sites/NA-001/retry', /succeeded/],
      ['sites/NA-001/skip', /succeeded/],
      ['sites/NA-002/retry', /pending/],
      ['sites/NA-002/rollback', /pending/],
      ['waves/third/launch', /pending/],
      ['waves/second/rollback', /awaiting_approval/],
    ];
    for (const [path, message] of cases) {
      const answer = await act(id, path);
      expect(answer.status, path).toBe(409);
      expect(answer.body.error.code).toBe('conflict');
      expect(answer.body.error.message, path).toMatch(message);
    }
    expect((await act(id, 'sites/NOPE-1/retry')).status).toBe(404);
    expect((await act(id, 'waves/nope/launch')).status).toBe(404);
  });

  test('an action that would change nothing answers 409 naming the state, instead of a silent 200', async () => {
    const { id } = await rollout('NC', 2, {
      waves: [
        { name: 'first', select: { codes: ['NC-001'] } },
        { name: 'second', select: { codes: ['NC-002'] }, approval: 'manual' },
      ],
    });
    await statusIs(id, 'awaiting_approval');
    const refusals: [string, string][] = [
      ['waves/first/launch', 'wave "first" is completed: only a wave awaiting approval can be launched'],
      ['resume', 'rollout is awaiting_approval: only a paused or halted rollout can be resumed'],
    ];
    for (const [path, message] of refusals) {
      const answer = await act(id, path);
      expect([answer.status, answer.body.error?.code, answer.body.error?.message], path).toEqual([409, 'conflict', message]);
    }
    expect((await act(id, 'pause')).status).toBe(200);
    expect((await act(id, 'pause')).body.error?.message).toBe('rollout is already paused');
    expect((await act(id, 'abort')).status).toBe(200);
    // Once nothing is left open the rollout's workflow ends, and the answer names how the rollout ended.
    expect((await act(id, 'abort')).body.error?.message).toMatch(/^rollout is (already )?aborted$/);
    expect((await act(id, 'waves/second/launch')).body.error?.message).toBe('rollout is aborted');
  });

  test('a repeat with the same Idempotency-Key gets the first answer, even once the state has moved on', async () => {
    const { id } = await rollout('IK', 2, {
      waves: [
        { name: 'first', select: { codes: ['IK-001'] }, approval: 'manual' },
        { name: 'second', select: { codes: ['IK-002'] }, approval: 'manual' },
      ],
    });
    await statusIs(id, 'awaiting_approval');
    const click = { 'idempotency-key': 'launch-first-1' };
    const first = await act(id, 'waves/first/launch', undefined, click);
    expect([first.status, first.body.wave]).toEqual([200, { name: 'first', status: 'running' }]);
    await siteIs(id, 'IK-001', 'succeeded');
    await waitFor(async () => (await scenario.rw.http('GET', `/v1/rollouts/${id}/progress`)).body.waves[0].status === 'completed', 30_000, 'the first wave');
    const repeat = await act(id, 'waves/first/launch', undefined, click);
    expect([repeat.status, repeat.body]).toEqual([200, first.body]);
    expect((await act(id, 'waves/first/launch')).status).toBe(409);
    const reused = await act(id, 'waves/second/launch', undefined, click);
    expect([reused.status, reused.body.error?.code]).toEqual([422, 'idempotency_key_reused']);
    const launches = (await scenario.rw.http('GET', `/v1/rollouts/${id}/events?limit=1000`)).body.items.filter((e: { type: string }) => e.type === 'action.launch');
    expect(launches).toHaveLength(1);
  });
});

describe('failure thresholds', () => {
  test('a wave whose failures reach maxFailed halts: no new site starts until resume, and abort ends it', async () => {
    scenario.fleet.behave('TH-002', { fail: { config_push: { status: 422, message: 'x' } } });
    scenario.fleet.behave('TH-003', { fail: { config_push: { status: 422, message: 'x' } } });
    const { id } = await rollout('TH', 8, {
      waves: [{ name: 'all', select: { regions: ['TH'] }, maxParallel: 1, failureThreshold: { maxFailed: 2 } }],
    });
    await statusIs(id, 'halted');
    const started = new Set(scenario.fleet.calls.filter((c) => c.site.startsWith('TH-')).map((c) => c.site));
    expect([...started].sort()).toEqual(['TH-001', 'TH-002', 'TH-003']);
    expect((await act(id, 'sites/TH-003/skip')).status).toBe(200);
    expect((await act(id, 'resume')).body.status).toBe('running');
    await siteIs(id, 'TH-005', 'succeeded');
    expect((await act(id, 'abort')).body.status).toBe('aborted');
    expect((await act(id, 'sites/TH-002/skip')).status).toBe(200);
    const aborted = await statusIs(id, 'aborted');
    expect(aborted.totals.rolled_back).toBe(0);
    expect(undoCalls('TH-001')).toEqual([]);
  });

  test('the percent rule waits for minCompleted finished sites', async () => {
    scenario.fleet.behave('TP-001', { fail: { config_push: { status: 422, message: 'x' } } });
    const { id } = await rollout('TP', 6, {
      waves: [{ name: 'all', select: { regions: ['TP'] }, maxParallel: 1, failureThreshold: { maxFailedPercent: 10, minCompleted: 4 } }],
    });
    await statusIs(id, 'halted');
    const progress = await scenario.rw.http('GET', `/v1/rollouts/${id}/progress`);
    expect(progress.body.totals.succeeded + progress.body.totals.failed).toBeGreaterThanOrEqual(4);
  });
});

describe('pause, resume, bake', () => {
  test('pause stops new starts and lets running sites finish; resume carries on', async () => {
    const hold = scenario.fleet.hold('PA-001', 'data_load');
    const { id } = await rollout('PA', 4, { waves: [{ name: 'all', select: { regions: ['PA'] }, maxParallel: 1 }] });
    await scenario.fleet.waitForCall((c) => c.site === 'PA-001' && c.step === 'data_load', 30_000);
    const paused = await act(id, 'pause');
    expect(paused.body.status).toBe('paused');
    hold.release();
    await siteIs(id, 'PA-001', 'succeeded');
    expect(scenario.fleet.callsFor('PA-002')).toHaveLength(0);
    expect((await act(id, 'resume')).body.status).toBe('running');
    await statusIs(id, 'completed');
    const events = await scenario.rw.http('GET', `/v1/rollouts/${id}/events?limit=1000`);
    const actions = events.body.items.filter((e: { type: string }) => e.type.startsWith('action.'));
    expect(actions.map((e: { type: string }) => e.type)).toEqual(['action.pause', 'action.resume']);
    expect(actions[0].actor).toEqual({ id: 'admin', name: 'bootstrap admin key' });
  });

  test('bakeSeconds holds the next wave after a wave completes', async () => {
    const { id } = await rollout('BK', 2, {
      waves: [
        { name: 'first', select: { codes: ['BK-001'] }, bakeSeconds: 3 },
        { name: 'second', select: { codes: ['BK-002'] } },
      ],
    });
    await statusIs(id, 'completed');
    const firstDone = Math.max(...scenario.fleet.callsFor('BK-001').map((c) => c.at));
    const secondStart = Math.min(...scenario.fleet.callsFor('BK-002').map((c) => c.at));
    expect(secondStart - firstDone).toBeGreaterThanOrEqual(3000);
  });

  test('abort lets the running step finish, starts nothing new and rolls nothing back', async () => {
    const hold = scenario.fleet.hold('AB-001', 'config_push');
    const { id } = await rollout('AB', 3, { waves: [{ name: 'all', select: { regions: ['AB'] }, maxParallel: 1 }] });
    await scenario.fleet.waitForCall((c) => c.site === 'AB-001' && c.step === 'config_push', 30_000);
    expect((await act(id, 'abort')).body.status).toBe('aborted');
    hold.release();
    const row = await siteIs(id, 'AB-001', 'failed');
    expect(row.error).toContain('aborted');
    expect(scenario.fleet.applied('AB-001', 'config_push')).toBe(1);
    expect(scenario.fleet.received('AB-001', 'data_load')).toBe(0);
    expect(scenario.fleet.callsFor('AB-002')).toHaveLength(0);
    expect((await act(id, 'sites/AB-001/retry')).status).toBe(409);
    expect((await act(id, 'sites/AB-001/skip')).status).toBe(200);
    await waitFor(async () => (await scenario.rw.temporal.workflow.getHandle(`rollout/${id}`).describe()).status.name === 'COMPLETED', 30_000);
    expect((await act(id, 'resume')).status).toBe(409);
  });

  test('abort reaches the sites still running and passes over one whose workflow is gone', async () => {
    const holds = ['AG-001', 'AG-002'].map((code) => scenario.fleet.hold(code, 'config_push'));
    const { id } = await rollout('AG', 2, { waves: [{ name: 'all', select: { regions: ['AG'] }, maxParallel: 2 }] });
    for (const code of ['AG-001', 'AG-002']) await scenario.fleet.waitForCall((c) => c.site === code && c.step === 'config_push', 30_000);
    // Gone without a last word to the rollout, as a site that ends while its final mark is still on the way.
    await scenario.rw.temporal.workflow.getHandle(`rollout/${id}/site/AG-001`).terminate('gone');
    const aborted = await act(id, 'abort');
    expect(aborted.status, JSON.stringify(aborted.body)).toBe(200);
    expect(aborted.body.status).toBe('aborted');
    holds.forEach((hold) => hold.release());
    expect((await siteIs(id, 'AG-002', 'failed')).error).toContain('aborted');
  });
});

describe('readiness', () => {
  const training = { requireReadiness: true, minTrainedPercent: 90, timeoutSeconds: 600 };

  test('a site waits in awaiting_readiness until its lead confirms enough trained staff', async () => {
    const { id } = await rollout('RY', 1, { plan: { training } });
    await siteIs(id, 'RY-001', 'awaiting_readiness');
    const short = await act(id, 'sites/RY-001/readiness', { confirmed: true, trainedStaff: 15, totalStaff: 20 });
    expect(short.status).toBe(400);
    expect(short.body.error.details[0].path).toBe('trainedStaff');
    expect(short.body.error.message).toMatch(/75%.*90%/);
    const ok = await act(id, 'sites/RY-001/readiness', { confirmed: true, trainedStaff: 18, totalStaff: 20, note: 'all tills' });
    expect(ok.status).toBe(200);
    await siteIs(id, 'RY-001', 'succeeded');
    const late = await act(id, 'sites/RY-001/readiness', { confirmed: true, trainedStaff: 20, totalStaff: 20 });
    expect(late.status).toBe(409);
  });

  test('a confirmation that comes before the site reaches training is kept and the step passes at once', async () => {
    const { id } = await rollout('RE', 2, {
      plan: { training },
      waves: [
        { name: 'first', select: { codes: ['RE-001'] }, approval: 'manual' },
        { name: 'second', select: { codes: ['RE-002'] } },
      ],
    });
    await statusIs(id, 'awaiting_approval');
    expect((await act(id, 'sites/RE-001/readiness', { confirmed: true, trainedStaff: 10, totalStaff: 10 })).status).toBe(200);
    await act(id, 'waves/first/launch');
    await siteIs(id, 'RE-001', 'succeeded');
    await siteIs(id, 'RE-002', 'awaiting_readiness');
  });

  test('a site whose readiness never comes fails at training when the timeout passes', async () => {
    const { id } = await rollout('RT2', 1, { plan: { training: { ...training, timeoutSeconds: 2 } } });
    const row = await siteIs(id, 'RT2-001', 'failed');
    expect(row.step).toBe('training');
    expect(row.error).toMatch(/readiness was not confirmed within 2 seconds/);
  });
});
