/**
 * Writes that mirror the workflows' state into Postgres for the API: every change bumps the rollout's
 * version and appends an event in the same transaction, and keeps the per-wave counters exact.
 */
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { SiteState, Step, UndoableStep } from '../domain/states';
import { FAILURE } from '../domain/failures';
import { statusNotification } from '../domain/notifications';
import type { Db, Executor } from './client';
import { queueNotices, type Notice } from './notifications';
import { events, rolloutWaves, rollouts, siteRuns } from './schema';

/**
 * The rollout was deleted (its start failed): writes for it can never succeed. Its name becomes the activity's
 * failure type, which the database profile does not retry.
 */
export class RolloutGone extends Error {
  override readonly name = FAILURE.rolloutGone;
  constructor(rolloutId: string) {
    super(`rollout ${rolloutId} does not exist`);
  }
}

export interface NewEvent {
  type: string;
  /** Makes the append idempotent: an event with this key already in the rollout is not written again. */
  dedupeKey?: string;
  site?: string | null;
  wave?: string | null;
  actor?: unknown;
  data?: Record<string, unknown>;
}

/**
 * Appends an event and bumps the rollout's version. The row lock on the rollout serialises writers, so the
 * event's `seq` (the new version) commits in order: a reader never sees seq n+1 before seq n.
 */
export async function appendEvent(tx: Executor, rolloutId: string, event: NewEvent): Promise<number | undefined> {
  if (event.dedupeKey) {
    const [seen] = await tx
      .select({ seq: events.seq })
      .from(events)
      .where(and(eq(events.rolloutId, rolloutId), eq(events.dedupeKey, event.dedupeKey)));
    if (seen) return undefined;
  }
  const [row] = await tx
    .update(rollouts)
    .set({ version: sql`${rollouts.version} + 1`, updatedAt: sql`now()` })
    .where(eq(rollouts.id, rolloutId))
    .returning({ version: rollouts.version });
  if (!row) throw new RolloutGone(rolloutId);
  await tx.insert(events).values({
    rolloutId,
    seq: row.version,
    type: event.type,
    site: event.site ?? null,
    wave: event.wave ?? null,
    actor: event.actor ?? null,
    data: event.data ?? {},
    dedupeKey: event.dedupeKey ?? null,
  });
  return row.version;
}

/** Appends one event in a transaction of its own (see appendEvent). */
export async function recordEvent(db: Db, rolloutId: string, event: NewEvent): Promise<number | undefined> {
  return db.transaction((tx) => appendEvent(tx, rolloutId, event));
}

export interface SiteTransition {
  rolloutId: string;
  code: string;
  /** The workflow's transition number: a write whose seq is not newer than the stored one is a replay. */
  seq: number;
  state: SiteState;
  step: Step | null;
  error?: string | null;
  attempts: number;
  completedSteps: UndoableStep[];
  previousVersion?: string | null;
  dataLoadId?: string | null;
  windowOpensAt?: string | null;
  cause?: string;
}

/**
 * Applies one site transition in one round trip (the `rollwave_record_site_transition` function of migration
 * 0001); returns false when it was already applied (a retried activity).
 */
export async function recordSiteTransition(db: Executor, t: SiteTransition): Promise<boolean> {
  const [row] = await db.execute<{ applied: boolean }>(sql`
    select rollwave_record_site_transition(
      ${t.rolloutId}, ${t.code}, ${t.seq}::integer, ${t.state}, ${t.step}, ${t.error ?? null}, ${t.attempts}::integer,
      ${`{${t.completedSteps.join(',')}}`}::text[],
      ${t.previousVersion ?? null}, ${t.dataLoadId ?? null}, ${t.windowOpensAt ?? null}::timestamptz, ${t.cause ?? null}
    ) as applied`);
  return row?.applied === true;
}

/** Live data-load progress: a row update only, not an event (it would flood the audit trail). */
export async function recordDataLoadProgress(db: Db, rolloutId: string, code: string, progress: { loaded: number; total: number }) {
  await db
    .update(siteRuns)
    .set({ dataLoad: progress })
    .where(and(eq(siteRuns.rolloutId, rolloutId), eq(siteRuns.siteCode, code), eq(siteRuns.state, 'running')));
}

export interface RolloutStatusChange {
  rolloutId: string;
  status: string;
  waves: { idx: number; status: string }[];
  cause?: string;
}

/**
 * Records rollout and wave statuses; a change that is already there writes nothing. A change worth a notification
 * (a wave awaiting approval, a halt, the completion) writes its deliveries in the same transaction, under `sourceKey`.
 */
export async function recordRolloutStatus(db: Db, change: RolloutStatusChange, sourceKey?: string): Promise<void> {
  await db.transaction(async (tx) => {
    const notices: Notice[] = [];
    const [rollout] = await tx
      .select({ status: rollouts.status })
      .from(rollouts)
      .where(eq(rollouts.id, change.rolloutId))
      .for('update');
    if (!rollout) throw new RolloutGone(change.rolloutId);
    const waves = await tx
      .select({ idx: rolloutWaves.idx, name: rolloutWaves.name, status: rolloutWaves.status })
      .from(rolloutWaves)
      .where(eq(rolloutWaves.rolloutId, change.rolloutId))
      .orderBy(asc(rolloutWaves.idx));
    for (const w of change.waves) {
      const current = waves.find((x) => x.idx === w.idx);
      if (!current || current.status === w.status) continue;
      await tx
        .update(rolloutWaves)
        .set({ status: w.status })
        .where(and(eq(rolloutWaves.rolloutId, change.rolloutId), eq(rolloutWaves.idx, w.idx)));
      const seq = await appendEvent(tx, change.rolloutId, {
        type: 'wave.status',
        wave: current.name,
        data: { from: current.status, status: w.status, ...(change.cause ? { cause: change.cause } : {}) },
      });
      const event = statusNotification('wave', w.status);
      if (event) notices.push({ eventId: `${change.rolloutId}/${seq}/${event}`, event, wave: current.name });
    }
    if (rollout.status !== change.status) {
      await tx.update(rollouts).set({ status: change.status }).where(eq(rollouts.id, change.rolloutId));
      const seq = await appendEvent(tx, change.rolloutId, {
        type: 'rollout.status',
        data: { from: rollout.status, status: change.status, ...(change.cause ? { cause: change.cause } : {}) },
      });
      const event = statusNotification('rollout', change.status);
      if (event) notices.push({ eventId: `${change.rolloutId}/${seq}/${event}`, event, ...(change.cause ? { data: { cause: change.cause } } : {}) });
    }
    if (sourceKey) await queueNotices(tx, change.rolloutId, sourceKey, notices);
  });
}

/** Site codes by ordinal, for the sliding window to start the next ones. */
export async function loadSitePage(db: Db, rolloutId: string, from: number, count: number) {
  return db
    .select({ ordinal: siteRuns.ordinal, code: siteRuns.siteCode })
    .from(siteRuns)
    .where(and(eq(siteRuns.rolloutId, rolloutId), gte(siteRuns.ordinal, from)))
    .orderBy(asc(siteRuns.ordinal))
    .limit(count);
}

export async function loadSiteCodes(db: Db, rolloutId: string, ordinals: number[]) {
  return db
    .select({ ordinal: siteRuns.ordinal, code: siteRuns.siteCode })
    .from(siteRuns)
    .where(and(eq(siteRuns.rolloutId, rolloutId), inArray(siteRuns.ordinal, ordinals)));
}

/** A settled site's steps and undo data as last recorded, for a new run that undoes them; undefined if unknown. */
export async function loadUndoContext(db: Db, rolloutId: string, code: string) {
  const [row] = await db
    .select({
      seq: siteRuns.seq,
      attempts: siteRuns.attempts,
      completedSteps: siteRuns.completedSteps,
      previousVersion: siteRuns.previousVersion,
      dataLoadId: siteRuns.dataLoadId,
    })
    .from(siteRuns)
    .where(and(eq(siteRuns.rolloutId, rolloutId), eq(siteRuns.siteCode, code)));
  return row && { ...row, completedSteps: row.completedSteps as UndoableStep[] };
}
