/** A site-lead key's own sites: each of its site codes in every rollout that has not ended, for "My sites". */
import { and, asc, desc, eq, gt, inArray, lt, notInArray, or } from 'drizzle-orm';
import type { Db } from './client';
import { siteViewColumns } from './readiness-links';
import { events, rollouts, siteRuns, sites } from './schema';

/** Rollouts that are over: nothing is asked of their site leads any more. */
const ENDED = ['completed', 'aborted'];

/** A position in the listing: newest rollout first, then site code. */
export interface MySitesKey {
  rolloutId: string;
  code: string;
}

/**
 * A page of the rows of `codes` in rollouts that are neither completed nor aborted, each with the latest readiness
 * confirmation's time and actor when one is kept; two statements whatever the page's length.
 */
export async function listMySites(db: Db, codes: readonly string[], page: { after?: MySitesKey; limit: number }) {
  if (codes.length === 0) return { items: [], nextAfter: null };
  const { after, limit } = page;
  const rows = await db
    .select(siteViewColumns)
    .from(siteRuns)
    .innerJoin(rollouts, eq(rollouts.id, siteRuns.rolloutId))
    .innerJoin(sites, eq(sites.code, siteRuns.siteCode))
    .where(
      and(
        inArray(siteRuns.siteCode, [...codes]),
        notInArray(rollouts.status, ENDED),
        after ? or(lt(siteRuns.rolloutId, after.rolloutId), and(eq(siteRuns.rolloutId, after.rolloutId), gt(siteRuns.siteCode, after.code))) : undefined,
      ),
    )
    .orderBy(desc(siteRuns.rolloutId), asc(siteRuns.siteCode))
    .limit(limit + 1);
  const shown = rows.slice(0, limit);
  const confirmed = shown.filter((r) => r.readiness !== null);
  const latest = new Map<string, { at: Date; actor: unknown }>();
  if (confirmed.length > 0) {
    const found = await db
      .selectDistinctOn([events.rolloutId, events.site], { rolloutId: events.rolloutId, site: events.site, at: events.at, actor: events.actor })
      .from(events)
      .where(
        and(
          inArray(events.rolloutId, [...new Set(confirmed.map((r) => r.rolloutId))]),
          inArray(events.site, [...new Set(confirmed.map((r) => r.code))]),
          eq(events.type, 'action.readiness'),
        ),
      )
      .orderBy(events.rolloutId, events.site, desc(events.seq));
    for (const e of found) latest.set(`${e.rolloutId}\n${e.site}`, { at: e.at, actor: e.actor });
  }
  const last = rows.length > limit ? shown.at(-1)! : undefined;
  return {
    items: shown.map((r) => ({ ...r, confirmedBy: latest.get(`${r.rolloutId}\n${r.code}`) })),
    nextAfter: last ? { rolloutId: last.rolloutId, code: last.code } : null,
  };
}
