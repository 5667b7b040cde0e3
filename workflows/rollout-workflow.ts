/**
 * One rollout: walks the waves in order and runs each as a sliding window of site workflows (at most
 * `maxParallel` at once, the next starting as soon as one finishes). Site workflows are abandoned children
 * that report back by signal, so the window survives continue-as-new; the workflow carries only counters
 * and one character per site. Every operator action is an Update whose validator rejects what the current
 * state does not allow, so the API can answer 409 at once and an accepted action is durable. The state and
 * its rules are `RolloutState`'s; this file registers the handlers and makes the calls the rules ask for.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { RolloutStatus } from '../domain/states';
import { dbCalls } from './activity-proxies';
import {
  abortUpdate,
  launchWaveUpdate,
  pauseUpdate,
  readinessUpdate,
  resumeUpdate,
  siteActionUpdate,
  siteCommandSignal,
  siteMarkSignal,
  siteWorkflowId,
  waveRollbackUpdate,
  type Actor,
  type RolloutWorkflowInput,
  type SiteAction,
  type SiteCommand,
  type SiteRef,
} from './contract';
import { RolloutState } from './rollout-state';
import { siteWorkflow } from './site-workflow';

/** The failure type of a signal to a workflow that is no longer running. */
const SITE_GONE = 'ExternalWorkflowExecutionNotFound';

/** Continue-as-new well before Temporal's 51,200-event limit even if the server does not suggest it. */
const HISTORY_EVENTS_LIMIT = 20_000;

export async function rolloutWorkflow(input: RolloutWorkflowInput): Promise<RolloutStatus> {
  const { rolloutId, settings } = input;
  const rollout = new RolloutState(input);
  /** Site workflows being started by the sliding window; signals to them wait until they exist. */
  let startsInFlight = 0;

  const command = (site: SiteRef, cmd: SiteCommand) =>
    getExternalWorkflowHandle(rollout.siteWorkflowIdOf(site)).signal(siteCommandSignal, cmd);
  const audit = (action: string, actor: Actor, data: Record<string, unknown>, where: { site?: string; wave?: string } = {}) =>
    dbCalls.recordEvent({ rolloutId, event: { type: `action.${action}`, actor, data, ...where } });

  setHandler(siteMarkSignal, ({ ordinal, mark }) => rollout.recordMark(ordinal, mark));

  setHandler(
    launchWaveUpdate,
    async ({ wave, actor }) => {
      if (rollout.launch(wave)) await audit('launch', actor, {}, { wave });
      return rollout.waveResult(wave);
    },
    { validator: ({ wave }) => rollout.validateLaunch(wave) },
  );

  setHandler(
    pauseUpdate,
    async ({ actor }) => {
      if (rollout.pause()) await audit('pause', actor, {});
      return rollout.result();
    },
    { validator: (_: { actor: Actor }) => rollout.validatePause() },
  );

  setHandler(
    resumeUpdate,
    async ({ actor }) => {
      const lifted = rollout.resume();
      if (lifted) {
        if (lifted === 'halted') await commandAll(rollout.runningSites(), { type: 'release' });
        await audit('resume', actor, {});
      }
      return rollout.result();
    },
    { validator: (_: { actor: Actor }) => rollout.validateResume() },
  );

  setHandler(
    abortUpdate,
    async ({ actor }) => {
      if (rollout.abort()) {
        await audit('abort', actor, {});
        await commandAll(rollout.runningSites(), { type: 'abort' });
      }
      return rollout.result();
    },
    { validator: (_: { actor: Actor }) => rollout.validateAbort() },
  );

  setHandler(
    siteActionUpdate,
    async ({ action, site, actor }) => {
      const from = rollout.siteState(site.ordinal);
      // Started before any await: the new mark is set at once, so a duplicate request fails validation.
      const acting = actOnSite(action, site);
      await audit(action, actor, { from }, { site: site.code, wave: rollout.waveNameOf(site.ordinal) });
      await acting;
      return rollout.siteResult(site);
    },
    { validator: ({ action, site }) => rollout.validateSiteAction(action, site) },
  );

  // Readiness confirmations go straight to the site now (the API writes its row, then signals it). The handler
  // stays, exactly as it was, for rollouts whose histories hold one sent by an earlier version: replay needs the
  // same commands in the same order.
  setHandler(
    readinessUpdate,
    async ({ site, readiness, actor }) => {
      const wave = rollout.waveNameOf(site.ordinal);
      await dbCalls.recordReadiness({ rolloutId, code: site.code, wave, readiness, actor });
      // Checked after the write: a site that started meanwhile may already have read the database.
      if (rollout.hasStarted(site.ordinal)) await command(site, { type: 'readiness', readiness });
      return rollout.siteResult(site);
    },
    { validator: ({ site }) => rollout.validateReadiness(site) },
  );

  setHandler(
    waveRollbackUpdate,
    async ({ wave, actor }) => {
      if (rollout.startWaveRollback(wave)) await audit('rollback_wave', actor, {}, { wave });
      return rollout.waveResult(wave);
    },
    { validator: ({ wave }) => rollout.validateWaveRollback(wave) },
  );

  async function actOnSite(action: SiteAction, site: SiteRef) {
    switch (rollout.acceptSiteAction(action, site.ordinal)) {
      case 'record_skip':
        await dbCalls.recordSiteState({ rolloutId, code: site.code, seq: 1, state: 'skipped', step: null, attempts: 1, completedSteps: [], cause: 'skipped before it started' });
        rollout.skippedBeforeStart(site.ordinal);
        return;
      case 'start_rollback_run':
        await startChild(siteWorkflow, {
          workflowId: rollout.siteWorkflowIdOf(site),
          args: [{ rolloutId, code: site.code, ordinal: site.ordinal, settings, mode: 'rollback' }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
        });
        return;
      case 'command_site':
        await command(site, { type: action });
    }
  }

  /**
   * Site workflows are addressed by code; the codes of ordinals come from the database. A site that finished
   * while its last mark is still on its way here has nothing left to hold, release or abort: it is passed over.
   */
  async function commandAll(ordinals: number[], cmd: SiteCommand) {
    if (ordinals.length === 0) return;
    // Sites marked running may still be starting: signal them once they exist.
    await condition(() => startsInFlight === 0);
    const sites = await dbCalls.loadSiteCodes({ rolloutId, ordinals });
    await Promise.all(
      sites.map((site) =>
        command(site, cmd).catch((err: unknown) => {
          if (!(err instanceof ApplicationFailure && err.type === SITE_GONE)) throw err;
        }),
      ),
    );
  }

  /** Halts at the wave's failure threshold and holds the wave's running sites where they are. */
  async function checkThreshold() {
    if (rollout.haltIfThresholdCrossed()) await commandAll(rollout.runningSitesOfWave(), { type: 'hold' });
  }

  /** Starts sites of the current wave until `maxParallel` run; returns once the starts are recorded. */
  async function fillWindow() {
    const starts: Promise<unknown>[] = [];
    while (rollout.windowHasRoom()) {
      if (rollout.pageUsedUp()) {
        const page = rollout.nextPage();
        if (!page) break;
        rollout.pageRead(await dbCalls.loadSitePage({ rolloutId, ...page }));
        if (rollout.pageUsedUp()) break;
      }
      const site = rollout.takeSiteToStart();
      if (!site) continue;
      startsInFlight++;
      starts.push(
        startChild(siteWorkflow, {
          workflowId: siteWorkflowId(rolloutId, site.code),
          args: [{ rolloutId, code: site.code, ordinal: site.ordinal, settings, mode: 'run' }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
        }),
      );
    }
    try {
      await Promise.all(starts);
    } finally {
      startsInFlight -= starts.length;
    }
  }

  /** Wave rollbacks: undo succeeded and failed sites, at most `maxParallel` of a wave at a time. */
  async function advanceRollbacks() {
    for (const r of rollout.rollbacks) {
      for (let ordinal = rollout.nextSiteToRollBack(r); ordinal !== undefined; ordinal = rollout.nextSiteToRollBack(r)) {
        const [site] = await dbCalls.loadSiteCodes({ rolloutId, ordinals: [ordinal] });
        if (site) await actOnSite('rollback', site);
      }
    }
    rollout.dropFinishedRollbacks();
  }

  /** Writes the rollout's and waves' statuses if they changed; says whether it wrote. */
  async function project(): Promise<boolean> {
    const statuses = rollout.unprojectedStatuses();
    if (!statuses) return false;
    await dbCalls.recordRolloutStatus({ rolloutId, status: statuses.status, waves: statuses.waves.map((status, idx) => ({ idx, status })) });
    rollout.projectedAs(statuses);
    return true;
  }

  /** Moves the current wave along: approval, sliding window, bake, and on to the next wave. */
  async function advanceWave() {
    const w = rollout.enterWave();
    if (!w) return;
    if (w.status === 'running') {
      await checkThreshold();
      if (rollout.mayFillWindow()) await fillWindow();
      rollout.endWaveIfAllRan(Date.now());
    }
    rollout.moveOnIfWaveDone(Date.now());
  }

  for (;;) {
    const seen = rollout.changes;
    await advanceWave();
    await advanceRollbacks();
    await project();

    if (rollout.finished()) {
      await condition(allHandlersFinished);
      // Marks that arrived while the projection above was written, or while handlers finished, are projected
      // first: the workflow ends only once the projection shows how it ends.
      if (!(await project()) && rollout.finished()) return rollout.status();
      continue;
    }
    // Checked before waiting and whatever else changed: a busy window may never be idle.
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > HISTORY_EVENTS_LIMIT) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof rolloutWorkflow>({ ...input, ...rollout.carried() });
    }
    if (rollout.changes !== seen) continue;
    const bakeLeft = rollout.bakeLeft(Date.now());
    if (bakeLeft === undefined) await condition(() => rollout.changes !== seen);
    else await condition(() => rollout.changes !== seen, bakeLeft);
  }
}
