import type { ApplicationFailure } from '@temporalio/workflow';
import { describe, expect, test } from 'vitest';
import { MARK, type RolloutWorkflowInput, type WaveRuntime } from '../../workflows/contract';
import { RolloutState } from '../../workflows/rollout-state';

type WavePlan = Partial<WaveRuntime> & { size: number };

const SETTINGS = { requireReadiness: true, minTrainedPercent: 90, trainingTimeoutSeconds: 60, autoRollbackOnFailedCheck: false };

/** A rollout whose waves take their sites in order, one mark per site. */
function rolloutOf(waves: WavePlan[], marks: string, extra: Partial<RolloutWorkflowInput> = {}): RolloutState {
  let start = 0;
  const runtimes = waves.map((w, i): WaveRuntime => {
    const wave: WaveRuntime = { name: `w${i}`, maxParallel: 10, approval: 'auto', bakeSeconds: 0, status: 'running', ...w, start };
    start += w.size;
    return wave;
  });
  return new RolloutState({
    rolloutId: 'ro_1',
    waves: runtimes,
    settings: SETTINGS,
    status: 'running',
    marks,
    waveIdx: 0,
    cursor: 0,
    paused: false,
    halted: false,
    aborted: false,
    haltedAtFailures: {},
    rollbacks: [],
    rollbackRuns: [],
    ...extra,
  });
}

/** The input a continue-as-new starts the next run with. */
const nextRunInput = (rollout: RolloutState): RolloutWorkflowInput => ({ rolloutId: 'ro_1', settings: SETTINGS, ...rollout.carried() });

/** `Conflict: <message>` when the validator refuses, undefined when it accepts. */
function refusalOf(validate: () => void): string | undefined {
  try {
    validate();
    return undefined;
  } catch (err) {
    const failure = err as ApplicationFailure;
    return `${failure.type}: ${failure.message}`;
  }
}

const site = (ordinal: number) => ({ code: `S-${ordinal}`, ordinal });

/** Runs the sliding window as the workflow does, with site codes from a page source that has every site. */
function fillWindow(rollout: RolloutState): number[] {
  const started: number[] = [];
  while (rollout.windowHasRoom()) {
    if (rollout.pageUsedUp()) {
      const page = rollout.nextPage();
      if (!page) break;
      rollout.pageRead(Array.from({ length: page.count }, (_, i) => site(page.from + i)));
      if (rollout.pageUsedUp()) break;
    }
    const next = rollout.takeSiteToStart();
    if (next) started.push(next.ordinal);
  }
  return started;
}

describe('rollout status', () => {
  test('a rollout with sites left to run is running, or awaiting approval while its wave waits for a launch', () => {
    expect(rolloutOf([{ size: 2 }], 'rp').status()).toBe('running');
    expect(rolloutOf([{ size: 2, status: 'awaiting_approval' }], 'pp').status()).toBe('awaiting_approval');
  });

  test('a halt shows over a pause, and an abort over both', () => {
    expect(rolloutOf([{ size: 1 }], 'r', { paused: true }).status()).toBe('paused');
    expect(rolloutOf([{ size: 1 }], 'r', { paused: true, halted: true }).status()).toBe('halted');
    expect(rolloutOf([{ size: 1 }], 'r', { paused: true, halted: true, aborted: true }).status()).toBe('aborted');
  });

  test('a rollout completes once every wave is done and every site settled', () => {
    expect(rolloutOf([{ size: 3, status: 'completed' }], 'sbk', { waveIdx: 1 }).status()).toBe('completed');
    expect(rolloutOf([{ size: 2, status: 'completed' }], 'sf', { waveIdx: 1 }).status()).toBe('running');
  });

  test('a skip accepted but not yet recorded keeps the rollout from completing', () => {
    expect(rolloutOf([{ size: 2, status: 'completed' }], 'sK', { waveIdx: 1 }).status()).toBe('running');
  });

  test('a wave rollback under way keeps the rollout from completing', () => {
    expect(rolloutOf([{ size: 1, status: 'completed' }], 'b', { waveIdx: 1, rollbacks: [{ wave: 0, cursor: 1 }] }).status()).toBe('running');
  });

  test('an aborted rollout finishes only once no site is running, failed, rolling back or being skipped', () => {
    for (const open of ['r', 'q', 'f', 'g', 'R', 'K']) expect(rolloutOf([{ size: 2 }], `s${open}`, { aborted: true }).finished()).toBe(false);
    expect(rolloutOf([{ size: 3 }], 'spk', { aborted: true }).finished()).toBe(true);
  });
});

describe('rollout actions', () => {
  test('only a wave awaiting approval can be launched, and launching it runs it', () => {
    const rollout = rolloutOf([{ size: 1, status: 'completed' }, { size: 1, status: 'awaiting_approval' }, { size: 1, status: 'pending' }], 'spp', { waveIdx: 1 });
    expect(refusalOf(() => rollout.validateLaunch('w0'))).toBe('Conflict: wave "w0" is completed: only a wave awaiting approval can be launched');
    expect(refusalOf(() => rollout.validateLaunch('w2'))).toBe('Conflict: wave "w2" is pending: the waves before it have not finished');
    expect(refusalOf(() => rollout.validateLaunch('nope'))).toBe('Conflict: wave "nope" is not part of this rollout');
    expect(refusalOf(() => rollout.validateLaunch('w1'))).toBeUndefined();
    expect(rollout.launch('w1')).toBe(true);
    expect(rollout.waveResult('w1')).toEqual({ status: 'running', wave: { name: 'w1', status: 'running' } });
    expect(rollout.launch('w1')).toBe(false);
  });

  test('an aborted rollout launches, pauses and resumes nothing', () => {
    const rollout = rolloutOf([{ size: 1, status: 'awaiting_approval' }], 'p', { aborted: true, paused: true });
    expect(refusalOf(() => rollout.validateLaunch('w0'))).toBe('Conflict: rollout is aborted');
    expect(refusalOf(() => rollout.validatePause())).toBe('Conflict: rollout is aborted');
    expect(refusalOf(() => rollout.validateResume())).toBe('Conflict: rollout is aborted');
    expect(refusalOf(() => rollout.validateAbort())).toBe('Conflict: rollout is already aborted');
  });

  test('a completed rollout refuses every action', () => {
    const rollout = rolloutOf([{ size: 1, status: 'completed' }], 's', { waveIdx: 1 });
    for (const validate of [
      () => rollout.validateLaunch('w0'),
      () => rollout.validatePause(),
      () => rollout.validateResume(),
      () => rollout.validateAbort(),
      () => rollout.validateSiteAction('rollback', site(0)),
      () => rollout.validateReadiness(site(0)),
      () => rollout.validateWaveRollback('w0'),
    ]) {
      expect(refusalOf(validate)).toBe('Conflict: rollout is completed');
    }
  });

  test('a paused rollout cannot be paused again, and a running one cannot be resumed', () => {
    const rollout = rolloutOf([{ size: 1 }], 'r');
    expect(refusalOf(() => rollout.validateResume())).toBe('Conflict: rollout is running: only a paused or halted rollout can be resumed');
    expect(rollout.pause()).toBe(true);
    expect(refusalOf(() => rollout.validatePause())).toBe('Conflict: rollout is already paused');
    expect(refusalOf(() => rollout.validateResume())).toBeUndefined();
  });

  test('resuming says whether it lifted a halt, whose held sites must be released', () => {
    expect(rolloutOf([{ size: 1 }], 'r', { paused: true }).resume()).toBe('paused');
    expect(rolloutOf([{ size: 1 }], 'r', { paused: true, halted: true }).resume()).toBe('halted');
    expect(rolloutOf([{ size: 1 }], 'r').resume()).toBeUndefined();
  });

  test('aborting aborts every wave not completed yet', () => {
    const rollout = rolloutOf([{ size: 1, status: 'completed' }, { size: 1 }, { size: 1, status: 'pending' }], 'srp', { waveIdx: 1 });
    expect(rollout.abort()).toBe(true);
    expect(rollout.waves.map((w) => w.status)).toEqual(['completed', 'aborted', 'aborted']);
    expect(rollout.abort()).toBe(false);
  });

  test('every accepted change wakes the main loop', () => {
    const rollout = rolloutOf([{ size: 2 }], 'fp');
    rollout.pause();
    rollout.resume();
    rollout.recordMark(0, MARK.rolledBack);
    rollout.acceptSiteAction('skip', 1);
    rollout.skippedBeforeStart(1);
    expect(rollout.changes).toBe(5);
  });
});

describe('site actions', () => {
  const allowed = (action: 'retry' | 'rollback' | 'skip') =>
    [...'prqfgsRbKk'].filter((mark) => refusalOf(() => rolloutOf([{ size: 1 }], mark).validateSiteAction(action, site(0))) === undefined);

  test('retry is allowed from failed, rollback from failed or succeeded, skip from failed or pending', () => {
    expect(allowed('retry')).toEqual(['f', 'g']);
    expect(allowed('rollback')).toEqual(['f', 'g', 's']);
    expect(allowed('skip')).toEqual(['p', 'f', 'g']);
  });

  test('a refused site action names the state the site is in', () => {
    expect(refusalOf(() => rolloutOf([{ size: 1 }], 'q').validateSiteAction('retry', site(0)))).toBe('Conflict: site S-0 is running: cannot retry it');
    expect(refusalOf(() => rolloutOf([{ size: 1 }], 'K').validateSiteAction('skip', site(0)))).toBe('Conflict: site S-0 is skipped: cannot skip it');
    expect(refusalOf(() => rolloutOf([{ size: 1 }], 'p').validateSiteAction('skip', site(3)))).toBe('Conflict: site S-3 is not part of this rollout');
    expect(refusalOf(() => rolloutOf([{ size: 1 }], 'p').validateReadiness(site(7)))).toBe('Conflict: site S-7 is not part of this rollout');
  });

  test('an aborted rollout retries no site, but still rolls back and skips failed ones', () => {
    const rollout = rolloutOf([{ size: 1 }], 'f', { aborted: true });
    expect(refusalOf(() => rollout.validateSiteAction('retry', site(0)))).toBe('Conflict: rollout is aborted: a failed site can be rolled back or skipped');
    expect(refusalOf(() => rollout.validateSiteAction('rollback', site(0)))).toBeUndefined();
    expect(refusalOf(() => rollout.validateSiteAction('skip', site(0)))).toBeUndefined();
  });

  test('a site is marked as acting at once, so the same action again is refused', () => {
    const rollout = rolloutOf([{ size: 1 }], 'f');
    expect(rollout.acceptSiteAction('retry', 0)).toBe('command_site');
    expect(refusalOf(() => rollout.validateSiteAction('retry', site(0)))).toBe('Conflict: site S-0 is running: cannot retry it');
  });

  test('a site retried after training passed runs on past training', () => {
    const rollout = rolloutOf([{ size: 2 }], 'fg');
    rollout.acceptSiteAction('retry', 0);
    rollout.acceptSiteAction('retry', 1);
    expect(rollout.marks.encode()).toBe('rq');
  });

  test('a pending site is skipped by writing its row; a failed one is told by command', () => {
    const rollout = rolloutOf([{ size: 2 }], 'pf');
    expect(rollout.acceptSiteAction('skip', 0)).toBe('record_skip');
    expect(rollout.acceptSiteAction('skip', 1)).toBe('command_site');
    expect(rollout.marks.encode()).toBe('KK');
    rollout.skippedBeforeStart(0);
    expect(rollout.siteResult(site(0))).toEqual({ status: 'running', site: { code: 'S-0', state: 'skipped' } });
  });

  test('a succeeded site is undone by a rollback run of its own, until it reports rolled back', () => {
    const rollout = rolloutOf([{ size: 2 }], 'sf');
    expect(rollout.acceptSiteAction('rollback', 0)).toBe('start_rollback_run');
    expect(rollout.acceptSiteAction('rollback', 1)).toBe('command_site');
    expect(rollout.siteWorkflowIdOf(site(0))).toBe('rollout/ro_1/site/S-0/rollback');
    expect(rollout.siteWorkflowIdOf(site(1))).toBe('rollout/ro_1/site/S-1');
    rollout.recordMark(0, MARK.rolledBack);
    expect(rollout.siteWorkflowIdOf(site(0))).toBe('rollout/ro_1/site/S-0');
  });

  test('a readiness confirmation is taken until the site passes training, and goes on to any site already started', () => {
    const accepted = [...'prqfgsRbKk'].filter((mark) => refusalOf(() => rolloutOf([{ size: 1 }], mark).validateReadiness(site(0))) === undefined);
    expect(accepted).toEqual(['p', 'r', 'f']);
    expect(refusalOf(() => rolloutOf([{ size: 1 }], 'q').validateReadiness(site(0)))).toBe('Conflict: site S-0 is running and past training');
    expect([...'prf'].map((mark) => rolloutOf([{ size: 1 }], mark).hasStarted(0))).toEqual([false, true, true]);
  });

  test('a rollout that does not wait for readiness refuses confirmations', () => {
    const rollout = rolloutOf([{ size: 1 }], 'r', { settings: { ...SETTINGS, requireReadiness: false } });
    expect(refusalOf(() => rollout.validateReadiness(site(0)))).toBe('Conflict: this rollout does not wait for readiness confirmations');
  });
});

describe('failure threshold', () => {
  test('a wave halts once its failures reach maxFailed', () => {
    const rollout = rolloutOf([{ size: 4, threshold: { maxFailed: 2 } }], 'fsrr', { cursor: 4 });
    expect(rollout.haltIfThresholdCrossed()).toBe(false);
    rollout.recordMark(1, MARK.failedPastTraining);
    expect(rollout.haltIfThresholdCrossed()).toBe(true);
    expect(rollout.status()).toBe('halted');
    expect(rollout.runningSitesOfWave()).toEqual([2, 3]);
  });

  test('the percent rule waits until minCompleted sites of the wave have finished', () => {
    const rollout = rolloutOf([{ size: 10, threshold: { maxFailedPercent: 10, minCompleted: 4 } }], 'fssrrrpppp');
    expect(rollout.haltIfThresholdCrossed()).toBe(false);
    rollout.recordMark(3, MARK.succeeded);
    expect(rollout.haltIfThresholdCrossed()).toBe(true);
  });

  test('after a resume only new failures halt the wave again', () => {
    const rollout = rolloutOf([{ size: 4, threshold: { maxFailed: 1 } }], 'frrr');
    expect(rollout.haltIfThresholdCrossed()).toBe(true);
    rollout.resume();
    expect(rollout.haltIfThresholdCrossed()).toBe(false);
    rollout.recordMark(1, MARK.failed);
    expect(rollout.haltIfThresholdCrossed()).toBe(true);
  });

  test('a wave without a threshold never halts', () => {
    expect(rolloutOf([{ size: 2 }], 'ff').haltIfThresholdCrossed()).toBe(false);
  });
});

describe('sliding window', () => {
  test('starts pending sites until maxParallel run, reading twice the window at a time', () => {
    const rollout = rolloutOf([{ size: 10, maxParallel: 3 }], 'pppppppppp');
    expect(rollout.nextPage()).toEqual({ from: 0, count: 6 });
    expect(fillWindow(rollout)).toEqual([0, 1, 2]);
    rollout.recordMark(1, MARK.succeeded);
    expect(fillWindow(rollout)).toEqual([3]);
  });

  test('a page is never longer than the wave or 500 sites', () => {
    expect(rolloutOf([{ size: 3 }, { size: 9 }], 'pppppppppppp').nextPage()).toEqual({ from: 0, count: 3 });
    expect(rolloutOf([{ size: 2000, maxParallel: 1000 }], 'p'.repeat(2000)).nextPage()).toEqual({ from: 0, count: 500 });
  });

  test('sites skipped before their turn are passed over', () => {
    const rollout = rolloutOf([{ size: 4, maxParallel: 2 }], 'pkpp');
    expect(fillWindow(rollout)).toEqual([0, 2]);
  });

  test('a pause, a halt or an abort starts nothing more', () => {
    for (const stop of [{ paused: true }, { halted: true }, { aborted: true }]) {
      expect(fillWindow(rolloutOf([{ size: 2 }], 'pp', stop))).toEqual([]);
    }
    expect(rolloutOf([{ size: 1 }], 'p', { paused: true }).mayFillWindow()).toBe(false);
    expect(rolloutOf([{ size: 1 }], 'p', { halted: true }).mayFillWindow()).toBe(false);
  });

  test('the window stops at the end of its wave', () => {
    const rollout = rolloutOf([{ size: 2 }, { size: 2 }], 'pppp');
    expect(fillWindow(rollout)).toEqual([0, 1]);
    expect(rollout.nextPage()).toBeUndefined();
  });
});

describe('waves', () => {
  test('a pending wave awaits approval when manual and runs at once when automatic', () => {
    expect(rolloutOf([{ size: 1, status: 'pending', approval: 'manual' }], 'p').enterWave()?.status).toBe('awaiting_approval');
    expect(rolloutOf([{ size: 1, status: 'pending' }], 'p').enterWave()?.status).toBe('running');
    expect(rolloutOf([{ size: 1 }], 'p', { aborted: true }).enterWave()).toBeUndefined();
  });

  test('a wave whose sites all ran bakes, then hands on to the next wave at its first site', () => {
    const rollout = rolloutOf([{ size: 2, bakeSeconds: 60 }, { size: 2, status: 'pending' }], 'sfpp', { cursor: 2 });
    rollout.endWaveIfAllRan(1_000);
    expect(rollout.waves[0]!.status).toBe('baking');
    expect(rollout.bakeLeft(31_000)).toBe(30_000);
    rollout.moveOnIfWaveDone(31_000);
    expect(rollout.waves[0]!.status).toBe('baking');
    const before = rollout.changes;
    rollout.moveOnIfWaveDone(61_000);
    expect(rollout.waves[0]!.status).toBe('completed');
    expect(rollout.changes).toBe(before + 1);
    expect(rollout.bakeLeft(61_000)).toBeUndefined();
    expect(rollout.enterWave()?.name).toBe('w1');
    expect(fillWindow(rollout)).toEqual([2, 3]);
  });

  test('the last wave does not bake', () => {
    const rollout = rolloutOf([{ size: 1, bakeSeconds: 60 }], 's', { cursor: 1 });
    rollout.endWaveIfAllRan(0);
    expect(rollout.waves[0]!.status).toBe('completed');
  });

  test('a wave with sites running, left to start, or halted does not end', () => {
    const ends = (marks: string, extra: Partial<RolloutWorkflowInput>) => {
      const rollout = rolloutOf([{ size: 2 }], marks, extra);
      rollout.endWaveIfAllRan(0);
      return rollout.waves[0]!.status;
    };
    expect(ends('sr', { cursor: 2 })).toBe('running');
    expect(ends('ss', { cursor: 1 })).toBe('running');
    expect(ends('sf', { cursor: 2, halted: true })).toBe('running');
    expect(ends('sf', { cursor: 2 })).toBe('completed');
  });
});

describe('wave rollback', () => {
  test('a wave can be rolled back once it has a succeeded or failed site, and once at a time', () => {
    expect(refusalOf(() => rolloutOf([{ size: 1, status: 'awaiting_approval' }], 'p').validateWaveRollback('w0'))).toBe('Conflict: wave "w0" is awaiting_approval: nothing to roll back');
    expect(refusalOf(() => rolloutOf([{ size: 2 }], 'rk').validateWaveRollback('w0'))).toBe('Conflict: wave "w0" has no succeeded or failed site to roll back');
    const rollout = rolloutOf([{ size: 2 }], 'rg');
    expect(refusalOf(() => rollout.validateWaveRollback('w0'))).toBeUndefined();
    expect(rollout.startWaveRollback('w0')).toBe(true);
    expect(refusalOf(() => rollout.validateWaveRollback('w0'))).toBe('Conflict: wave "w0" is already being rolled back');
    expect(rollout.startWaveRollback('w0')).toBe(false);
  });

  test('undoes succeeded and failed sites, maxParallel at a time, and is done once none is rolling back', () => {
    const rollout = rolloutOf([{ size: 5, maxParallel: 2 }], 'sksfs');
    rollout.startWaveRollback('w0');
    const [r] = rollout.rollbacks;
    const undone: number[] = [];
    for (let ordinal = rollout.nextSiteToRollBack(r!); ordinal !== undefined; ordinal = rollout.nextSiteToRollBack(r!)) {
      rollout.acceptSiteAction('rollback', ordinal);
      undone.push(ordinal);
    }
    expect(undone).toEqual([0, 2]);
    rollout.recordMark(0, MARK.rolledBack);
    rollout.recordMark(2, MARK.rolledBack);
    expect(rollout.nextSiteToRollBack(r!)).toBe(3);
    rollout.acceptSiteAction('rollback', 3);
    expect(rollout.nextSiteToRollBack(r!)).toBe(4);
    rollout.acceptSiteAction('rollback', 4);
    expect(rollout.nextSiteToRollBack(r!)).toBeUndefined();
    rollout.dropFinishedRollbacks();
    expect(rollout.rollbacks).toHaveLength(1);
    rollout.recordMark(3, MARK.rolledBack);
    rollout.recordMark(4, MARK.rolledBack);
    rollout.dropFinishedRollbacks();
    expect(rollout.rollbacks).toEqual([]);
  });
});

describe('projection and continue-as-new', () => {
  test('statuses are written only when they differ from those last written', () => {
    const rollout = rolloutOf([{ size: 1 }], 'r');
    expect(rollout.unprojectedStatuses()).toBeUndefined();
    rollout.pause();
    const statuses = rollout.unprojectedStatuses();
    expect(statuses).toEqual({ status: 'paused', waves: ['running'] });
    rollout.projectedAs(statuses!);
    expect(rollout.unprojectedStatuses()).toBeUndefined();
  });

  test('the next run after continue-as-new takes up where the last left off', () => {
    const rollout = rolloutOf([{ size: 3, maxParallel: 1, threshold: { maxFailed: 1 } }], 'fpp');
    rollout.haltIfThresholdCrossed();
    rollout.resume();
    const next = new RolloutState(nextRunInput(rollout));
    expect(next.marks.encode()).toBe('fpp');
    expect(next.haltIfThresholdCrossed()).toBe(false);
    expect(fillWindow(next)).toEqual([1]);
  });
});
