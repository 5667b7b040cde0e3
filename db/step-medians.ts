/**
 * How long each step took in this installation's finished rollouts, for the projected completion: the median over
 * the sites that succeeded in the latest completed rollouts, one aggregate query whatever their number of sites.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from './client';
import { rollouts, siteRuns } from './schema';

/** The completed rollouts the medians are taken over, newest first: recent runs say most about the next one. */
export const STEP_MEDIAN_ROLLOUTS = 20;

export interface StepMedian {
  seconds: number;
  /** Site runs the median is taken over. */
  sampleSize: number;
}

/**
 * By step, the median duration (seconds) of `steps` over the succeeded sites of the latest completed rollouts.
 * A step that waited (a window, a readiness confirmation) is timed from when it ran, so waits are not counted; a
 * step without both times (never run, or run before timings were kept) is left out, and so is a step nobody ran.
 */
export async function stepMedians(db: Executor, steps: readonly string[]): Promise<Record<string, StepMedian>> {
  const stepList = sql.join(steps.map((s) => sql`${s}`), sql`, `);
  const rows = await db.execute<{ step: string; seconds: number | string; sample_size: number | string }>(sql`
    with latest as (
      select ${rollouts.id} as id from ${rollouts}
      where ${rollouts.status} = 'completed'
      order by ${rollouts.createdAt} desc
      limit ${STEP_MEDIAN_ROLLOUTS}
    ), timed as (
      select t.key as step,
             extract(epoch from ((t.value->>'finishedAt')::timestamptz - (t.value->>'startedAt')::timestamptz)) as seconds
      from latest
      join ${siteRuns} on ${siteRuns.rolloutId} = latest.id
      cross join lateral jsonb_each(${siteRuns.stepTimings}) as t(key, value)
      where ${siteRuns.state} = 'succeeded'
        and t.key in (${stepList})
        and jsonb_typeof(t.value) = 'object'
        and t.value ? 'startedAt' and t.value ? 'finishedAt'
    )
    select step, percentile_cont(0.5) within group (order by seconds) as seconds, count(*) as sample_size
    from timed
    where seconds >= 0
    group by step
  `);
  return Object.fromEntries(rows.map((r) => [r.step, { seconds: Number(r.seconds), sampleSize: Number(r.sample_size) }]));
}
