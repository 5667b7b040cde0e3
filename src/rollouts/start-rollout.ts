/** Creating a rollout: validate against the registry, write it, then start its workflow. */
import { createHash, randomBytes } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Db } from '../../db/client';
import { deleteRollout, insertRollout } from '../../db/rollouts';
import { allSitesForSelection, type SiteForSelection } from '../../db/sites';
import { stepMedians } from '../../db/step-medians';
import { rolloutWorkflowId, WORKFLOW, type RolloutWorkflowInput, type WaveRuntime } from '../../workflows/contract';
import type { RolloutPlan } from '../../domain/plan';
import { assignWaves } from '../../domain/assign-waves';
import { projectRollout, stepDurations } from '../../domain/projection';
import { FORWARD_STEPS } from '../../domain/states';
import { IdempotencyKeyReused, InvalidPlan } from './errors';

/** Time-ordered ids, so listing newest first is an index scan. */
export const newRolloutId = () => `ro_${Date.now().toString(36).padStart(9, '0')}${randomBytes(5).toString('hex')}`;

export const requestHash = (body: unknown) => createHash('sha256').update(canonicalJson(body)).digest('hex');

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The site codes of each wave, in the order the wave runs them; InvalidPlan when the registry does not fit the plan. */
function assignSites(plan: RolloutPlan, sites: SiteForSelection[]): string[][] {
  const assignment = assignWaves(plan, sites);
  if (!assignment.ok) throw new InvalidPlan(assignment.details);
  return assignment.waves;
}

/**
 * What a plan would do, starting nothing: the sites of each wave, and when the rollout would finish if it started
 * at `now` (each step's duration from the plan's estimates, else this installation's history, else a default).
 */
export async function previewRollout(db: Db, plan: RolloutPlan, now: Date) {
  const history = stepMedians(db, FORWARD_STEPS);
  // Both reads are under way at once; a plan that does not fit answers 400 without waiting for the medians.
  history.catch(() => {});
  const sites = await allSitesForSelection(db);
  const waves = assignSites(plan, sites);
  const zoneOf = new Map(sites.map((s) => [s.code, s.timezone]));
  const projection = projectRollout({
    now,
    waves: plan.waves.map((w, i) => ({
      name: w.name,
      maxParallel: w.maxParallel,
      bakeSeconds: w.bakeSeconds,
      approval: w.approval,
      timeZones: waves[i]!.map((code) => zoneOf.get(code)!),
    })),
    window: plan.cutover.window,
    durations: stepDurations(plan.estimates, await history),
    requireReadiness: plan.training.requireReadiness,
  });
  return { waves, projection };
}

/** A start the orchestration service cannot take within this time answers 503 rather than hang. */
const START_DEADLINE_MS = 15_000;

export interface StartDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
}

export async function startRollout(
  deps: StartDeps,
  plan: RolloutPlan,
  opts: { idempotencyKey?: string; rawBody: unknown; actor: unknown },
): Promise<{ id: string; created: boolean }> {
  const waves = assignSites(plan, await allSitesForSelection(deps.db));
  const hash = requestHash(opts.rawBody);
  const row = await insertRollout(deps.db, {
    id: newRolloutId(),
    plan,
    waves,
    idempotencyKey: opts.idempotencyKey,
    requestHash: hash,
    actor: opts.actor,
  });
  if (!row.created && row.requestHash !== hash) {
    throw new IdempotencyKeyReused('this Idempotency-Key was already used with a different request body');
  }
  try {
    await deps.temporal.withDeadline(Date.now() + START_DEADLINE_MS, () =>
      deps.temporal.workflow.start(WORKFLOW.rollout, {
        workflowId: rolloutWorkflowId(row.id),
        taskQueue: deps.taskQueue,
        args: [workflowInput(row.id, plan, waves)],
      }),
    );
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { id: row.id, created: row.created };
    // Nothing may linger half-made: without its workflow the rollout would never move. Should the start have
    // gone through unseen, the workflow fails at its first write (the rollout is gone, see activities).
    if (row.created) await deleteRollout(deps.db, row.id);
    throw err;
  }
  return { id: row.id, created: row.created };
}

function workflowInput(rolloutId: string, plan: RolloutPlan, assigned: string[][]): RolloutWorkflowInput {
  let start = 0;
  const waves: WaveRuntime[] = plan.waves.map((w, i) => {
    const size = assigned[i]!.length;
    const runtime: WaveRuntime = {
      name: w.name,
      start,
      size,
      maxParallel: w.maxParallel,
      approval: w.approval,
      bakeSeconds: w.bakeSeconds,
      threshold: w.failureThreshold,
      status: 'pending',
    };
    start += size;
    return runtime;
  });
  return {
    rolloutId,
    waves,
    settings: {
      requireReadiness: plan.training.requireReadiness,
      minTrainedPercent: plan.training.minTrainedPercent,
      trainingTimeoutSeconds: plan.training.timeoutSeconds,
      ...(plan.training.readinessValidForHours === undefined ? {} : { readinessValidForHours: plan.training.readinessValidForHours }),
      window: plan.cutover.window,
      autoRollbackOnFailedCheck: plan.cutover.autoRollbackOnFailedCheck,
    },
    status: 'running',
    marks: 'p'.repeat(start),
    waveIdx: 0,
    cursor: 0,
    paused: false,
    halted: false,
    aborted: false,
    haltedAtFailures: {},
    rollbacks: [],
    rollbackRuns: [],
  };
}
