import { z } from 'zod';
import { cutoverWindowSchema, isValidTimeZone } from './cutover-window';
import { DURATION_PATTERN, MAX_DURATION_SECONDS, parseDuration } from './duration';
import { NOTIFICATION_EVENTS } from './notifications';

/** One problem with a plan, at its place in the plan (`waves[0].select.codes[1]`). */
export type PlanProblem = { path: string; message: string };

/** A site code as API.md defines it, and a wave name alike: safe inside workflow ids and URLs. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const name = z.string().regex(NAME, `must match ${NAME.source}`);

export const siteCode = name;

export const httpUrl = z
  .string()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value.replaceAll('{code}', 'code'));
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

/**
 * Checking a zone name builds an Intl.DateTimeFormat (about 0.2 ms), which would cost a 10,000-site import seconds.
 * Valid names are few, so they are remembered; the bound only stops case variants ("asia/SHANGHAI") growing it forever.
 */
const knownZones = new Set<string>();
function isKnownTimeZone(tz: string): boolean {
  if (knownZones.has(tz)) return true;
  const valid = isValidTimeZone(tz);
  if (valid && knownZones.size < 10_000) knownZones.add(tz);
  return valid;
}

const label = z.string().trim().min(1).max(200);
const seconds = (max: number) => z.number().int().min(0).max(max);
const DAY = 86_400;

export const siteBody = z.strictObject({
  name: label,
  region: z.string().trim().min(1).max(100),
  timezone: z.string().refine(isKnownTimeZone, 'must be an IANA time zone such as Asia/Shanghai'),
  tags: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  endpoint: httpUrl.optional(),
  attributes: z.record(z.string(), z.unknown()).default({}),
});

export const site = siteBody.extend({ code: siteCode });
export type Site = z.infer<typeof site>;

/** A site matches when it matches every criterion given; within one list any entry matches. */
export const waveSelect = z
  .strictObject({
    all: z.literal(true).optional(),
    regions: z.array(z.string().min(1)).min(1).max(1000).optional(),
    tags: z.array(z.string().min(1)).min(1).max(1000).optional(),
    codes: z.array(siteCode).min(1).max(20_000).optional(),
  })
  .refine((s) => s.all || s.regions || s.tags || s.codes, 'must name at least one of all, regions, tags, codes');
export type WaveSelect = z.infer<typeof waveSelect>;

export const failureThreshold = z
  .strictObject({
    maxFailed: z.number().int().min(0).max(1_000_000).optional(),
    maxFailedPercent: z.number().min(0).max(100).optional(),
    minCompleted: z.number().int().min(0).max(1_000_000).optional(),
  })
  .refine((t) => t.maxFailed !== undefined || t.maxFailedPercent !== undefined, 'must give maxFailed or maxFailedPercent');
export type FailureThreshold = z.infer<typeof failureThreshold>;

export const wave = z.strictObject({
  name,
  select: waveSelect,
  /** Sites of the wave running at once. @default 10 */
  maxParallel: z.number().int().min(1).max(1000).default(10),
  failureThreshold: failureThreshold.optional(),
  /** `manual` waits in `awaiting_approval` until launched. @default "auto" */
  approval: z.enum(['auto', 'manual']).default('auto'),
  /** Hold after the wave completes before the next one starts. @default 0 */
  bakeSeconds: seconds(30 * DAY).default(0),
});
export type Wave = z.infer<typeof wave>;

export const release = z.strictObject({
  version: z.string().trim().min(1).max(100),
  config: z.record(z.string(), z.unknown()).default({}),
  /** Omitted → the release carries no master data and the data load step passes at once. */
  dataset: z
    .strictObject({
      uri: z.string().min(1).max(2000),
      records: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      checksum: z.string().min(1).max(200).optional(),
    })
    .optional(),
});

export const training = z.strictObject({
  /** Training waits for the site lead's readiness confirmation. @default false */
  requireReadiness: z.boolean().default(false),
  /** @default 90 */
  minTrainedPercent: z.number().min(0).max(100).default(90),
  /** @default 604800 (7 days) */
  timeoutSeconds: seconds(365 * DAY).min(1).default(7 * DAY),
  /**
   * A confirmation older than this when the site reaches its cutover no longer counts: the site waits for a new
   * one. Omitted → a confirmation counts for good.
   */
  readinessValidForHours: z.number().positive().max(365 * 24).optional(),
});

export const cutover = z.strictObject({
  /** Local time in each site's own time zone; may cross midnight. Omitted → any time. */
  window: cutoverWindowSchema.optional(),
  /** @default false */
  autoRollbackOnFailedCheck: z.boolean().default(false),
});

/** A webhook: the events it wants, POSTed as JSON signed with its secret. */
export const webhook = z.strictObject({
  // fetch refuses a URL with credentials; the secret signs each delivery instead.
  url: httpUrl.refine((value) => !/^[a-z]+:\/\/[^/?#]*@/i.test(value), 'must not hold a user name or password: receivers check X-Rollwave-Signature'),
  events: z
    .array(z.enum(NOTIFICATION_EVENTS))
    .min(1)
    .max(NOTIFICATION_EVENTS.length)
    .refine((events) => new Set(events).size === events.length, 'names an event twice'),
  /** Signs every delivery (HMAC-SHA256); never shown again by any answer. */
  secret: z.string().min(16, 'must be at least 16 characters').max(200),
});
export type Webhook = z.infer<typeof webhook>;

/** When the `rollout.daily_summary` notification goes out: a local hour in a time zone. */
export const dailySummary = z.strictObject({
  /** @default 8 */
  hour: z.number().int().min(0).max(23).default(8),
  /** @default "UTC" */
  timezone: z.string().refine(isKnownTimeZone, 'must be an IANA time zone such as Asia/Shanghai').default('UTC'),
});

const DURATION_MESSAGE = 'must be a duration such as "90s", "40m" or "1h30m": whole numbers, units d, h, m, s in that order';
const duration = z
  .string()
  .min(1, { message: DURATION_MESSAGE, abort: true })
  .regex(new RegExp(DURATION_PATTERN), { message: DURATION_MESSAGE, abort: true })
  .refine((text) => parseDuration(text) !== undefined, `must be at most ${MAX_DURATION_SECONDS / 86_400}d`);

/**
 * How long each step takes a site, for the projected completion only (POST /v1/rollouts/preview): nothing waits on
 * them. A step left out takes the median of this installation's finished rollouts, else a stated default.
 */
export const estimates = z
  .strictObject({
    config_push: duration.optional(),
    data_load: duration.optional(),
    training: duration.optional().describe('Includes the wait for the site lead\'s readiness confirmation'),
    cutover: duration.optional().describe('Includes the post-cutover health check'),
  })
  .describe('How long each step takes a site ("90s", "40m", "1h30m"), for the projected completion only');
export type Estimates = z.infer<typeof estimates>;

const DEFAULT_DAILY_SUMMARY = { hour: 8, timezone: 'UTC' };

/** When a rollout's daily summary goes out; plans stored before it could be chosen have the default. */
export const dailySummaryOf = (plan: RolloutPlan): z.infer<typeof dailySummary> => plan.dailySummary ?? DEFAULT_DAILY_SUMMARY;

export const rolloutPlan = z
  .strictObject({
    name: label,
    release,
    waves: z.array(wave).min(1).max(100),
    training: training.default({ requireReadiness: false, minTrainedPercent: 90, timeoutSeconds: 7 * DAY }),
    cutover: cutover.default({ autoRollbackOnFailedCheck: false }),
    /** Omitted → the built-in simulated gateway (instant success). */
    gateway: z.strictObject({ endpointTemplate: httpUrl.refine((t) => t.includes('{code}'), 'must contain {code}') }).optional(),
    notifications: z.array(webhook).max(20).default([]),
    dailySummary: dailySummary.default(DEFAULT_DAILY_SUMMARY),
    estimates: estimates.optional(),
    /** The plan's JSON Schema (GET /v1/schemas/plan.json), for editors; ignored. */
    $schema: z.string().max(2000).optional().describe('The JSON Schema of plans (`/v1/schemas/plan.json`), for editors; ignored'),
  })
  .superRefine((plan, ctx) => {
    const seen = new Set<string>();
    plan.waves.forEach((w, i) => {
      if (seen.has(w.name)) ctx.addIssue({ code: 'custom', path: ['waves', i, 'name'], message: `repeats wave name "${w.name}"` });
      seen.add(w.name);
    });
  });
export type RolloutPlan = z.infer<typeof rolloutPlan>;
export type RolloutPlanInput = z.input<typeof rolloutPlan>;

/** The plan as answers show it: a webhook's secret is kept, never shown again. */
export function planForAnswers(plan: RolloutPlan): Omit<RolloutPlan, 'notifications'> & { notifications: Omit<Webhook, 'secret'>[] } {
  return { ...plan, notifications: (plan.notifications ?? []).map(({ secret: _secret, ...shown }) => shown) };
}
