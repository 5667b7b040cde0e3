/** Readiness links, stored by the SHA-256 digest of their token: the token itself is never kept. */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db, Executor } from './client';
import { events, readinessLinks, rolloutWaves, rollouts, siteRuns, sites } from './schema';

export interface NewReadinessLink {
  id: string;
  rolloutId: string;
  siteCode: string;
  name: string;
  tokenHash: string;
  createdBy: unknown;
  expiresAt: Date;
}

/** A new link's row and its token, which is shown once (in the link's URL) and kept only as its digest. */
export function newReadinessLink(link: Omit<NewReadinessLink, 'id' | 'tokenHash'>): { row: NewReadinessLink; token: string } {
  const token = `rl_${randomBytes(32).toString('base64url')}`;
  const row = { ...link, id: `rl_${randomBytes(8).toString('hex')}`, tokenHash: createHash('sha256').update(token).digest('hex') };
  return { row, token };
}

/** The page a link opens: the token rides in the fragment, which browsers never send to a server. */
export const readinessLinkUrl = (base: string, token: string) => `${base.replace(/\/+$/, '')}/r#${token}`;

/** The newest link of a site that still works, if a manager made one. */
export async function liveReadinessLink(tx: Executor, rolloutId: string, code: string) {
  const [row] = await tx
    .select({ name: readinessLinks.name, expiresAt: readinessLinks.expiresAt })
    .from(readinessLinks)
    .where(and(eq(readinessLinks.rolloutId, rolloutId), eq(readinessLinks.siteCode, code), isNull(readinessLinks.revokedAt), gt(readinessLinks.expiresAt, new Date())))
    .orderBy(desc(readinessLinks.createdAt))
    .limit(1);
  return row;
}

export async function insertReadinessLinks(db: Executor, links: NewReadinessLink[]): Promise<void> {
  if (links.length > 0) await db.insert(readinessLinks).values(links);
}

/** The codes of a wave's sites, in rollout order; undefined when the rollout has no such wave. */
export async function siteCodesOfWave(db: Db, rolloutId: string, wave: string): Promise<string[] | undefined> {
  const [found] = await db
    .select({ idx: rolloutWaves.idx })
    .from(rolloutWaves)
    .where(and(eq(rolloutWaves.rolloutId, rolloutId), eq(rolloutWaves.name, wave)));
  if (!found) return undefined;
  const rows = await db
    .select({ code: siteRuns.siteCode })
    .from(siteRuns)
    .where(and(eq(siteRuns.rolloutId, rolloutId), eq(siteRuns.waveIdx, found.idx)))
    .orderBy(siteRuns.ordinal);
  return rows.map((r) => r.code);
}

/** What a site lead's view of a site of a rollout reads, from site_runs joined with sites and rollouts. */
export const siteViewColumns = {
  rolloutId: siteRuns.rolloutId,
  code: siteRuns.siteCode,
  siteName: sites.name,
  timezone: sites.timezone,
  state: siteRuns.state,
  step: siteRuns.step,
  error: siteRuns.error,
  readiness: siteRuns.readiness,
  rolloutName: rollouts.name,
  plan: rollouts.plan,
  status: rollouts.status,
};

/**
 * The link stored under this digest with what its page shows: the site (name, time zone, state), the rollout (name,
 * plan, status) and the confirmation kept so far. Expired and revoked links are found too, so the page can say so.
 */
export async function findReadinessLinkByDigest(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      id: readinessLinks.id,
      name: readinessLinks.name,
      expiresAt: readinessLinks.expiresAt,
      revokedAt: readinessLinks.revokedAt,
      ...siteViewColumns,
    })
    .from(readinessLinks)
    .innerJoin(rollouts, eq(rollouts.id, readinessLinks.rolloutId))
    .innerJoin(siteRuns, and(eq(siteRuns.rolloutId, readinessLinks.rolloutId), eq(siteRuns.siteCode, readinessLinks.siteCode)))
    .innerJoin(sites, eq(sites.code, readinessLinks.siteCode))
    .where(eq(readinessLinks.tokenHash, tokenHash));
  return row;
}

/** Who confirmed a site's readiness last, and when: its latest `action.readiness` event. */
export async function findLastConfirmation(db: Db, rolloutId: string, code: string) {
  const [row] = await db
    .select({ at: events.at, actor: events.actor })
    .from(events)
    .where(and(eq(events.rolloutId, rolloutId), eq(events.site, code), eq(events.type, 'action.readiness')))
    .orderBy(desc(events.seq))
    .limit(1);
  return row;
}

/** Revokes a link that is not revoked yet; false when there is no such link. */
export async function revokeReadinessLink(db: Db, id: string): Promise<boolean> {
  const revoked = await db
    .update(readinessLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(readinessLinks.id, id), isNull(readinessLinks.revokedAt)))
    .returning({ id: readinessLinks.id });
  return revoked.length > 0;
}
