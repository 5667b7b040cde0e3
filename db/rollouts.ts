/** Rollouts as the API reads and creates them: plan, statuses, per-wave counters, site rows, events. */
import { and, asc, desc, eq, getTableColumns, gt, lt, sql } from 'drizzle-orm';
import type { RolloutPlan } from '../domain/plan';
import { emptyCounts, SETTLED_STATES, SITE_STATES, type SiteState, type StateCounts } from '../domain/states';
import type { Db } from './client';
import { appendEvent } from './projection';
import { events, rolloutWaves, rollouts, siteRuns, waveStateCounts } from './schema';

export interface NewRollout {
  id: string;
  plan: RolloutPlan;
  /** Site codes of each wave, in the order they start. */
  waves: string[][];
  idempotencyKey?: string;
  requestHash: string;
  actor: unknown;
}

/**
 * Writes a rollout with every site's row and counter in one transaction. With an Idempotency-Key that another
 * request already used, nothing is written and the existing rollout's id is returned.
 */
export async function insertRollout(db: Db, r: NewRollout): Promise<{ id: string; created: boolean; requestHash: string | null }> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(rollouts)
      .values({
        id: r.id,
        name: r.plan.name,
        plan: r.plan,
        status: 'running',
        siteCount: r.waves.reduce((n, w) => n + w.length, 0),
        idempotencyKey: r.idempotencyKey ?? null,
        requestHash: r.requestHash,
        createdBy: r.actor,
      })
      .onConflictDoNothing({ target: rollouts.idempotencyKey })
      .returning({ id: rollouts.id });
    if (inserted.length === 0) {
      const [existing] = await tx
        .select({ id: rollouts.id, requestHash: rollouts.requestHash })
        .from(rollouts)
        .where(eq(rollouts.idempotencyKey, r.idempotencyKey!));
      return { id: existing!.id, created: false, requestHash: existing!.requestHash };
    }

    let ordinal = 0;
    const siteRows: (typeof siteRuns.$inferInsert)[] = [];
    const countRows: (typeof waveStateCounts.$inferInsert)[] = [];
    const waveRows = r.waves.map((codes, idx) => {
      const start = ordinal;
      for (const code of codes) siteRows.push({ rolloutId: r.id, siteCode: code, ordinal: ordinal++, waveIdx: idx });
      for (const state of SITE_STATES) countRows.push({ rolloutId: r.id, waveIdx: idx, state, count: state === 'pending' ? codes.length : 0 });
      return { rolloutId: r.id, idx, name: r.plan.waves[idx]!.name, status: 'pending', start, size: codes.length };
    });
    await tx.insert(rolloutWaves).values(waveRows);
    await tx.insert(waveStateCounts).values(countRows);
    for (let i = 0; i < siteRows.length; i += 2000) await tx.insert(siteRuns).values(siteRows.slice(i, i + 2000));
    await appendEvent(tx, r.id, { type: 'rollout.created', actor: r.actor, data: { name: r.plan.name, sites: siteRows.length } });
    return { id: r.id, created: true, requestHash: r.requestHash };
  });
}

export async function deleteRollout(db: Db, id: string) {
  await db.delete(rollouts).where(eq(rollouts.id, id));
}

/** The plan a rollout was created with; undefined once the rollout is gone. */
export async function findRolloutPlan(db: Db, id: string): Promise<RolloutPlan | undefined> {
  const [row] = await db.select({ plan: rollouts.plan }).from(rollouts).where(eq(rollouts.id, id));
  return row?.plan as RolloutPlan | undefined;
}

export interface WaveProgress {
  name: string;
  status: string;
  approval: string;
  sites: number;
  counts: StateCounts;
}

export interface RolloutProgress {
  id: string;
  name: string;
  status: string;
  version: number;
  plan: RolloutPlan;
  createdAt: Date;
  updatedAt: Date;
  totals: StateCounts & { sites: number };
  percentComplete: number;
  waves: WaveProgress[];
}

/**
 * A rollout with its waves and counters in one statement: one round trip and one snapshot, so the counts are
 * exactly those of the version they are tagged with, whatever the number of sites.
 */
export async function getRollout(db: Db, id: string): Promise<RolloutProgress | undefined> {
  const [row] = await db
    .select({
      ...getTableColumns(rollouts),
      waves: sql<WaveRow[]>`(select coalesce(json_agg(json_build_object(
        'idx', ${rolloutWaves.idx}, 'name', ${rolloutWaves.name}, 'status', ${rolloutWaves.status}, 'size', ${rolloutWaves.size})
        order by ${rolloutWaves.idx}), '[]') from ${rolloutWaves} where ${rolloutWaves.rolloutId} = ${rollouts.id})`,
      counts: sql<CountRow[]>`(select coalesce(json_agg(json_build_object(
        'waveIdx', ${waveStateCounts.waveIdx}, 'state', ${waveStateCounts.state}, 'count', ${waveStateCounts.count})), '[]')
        from ${waveStateCounts} where ${waveStateCounts.rolloutId} = ${rollouts.id})`,
    })
    .from(rollouts)
    .where(eq(rollouts.id, id));
  if (!row) return undefined;
  const { waves, counts, ...rollout } = row;
  return assemble(rollout, waves, counts);
}

type WaveRow = Pick<typeof rolloutWaves.$inferSelect, 'idx' | 'name' | 'status' | 'size'>;
type CountRow = Pick<typeof waveStateCounts.$inferSelect, 'waveIdx' | 'state' | 'count'>;

function assemble(
  row: typeof rollouts.$inferSelect,
  waves: WaveRow[],
  counts: CountRow[],
): RolloutProgress {
  const plan = row.plan as RolloutPlan;
  const totals = { sites: row.siteCount, ...emptyCounts() };
  const waveProgress = waves.map((w) => {
    const c = emptyCounts();
    for (const x of counts) if (x.waveIdx === w.idx) c[x.state as SiteState] = x.count;
    for (const s of SITE_STATES) totals[s] += c[s];
    return { name: w.name, status: w.status, approval: plan.waves[w.idx]?.approval ?? 'auto', sites: w.size, counts: c };
  });
  const done = SETTLED_STATES.reduce((n, s) => n + totals[s], 0);
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    version: row.version,
    plan,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    totals,
    percentComplete: row.siteCount === 0 ? 0 : Math.round((done / row.siteCount) * 1000) / 10,
    waves: waveProgress,
  };
}

/** A page of rollouts, newest first, before id `before`; `nextBefore` starts the next page, null on the last. */
export async function listRollouts(db: Db, filter: { status?: string; before?: string; limit: number }) {
  const rows = await db
    .select({ id: rollouts.id })
    .from(rollouts)
    .where(and(filter.status ? eq(rollouts.status, filter.status) : undefined, filter.before ? lt(rollouts.id, filter.before) : undefined))
    .orderBy(desc(rollouts.id))
    .limit(filter.limit + 1);
  const items = await Promise.all(rows.slice(0, filter.limit).map((r) => getRollout(db, r.id)));
  return { items: items.filter((x) => x !== undefined), nextBefore: rows.length > filter.limit ? rows[filter.limit - 1]!.id : null };
}

export async function findSiteRun(db: Db, rolloutId: string, code: string) {
  const [row] = await db
    .select({ ordinal: siteRuns.ordinal, state: siteRuns.state, step: siteRuns.step, waveIdx: siteRuns.waveIdx })
    .from(siteRuns)
    .where(and(eq(siteRuns.rolloutId, rolloutId), eq(siteRuns.siteCode, code)));
  return row;
}

export async function listSiteRuns(db: Db, rolloutId: string, filter: { state?: string; waveIdx?: number; after?: number; limit: number }) {
  const rows = await db
    .select({
      ordinal: siteRuns.ordinal,
      code: siteRuns.siteCode,
      waveIdx: siteRuns.waveIdx,
      wave: rolloutWaves.name,
      state: siteRuns.state,
      step: siteRuns.step,
      attempts: siteRuns.attempts,
      error: siteRuns.error,
      updatedAt: siteRuns.updatedAt,
      timings: siteRuns.stepTimings,
      windowOpensAt: siteRuns.windowOpensAt,
      dataLoad: siteRuns.dataLoad,
      readiness: siteRuns.readiness,
      // Read in the same statement: the rollout's version these rows are as of.
      rolloutVersion: sql<number>`(select ${rollouts.version} from ${rollouts} where ${rollouts.id} = ${rolloutId})`.mapWith(Number),
    })
    .from(siteRuns)
    .innerJoin(rolloutWaves, and(eq(rolloutWaves.rolloutId, siteRuns.rolloutId), eq(rolloutWaves.idx, siteRuns.waveIdx)))
    .where(
      and(
        eq(siteRuns.rolloutId, rolloutId),
        filter.state ? eq(siteRuns.state, filter.state) : undefined,
        filter.waveIdx !== undefined ? eq(siteRuns.waveIdx, filter.waveIdx) : undefined,
        filter.after !== undefined ? gt(siteRuns.ordinal, filter.after) : undefined,
      ),
    )
    .orderBy(asc(siteRuns.ordinal))
    .limit(filter.limit + 1);
  return {
    items: rows.slice(0, filter.limit),
    /** The `after` of the next page; null on the last. */
    nextAfter: rows.length > filter.limit ? rows[filter.limit - 1]!.ordinal : null,
    /** The rollout's version the rows are as of; undefined for an empty page. */
    version: rows[0]?.rolloutVersion,
  };
}

export type EventRow = typeof events.$inferSelect;

/** Events after `after`, in order. Seqs commit in order (see appendEvent), so paging by seq misses nothing. */
export async function listEvents(db: Db, rolloutId: string, after: number, limit: number): Promise<EventRow[]> {
  return db
    .select()
    .from(events)
    .where(and(eq(events.rolloutId, rolloutId), gt(events.seq, after)))
    .orderBy(asc(events.seq))
    .limit(limit);
}

export const versionOf = (db: Db, rolloutId: string) =>
  db.select({ version: rollouts.version, status: rollouts.status }).from(rollouts).where(eq(rollouts.id, rolloutId)).then((r) => r[0]);
