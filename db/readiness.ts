/** Readiness confirmations: kept on the site's row, each with its audit event, in one transaction. */
import { and, eq } from 'drizzle-orm';
import { beforeTraining, type SiteState, type Step } from '../domain/states';
import type { Db, Executor } from './client';
import { appendEvent } from './projection';
import { rolloutWaves, siteRuns } from './schema';

export interface ReadinessConfirmation {
  rolloutId: string;
  code: string;
  readiness: { confirmed: true; trainedStaff: number; totalStaff: number; note?: string; confirmedAt?: string };
  actor: unknown;
  /** A retried write with the same key adds no second audit event. */
  dedupeKey?: string;
}

type Readiness = ReadinessConfirmation['readiness'];

/** Writes the confirmation and its `action.readiness` event. */
export async function keepReadiness(tx: Executor, c: ReadinessConfirmation & { wave: string }): Promise<void> {
  await tx
    .update(siteRuns)
    .set({ readiness: c.readiness })
    .where(and(eq(siteRuns.rolloutId, c.rolloutId), eq(siteRuns.siteCode, c.code)));
  await appendEvent(tx, c.rolloutId, { dedupeKey: c.dedupeKey, type: 'action.readiness', site: c.code, wave: c.wave, actor: c.actor, data: { ...c.readiness } });
}

/** Writes a confirmation whose wave is known (the rollout workflow relays it) and its event, in one transaction. */
export async function recordReadiness(db: Db, c: ReadinessConfirmation & { wave: string }): Promise<void> {
  await db.transaction((tx) => keepReadiness(tx, c));
}

/** The confirmation kept on a site's row, if any: one may arrive before the site reaches training. */
export async function findReadiness(db: Db, rolloutId: string, code: string): Promise<Readiness | null> {
  const [row] = await db
    .select({ readiness: siteRuns.readiness })
    .from(siteRuns)
    .where(and(eq(siteRuns.rolloutId, rolloutId), eq(siteRuns.siteCode, code)));
  return (row?.readiness as Readiness | null | undefined) ?? null;
}

export type ReadinessOutcome = { kept: boolean; state: SiteState; step: Step | null };

/**
 * Keeps a confirmation for a site that has not passed training, under its row's lock (the site's own transitions
 * take the same lock first); undefined when the site is not part of the rollout.
 */
export async function confirmReadiness(db: Db, c: ReadinessConfirmation): Promise<ReadinessOutcome | undefined> {
  return db.transaction(async (tx) => {
    const [site] = await tx
      .select({ state: siteRuns.state, step: siteRuns.step, wave: rolloutWaves.name })
      .from(siteRuns)
      .innerJoin(rolloutWaves, and(eq(rolloutWaves.rolloutId, siteRuns.rolloutId), eq(rolloutWaves.idx, siteRuns.waveIdx)))
      .where(and(eq(siteRuns.rolloutId, c.rolloutId), eq(siteRuns.siteCode, c.code)))
      .for('update', { of: siteRuns });
    if (!site) return undefined;
    const state = site.state as SiteState;
    const step = site.step as Step | null;
    if (!beforeTraining(state, step)) return { kept: false, state, step };
    await keepReadiness(tx, { ...c, wave: site.wave });
    return { kept: true, state, step };
  });
}
