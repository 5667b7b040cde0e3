/**
 * Activities: every piece of I/O the workflows do. Built from a factory so the worker injects the database
 * (Temporal's dependency-injection pattern); each is idempotent, keyed by rollout, site, step and attempt.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/client';
import { findReadiness, recordReadiness } from '../db/readiness';
import { dataErrorOf } from '../db/errors';
import {
  loadSiteCodes,
  loadSitePage,
  loadUndoContext,
  recordDataLoadProgress,
  recordEvent,
  recordRolloutStatus,
  recordSiteTransition,
  type NewEvent,
  type RolloutStatusChange,
  type SiteTransition,
} from '../db/projection';
import { queueNotices } from '../db/notifications';
import { findRolloutPlan } from '../db/rollouts';
import { dailySummaryOf } from '../domain/plan';
import { windowStatus } from '../domain/cutover-window';
import { READINESS_EXPIRED, siteNotification } from '../domain/notifications';
import type { Step, UndoableStep } from '../domain/states';
import { FAILURE, type Readiness } from '../workflows/contract';
import { failureClassOf, type ActivityMetrics } from './metrics';
import { notificationActivities, siteNoticeOf } from './notifications';
import type { Notifier } from './notifier';
import { SiteContextLoader } from './site-context';
import type { CallContext, DataLoadStatus, Dataset, SiteGateway } from './site-gateway';

export interface ActivityDeps {
  db: Db;
  metrics: ActivityMetrics;
  notifier: Notifier;
  /** The base of readiness links sent with notifications (`https://rollwave.example.com`). */
  publicUrl: string;
  /** Delay between data-load polls; it doubles up to 10× this. @default 250 */
  dataLoadPollMs?: number;
}

/** Stable across automatic retries of one step; a new operator attempt makes a new key. */
export const idempotencyKey = (rolloutId: string, code: string, step: string, attempt: number) =>
  `${rolloutId}.${code}.${step}.${attempt}`;

export interface StepInput {
  /** The `running` transition this step starts with, recorded before the site is called. */
  transition: SiteTransition;
}

export interface UndoInput extends StepInput {
  step: UndoableStep;
  previousVersion: string | null;
  dataLoadId: string | null;
}

/** The same for every attempt of one activity: retries of an append find the first one's event. */
function attemptKey(): string {
  const { workflowExecution, activityId } = Context.current().info;
  return workflowExecution ? `${workflowExecution.workflowId}/${workflowExecution.runId}/${activityId}` : `activity/${activityId}`;
}

/** Times a site call and counts its failures by class, for /metrics. */
async function measured<T>(metrics: ActivityMetrics, step: Step, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const result = await run();
    metrics.observeStepDuration(step, 'succeeded', seconds());
    return result;
  } catch (err) {
    metrics.observeStepDuration(step, 'failed', seconds());
    metrics.countActivityFailure(step, failureClassOf(err));
    throw err;
  }
}

/**
 * Heartbeats every third of the activity's heartbeat timeout while `run` runs: a live worker keeps a slow site
 * call going, and the server retries the call of a worker that died once the timeout passes, not the whole
 * start-to-close timeout.
 */
async function keepAlive<T>(run: () => Promise<T>): Promise<T> {
  const ctx = Context.current();
  const timeoutMs = ctx.info.heartbeatTimeoutMs;
  if (!timeoutMs) return run();
  const timer = setInterval(() => ctx.heartbeat(), timeoutMs / 3);
  try {
    return await run();
  } finally {
    clearInterval(timer);
  }
}

/**
 * A write Postgres refuses for its values (SQLSTATE class 22 or 23) fails its activity at once, with the reason,
 * instead of being retried for ever: within a step it fails the step, and the site waits for a decision.
 */
function failingOnDataErrors<T extends Record<string, (input: never) => Promise<unknown>>>(metrics: ActivityMetrics, activities: T): T {
  const wrapped = Object.entries(activities).map(([name, run]) => [
    name,
    async (input: never) => {
      try {
        return await run(input);
      } catch (err) {
        const refused = dataErrorOf(err);
        if (!refused) throw err;
        metrics.countActivityDataError(name);
        throw ApplicationFailure.nonRetryable(`the database refused a value (SQLSTATE ${refused.code}): ${refused.message}`, FAILURE.unstorableData);
      }
    },
  ]);
  return Object.fromEntries(wrapped) as T;
}

export function createActivities(deps: ActivityDeps) {
  return failingOnDataErrors(deps.metrics, activitiesOf(deps));
}

function activitiesOf({ db, metrics, notifier, publicUrl, dataLoadPollMs = 250 }: ActivityDeps) {
  const contexts = new SiteContextLoader(db);

  const call = (t: SiteTransition, step: string): CallContext => ({
    rolloutId: t.rolloutId,
    site: t.code,
    key: idempotencyKey(t.rolloutId, t.code, step, t.attempts),
    signal: Context.current().cancellationSignal,
  });

  async function pollDataLoad(t: SiteTransition, gateway: SiteGateway, dataset: Dataset): Promise<{ dataLoadId: string }> {
    const ctx = Context.current();
    const c = call(t, 'data_load');
    const resumed = ctx.info.heartbeatDetails as { loadId?: string } | undefined;
    const loadId = resumed?.loadId ?? (await gateway.startDataLoad(c, dataset)).id;
    ctx.heartbeat({ loadId });

    let delay = dataLoadPollMs;
    let lastProgressWrite = 0;
    for (;;) {
      const status: DataLoadStatus = await gateway.getDataLoad(c, loadId);
      if (status.state === 'done') {
        verifyDataLoad(status, dataset);
        return { dataLoadId: loadId };
      }
      if (status.state === 'failed') {
        throw ApplicationFailure.nonRetryable(`data load ${loadId} failed at the site: ${status.error}`, FAILURE.sitePermanent);
      }
      const progress = { loaded: status.loaded ?? 0, total: status.total ?? dataset.records };
      ctx.heartbeat({ loadId, ...progress });
      if (Date.now() - lastProgressWrite >= 1000) {
        await recordDataLoadProgress(db, t.rolloutId, t.code, progress);
        lastProgressWrite = Date.now();
      }
      await ctx.sleep(delay);
      delay = Math.min(delay * 2, dataLoadPollMs * 10);
    }
  }

  return {
    /**
     * A change worth a notification writes its deliveries in the same transaction; they are started after it commits,
     * by this attempt or, if it fails after the commit, by the retry that finds them.
     */
    async recordSiteState(t: SiteTransition): Promise<void> {
      if (!siteNotification(t.state, t.cause === READINESS_EXPIRED)) {
        await recordSiteTransition(db, t);
        return;
      }
      const key = attemptKey();
      await db.transaction(async (tx) => {
        if (!(await recordSiteTransition(tx, t))) return;
        const notice = siteNoticeOf(tx, t, publicUrl);
        if (notice) await queueNotices(tx, t.rolloutId, key, [notice]);
      });
      await notifier.startDeliveries(key);
    },

    /** Also keeps the daily-summary Schedule while the rollout runs, and removes it once it has ended. */
    async recordRolloutStatus(change: RolloutStatusChange): Promise<void> {
      const key = attemptKey();
      await recordRolloutStatus(db, change, key);
      await notifier.startDeliveries(key);
      if (change.status === 'completed' || change.status === 'aborted') {
        await notifier.dropDailySummary(change.rolloutId);
      } else {
        await notifier.scheduleDailySummary(change.rolloutId, async () => {
          const plan = await findRolloutPlan(db, change.rolloutId);
          return plan && dailySummaryOf(plan);
        });
      }
    },

    ...notificationActivities({ db, notifier }, attemptKey),

    async recordEvent(input: { rolloutId: string; event: NewEvent }): Promise<void> {
      await recordEvent(db, input.rolloutId, { ...input.event, dedupeKey: attemptKey() });
    },

    async loadSitePage(input: { rolloutId: string; from: number; count: number }) {
      return loadSitePage(db, input.rolloutId, input.from, input.count);
    },

    async loadSiteCodes(input: { rolloutId: string; ordinals: number[] }) {
      return loadSiteCodes(db, input.rolloutId, input.ordinals);
    },

    async pushConfig({ transition: t }: StepInput): Promise<{ previousVersion: string | null }> {
      return keepAlive(async () => {
        await recordSiteTransition(db, t);
        const { plan, gateway } = await contexts.load(t.rolloutId, t.code);
        const res = await measured(metrics, 'config_push', () =>
          gateway.pushConfig(call(t, 'config_push'), { version: plan.release.version, config: plan.release.config }),
        );
        return { previousVersion: res.previousVersion ?? null };
      });
    },

    /** Starts the load (once: the load id survives retries in the heartbeat) and polls it to the end. */
    async loadData({ transition: t }: StepInput): Promise<{ dataLoadId: string | null }> {
      await recordSiteTransition(db, t);
      const { plan, gateway } = await contexts.load(t.rolloutId, t.code);
      const dataset = plan.release.dataset;
      if (!dataset) return { dataLoadId: null };
      return measured(metrics, 'data_load', () => pollDataLoad(t, gateway, dataset));
    },

    async cutover({ transition: t }: StepInput): Promise<void> {
      return keepAlive(async () => {
        await recordSiteTransition(db, t);
        const { plan, gateway } = await contexts.load(t.rolloutId, t.code);
        await measured(metrics, 'cutover', () => gateway.cutover(call(t, 'cutover'), plan.release.version));
      });
    },

    /** The post-cutover check: the site must say it is ok and runs the release's version. */
    async checkHealth(input: { rolloutId: string; code: string; attempts: number }): Promise<void> {
      return keepAlive(async () => {
        const { plan, gateway } = await contexts.load(input.rolloutId, input.code);
        const c = {
          rolloutId: input.rolloutId,
          site: input.code,
          key: idempotencyKey(input.rolloutId, input.code, 'health', input.attempts),
          signal: Context.current().cancellationSignal,
        };
        const health = await measured(metrics, 'cutover', () => gateway.health(c));
        if (health.ok !== true) {
          throw ApplicationFailure.nonRetryable('post-cutover health check failed: the site reports ok=false', FAILURE.healthCheck);
        }
        if (health.version !== plan.release.version) {
          throw ApplicationFailure.nonRetryable(
            `post-cutover health check failed: the site runs version ${health.version ?? '(none)'}, expected ${plan.release.version}`,
            FAILURE.healthCheck,
          );
        }
      });
    },

    /** Undoes one completed step with the protocol's undo call. */
    async undoStep({ transition: t, step, previousVersion, dataLoadId }: UndoInput): Promise<void> {
      return keepAlive(async () => {
        await recordSiteTransition(db, t);
        const { gateway } = await contexts.load(t.rolloutId, t.code);
        const c = call(t, `${step}_rollback`);
        await measured(metrics, 'rollback', async () => {
          if (step === 'cutover') await gateway.rollbackCutover(c);
          else if (step === 'data_load') {
            if (dataLoadId) await gateway.rollbackDataLoad(c, dataLoadId);
          } else await gateway.rollbackConfig(c, previousVersion);
        });
      });
    },

    /** When the site's cutover window next opens, in the site's own time zone (now → open). */
    async cutoverWindow(input: { rolloutId: string; code: string; window: { start: string; end: string } }) {
      const { timezone } = await contexts.load(input.rolloutId, input.code);
      const status = windowStatus(new Date(), input.window, timezone);
      return status.open ? { open: true as const } : { open: false as const, opensAt: status.opensAt.toISOString() };
    },

    /** A readiness confirmation that arrived before the site reached training. */
    async loadReadiness(input: { rolloutId: string; code: string }): Promise<Readiness | null> {
      return findReadiness(db, input.rolloutId, input.code);
    },

    /** Keeps a readiness confirmation relayed by the rollout workflow (see its readiness Update). */
    async recordReadiness(input: { rolloutId: string; code: string; wave: string; readiness: Readiness; actor: unknown }) {
      await recordReadiness(db, { ...input, dedupeKey: attemptKey() });
    },

    /** What a new run needs to undo a settled site: its steps and undo data as last recorded. */
    async loadUndoContext(input: { rolloutId: string; code: string }) {
      const context = await loadUndoContext(db, input.rolloutId, input.code);
      if (!context) throw ApplicationFailure.nonRetryable(`site ${input.code} is not part of rollout ${input.rolloutId}`);
      return context;
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;

function verifyDataLoad(status: { loaded: number; checksum?: string }, dataset: { records: number; checksum?: string }) {
  if (status.loaded !== dataset.records) {
    throw ApplicationFailure.nonRetryable(
      `data verification failed: the site loaded ${status.loaded} records, the dataset has ${dataset.records}`,
      FAILURE.dataVerification,
    );
  }
  if (dataset.checksum && status.checksum !== dataset.checksum) {
    throw ApplicationFailure.nonRetryable(
      `data verification failed: the site reports checksum ${status.checksum ?? '(none)'}, the dataset has ${dataset.checksum}`,
      FAILURE.dataVerification,
    );
  }
}
