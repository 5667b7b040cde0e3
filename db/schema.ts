import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const sites = pgTable(
  'sites',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    region: text('region').notNull(),
    timezone: text('timezone').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'`),
    endpoint: text('endpoint'),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sites_region_code_idx').on(t.region, t.code), index('sites_tags_idx').using('gin', t.tags)],
);

export const rollouts = pgTable(
  'rollouts',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** The validated plan with defaults filled in. */
    plan: jsonb('plan').notNull(),
    status: text('status').notNull(),
    siteCount: integer('site_count').notNull(),
    /** Grows on every change; also the sequence number of the rollout's latest event. */
    version: bigint('version', { mode: 'number' }).notNull().default(0),
    idempotencyKey: text('idempotency_key'),
    requestHash: text('request_hash'),
    createdBy: jsonb('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('rollouts_idempotency_key_idx').on(t.idempotencyKey), index('rollouts_status_idx').on(t.status, t.createdAt)],
);

export const rolloutWaves = pgTable(
  'rollout_waves',
  {
    rolloutId: text('rollout_id').notNull().references(() => rollouts.id, { onDelete: 'cascade' }),
    idx: integer('idx').notNull(),
    name: text('name').notNull(),
    status: text('status').notNull(),
    start: integer('start').notNull(),
    size: integer('size').notNull(),
  },
  (t) => [primaryKey({ columns: [t.rolloutId, t.idx] })],
);

/** Sites per state per wave, kept in the same transaction as each site change so progress is one read. */
export const waveStateCounts = pgTable(
  'wave_state_counts',
  {
    rolloutId: text('rollout_id').notNull().references(() => rollouts.id, { onDelete: 'cascade' }),
    waveIdx: integer('wave_idx').notNull(),
    state: text('state').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.rolloutId, t.waveIdx, t.state] })],
);

export const siteRuns = pgTable(
  'site_runs',
  {
    rolloutId: text('rollout_id').notNull().references(() => rollouts.id, { onDelete: 'cascade' }),
    siteCode: text('site_code').notNull(),
    /** Position in the rollout, wave by wave; the rollout workflow addresses sites by it. */
    ordinal: integer('ordinal').notNull(),
    waveIdx: integer('wave_idx').notNull(),
    state: text('state').notNull().default('pending'),
    step: text('step'),
    /** Runs an operator started: 1, then one more per retry. Part of every idempotency key. */
    attempts: integer('attempts').notNull().default(1),
    error: text('error'),
    /** Sequence number of the latest transition applied; older writes (retried activities) are ignored. */
    seq: integer('seq').notNull().default(0),
    completedSteps: text('completed_steps').array().notNull().default(sql`'{}'`),
    previousVersion: text('previous_version'),
    dataLoadId: text('data_load_id'),
    dataLoad: jsonb('data_load').$type<{ loaded: number; total: number }>(),
    stepTimings: jsonb('step_timings').$type<Record<string, { startedAt: string; finishedAt?: string }>>().notNull().default({}),
    windowOpensAt: timestamp('window_opens_at', { withTimezone: true }),
    readiness: jsonb('readiness'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.rolloutId, t.siteCode] }),
    uniqueIndex('site_runs_ordinal_idx').on(t.rolloutId, t.ordinal),
    index('site_runs_state_idx').on(t.rolloutId, t.state, t.ordinal),
    index('site_runs_wave_idx').on(t.rolloutId, t.waveIdx, t.ordinal),
  ],
);

/**
 * The audit trail. `seq` is taken from `rollouts.version` under that row's lock in the writing transaction,
 * so events commit in `seq` order and a reader paging by `seq` never skips one.
 */
export const events = pgTable(
  'events',
  {
    rolloutId: text('rollout_id').notNull().references(() => rollouts.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    type: text('type').notNull(),
    site: text('site'),
    wave: text('wave'),
    actor: jsonb('actor'),
    data: jsonb('data').notNull().default({}),
    /** Set by writers that may run twice (a retried activity): the second write finds it and does nothing. */
    dedupeKey: text('dedupe_key'),
  },
  (t) => [primaryKey({ columns: [t.rolloutId, t.seq] }), uniqueIndex('events_dedupe_key_idx').on(t.rolloutId, t.dedupeKey)],
);

export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  sites: text('sites').array().notNull().default(sql`'{}'`),
  keyHash: text('key_hash').notNull().unique(),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/**
 * The answer to each operator action sent with an Idempotency-Key, so that a repeat of the request gets the first
 * answer whatever has happened since (Temporal deduplicates an Update id only within one workflow run).
 */
export const actionAnswers = pgTable(
  'action_answers',
  {
    rolloutId: text('rollout_id').notNull().references(() => rollouts.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    /** What was asked (action, target and body): the same key with another request is refused. */
    request: text('request').notNull(),
    answer: jsonb('answer').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.rolloutId, t.idempotencyKey] })],
);

/**
 * Links that let a site lead without an API key see one site of one rollout and confirm its readiness. Only the
 * SHA-256 digest of the token is kept, as for API keys.
 */
export const readinessLinks = pgTable(
  'readiness_links',
  {
    id: text('id').primaryKey(),
    rolloutId: text('rollout_id').notNull().references(() => rollouts.id, { onDelete: 'cascade' }),
    siteCode: text('site_code').notNull(),
    /** Whom the link was made for: the audit trail names them for a confirmation sent by it. */
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: jsonb('created_by'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('readiness_links_site_idx').on(t.rolloutId, t.siteCode)],
);

/** Webhooks an admin set for the whole installation: they hear the events they name from every rollout. */
export const webhooks = pgTable('webhooks', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  events: text('events').array().notNull(),
  /** Signs deliveries; never part of an answer. */
  secret: text('secret').notNull(),
  createdBy: jsonb('created_by'),
  createdAt: createdAt(),
});

/**
 * One event for one webhook: a delivery, tried by its own Temporal workflow until the receiver takes it. Written in
 * the transaction that records the change it tells of, so a change is never recorded without its deliveries.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    /** Order of writing: the listing pages by it. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    /** The same for every webhook told of one event: receivers deduplicate by it. */
    eventId: text('event_id').notNull(),
    rolloutId: text('rollout_id').notNull().references(() => rollouts.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    /** `plan:<index>` (the plan's notifications) or `webhook:<id>` (installation-wide). */
    target: text('target').notNull(),
    url: text('url').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** The activity execution that wrote it: its retries start the deliveries it wrote. */
    sourceKey: text('source_key').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('notifications_event_target_idx').on(t.eventId, t.target),
    index('notifications_rollout_idx').on(t.rolloutId, t.seq),
    index('notifications_source_idx').on(t.sourceKey),
  ],
);
