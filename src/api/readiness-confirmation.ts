/**
 * A site's readiness confirmation, whether it comes with an API key or by a readiness link: the plan's rules, then
 * the row and its audit event, then a signal to the site's workflow.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db } from '../../db/client';
import { confirmReadiness, type ReadinessConfirmation } from '../../db/readiness';
import type { RolloutPlan } from '../../domain/plan';
import type { RolloutStatus } from '../../domain/states';
import { siteCommandSignal, siteWorkflowId } from '../../workflows/contract';
import { conflict, fromTemporal, invalid, notFound } from './errors';

/** A signal the orchestration service cannot take within this time answers 503 rather than hang. */
const TEMPORAL_CALL_MS = 15_000;

type Readiness = ReadinessConfirmation['readiness'];

/** Refuses a confirmation the rollout's plan or status does not allow (409), or one short of `minTrainedPercent` (400). */
export function checkReadiness(rollout: { plan: unknown; status: string }, readiness: Readiness): void {
  const { requireReadiness, minTrainedPercent } = (rollout.plan as RolloutPlan).training;
  if (!requireReadiness) throw conflict('this rollout does not wait for readiness confirmations');
  if (rollout.status === 'completed' || rollout.status === 'aborted') throw conflict(`rollout is ${rollout.status}`);
  const percent = (readiness.trainedStaff / readiness.totalStaff) * 100;
  if (percent < minTrainedPercent) {
    const short = Math.ceil((minTrainedPercent / 100) * readiness.totalStaff) - readiness.trainedStaff;
    throw invalid([
      {
        path: 'trainedStaff',
        message: `${readiness.trainedStaff} of ${readiness.totalStaff} trained is ${Math.floor(percent * 10) / 10}%, below the required ${minTrainedPercent}%: ${short} more must be trained`,
      },
    ]);
  }
}

/**
 * Keeps a checked confirmation and tells the site. It goes to the site itself, not through the rollout workflow,
 * which would serialise every site lead of a rollout (Temporal also caps a workflow's Updates in flight). The row
 * is written first: a site not started yet, or finished, has no workflow to tell, and one that starts later reads
 * the row at training.
 */
export async function keepAndTellSite(db: Db, temporal: Client, c: ReadinessConfirmation & { status: string }) {
  const { rolloutId: id, code } = c;
  // The time rides with the confirmation: a plan may make it expire before cutover.
  const readiness = { ...c.readiness, confirmedAt: new Date().toISOString() };
  const outcome = await confirmReadiness(db, { ...c, readiness });
  if (!outcome) throw notFound(`site ${code} in rollout ${id}`);
  if (!outcome.kept) throw conflict(`site ${code} is ${outcome.state}${outcome.step ? ` at ${outcome.step}` : ''} and past training`);
  try {
    const site = temporal.workflow.getHandle(siteWorkflowId(id, code));
    await temporal.withDeadline(Date.now() + TEMPORAL_CALL_MS, () => site.signal(siteCommandSignal, { type: 'readiness', readiness }));
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) fromTemporal(err, `site ${code}`);
  }
  return { id, status: c.status as RolloutStatus, site: { code, state: outcome.state } };
}
