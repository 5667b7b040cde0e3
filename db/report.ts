/**
 * The daily report of a rollout, computed from its audit trail: what happened to its sites during one UTC day.
 * Two aggregate queries over that day's `site.state` events, whatever the number of sites.
 */
import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { events } from './schema';

export interface DailyReport {
  /** Distinct sites that left `pending` for a run that day (skips are not starts; retries are not new starts). */
  started: number;
  succeeded: number;
  failed: number;
  rolledBack: number;
  skipped: number;
  /** Failures that day by step and error, most frequent first. */
  failures: FailureGroup[];
}

export interface FailureGroup {
  step: string | null;
  error: string;
  /** Failure events: a site that failed again after a retry counts twice. */
  count: number;
  /** Distinct sites. */
  sites: number;
  /** A few of those sites, by code, to start the investigation from. */
  exampleSites: string[];
}

const EXAMPLES = 5;

export async function dailyReport(db: Db, rolloutId: string, from: Date, to: Date): Promise<DailyReport> {
  const state = sql`${events.data}->>'state'`;
  const sites = (where: SQL) => sql<number>`count(distinct ${events.site}) filter (where ${where})`.mapWith(Number);
  const sameDay = and(eq(events.rolloutId, rolloutId), eq(events.type, 'site.state'), gte(events.at, from), lt(events.at, to));

  const step = sql<string | null>`${events.data}->>'step'`;
  const error = sql<string>`coalesce(${events.data}->>'error', '')`;
  const count = sql<number>`count(*)`.mapWith(Number);
  const [totals, failures] = await Promise.all([
    db
      .select({
        started: sites(sql`${events.data}->>'from' = 'pending' and ${state} not in ('pending', 'skipped')`),
        succeeded: sites(sql`${state} = 'succeeded'`),
        failed: sites(sql`${state} = 'failed'`),
        rolledBack: sites(sql`${state} = 'rolled_back'`),
        skipped: sites(sql`${state} = 'skipped'`),
      })
      .from(events)
      .where(sameDay),
    db
      .select({
        step,
        error,
        count,
        sites: sql<number>`count(distinct ${events.site})`.mapWith(Number),
        exampleSites: sql<string[]>`(array_agg(distinct ${events.site} order by ${events.site}))[1:${sql.raw(String(EXAMPLES))}]`,
      })
      .from(events)
      .where(and(sameDay, sql`${state} = 'failed'`))
      .groupBy(step, error)
      .orderBy(desc(count), asc(step), asc(error)),
  ]);
  return { ...totals[0]!, failures };
}
