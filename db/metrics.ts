/**
 * What the `/metrics` gauges read at scrape time: small tables only (rollouts, the per-wave counters), so a
 * scrape costs the same for ten sites as for ten thousand.
 */
import { and, count, eq, notInArray, sum } from 'drizzle-orm';
import type { Db } from './client';
import { rollouts, waveStateCounts } from './schema';

/** Rollouts that are over: their sites drop out of the sites in flight. */
const FINISHED = ['completed', 'aborted'];

export async function countRolloutsByStatus(db: Db): Promise<{ status: string; n: number }[]> {
  return db.select({ status: rollouts.status, n: count() }).from(rollouts).groupBy(rollouts.status);
}

/** Sites by state, of the rollouts that are not completed or aborted: the work in flight. */
export async function countSitesInFlightByState(db: Db): Promise<{ state: string; n: number }[]> {
  return db
    .select({ state: waveStateCounts.state, n: sum(waveStateCounts.count).mapWith(Number) })
    .from(waveStateCounts)
    .innerJoin(rollouts, and(eq(rollouts.id, waveStateCounts.rolloutId), notInArray(rollouts.status, FINISHED)))
    .groupBy(waveStateCounts.state);
}
