/** Request and response schemas of the HTTP API: validation and the OpenAPI document come from here. */
import { z } from 'zod';
import { siteCode } from '../../domain/plan';
import { DURATION_SOURCES } from '../../domain/projection';
import { FORWARD_STEPS, SITE_STATES, STEPS, type ForwardStep } from '../../domain/states';

/** The groups of the OpenAPI document, by the `tags` each route names. */
export const TAGS = {
  sites: 'The places a rollout reaches: register, import and list them',
  rollouts: 'Start, preview, list and read rollouts',
  actions: "Operators' decisions: pause, resume, abort, launch and roll back waves, retry, roll back or skip sites, confirm readiness",
  progress: 'For dashboards: counts, per-site rows, the audit trail, its live stream and daily reports',
  keys: 'API keys and their roles: create and revoke them (admin only); any key reads what it is itself',
  'site leads':
    "For site leads: the page behind a readiness link (no API key, the link's token in `X-Readiness-Token`), and a site-lead key's own sites",
  notifications: "Webhooks: the installation's own (admin only); a rollout's deliveries are under progress",
  operations: 'Liveness and readiness probes, for whoever runs Rollwave; no key needed',
} as const;

/** A route that needs no key: in the operations group, with no security requirement. */
export const publicOperation = { tags: ['operations'], security: [] };

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string().optional(), message: z.string() }).loose()),
    requestId: z.string().optional(),
  }),
});

const ERROR_MEANINGS = {
  400: '`invalid_request`: one `details` entry per problem, each naming its field',
  401: '`unauthorized`: no API key, or one that is unknown or revoked',
  403: "`forbidden`: the key's role may not do this",
  404: '`not_found`: the rollout, wave, site, key or readiness link named does not exist',
  409: '`conflict`: not allowed in the current state, which the message names',
  410: '`link_expired` or `link_revoked`: the readiness link no longer works; the message says so in plain words',
  413: '`payload_too_large`: the body is larger than 10 MiB',
  415: '`unsupported_media_type`: the body is not JSON (nor CSV, where the route takes CSV)',
  422: '`idempotency_key_reused`: the Idempotency-Key was used with another request',
  429: '`rate_limited`: too many requests; retry after `Retry-After` seconds',
  503: '`database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds',
} as const;

/** The error answers a route documents, by status, all in the one error shape. */
export const errorResponses = (...statuses: (keyof typeof ERROR_MEANINGS)[]) =>
  Object.fromEntries(statuses.map((status) => [status, errorBody.describe(ERROR_MEANINGS[status])]));

/** What a read of one rollout may answer instead of its data. */
export const rolloutReadErrors = errorResponses(400, 401, 404, 429, 503);

export const limitQuery = z.coerce.number().int().min(1).max(1000).default(100);

export const rolloutParams = z.object({ id: z.string().min(1).max(100) });
export const waveParams = rolloutParams.extend({ wave: z.string().min(1).max(64) });
export const siteParams = rolloutParams.extend({ code: siteCode });

export const stateCounts = z.object(Object.fromEntries(SITE_STATES.map((s) => [s, z.number().int()])) as Record<(typeof SITE_STATES)[number], z.ZodNumber>);

export const progressBody = z.object({
  id: z.string(),
  status: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  totals: stateCounts.extend({ sites: z.number().int() }),
  percentComplete: z.number(),
  waves: z.array(z.object({ name: z.string(), status: z.string(), approval: z.string(), sites: z.number().int(), counts: stateCounts })),
});

export const rolloutBody = progressBody.extend({
  name: z.string(),
  plan: z.unknown(),
  createdAt: z.string(),
});

export const actionResultBody = z.object({
  id: z.string(),
  status: z.string(),
  wave: z.object({ name: z.string(), status: z.string() }).optional(),
  site: z.object({ code: z.string(), state: z.string() }).optional(),
});

export const readinessBody = z.strictObject({
  confirmed: z.literal(true, { error: 'must be true: send the confirmation once the site is ready' }),
  trainedStaff: z.number().int().min(0).max(1_000_000),
  totalStaff: z.number().int().min(1).max(1_000_000),
  note: z.string().max(2000).optional(),
}).refine((r) => r.trainedStaff <= r.totalStaff, { path: ['trainedStaff'], message: 'must not exceed totalStaff' });

/** A page of a listing; `nextCursor` goes back as `cursor` for the next page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('The `cursor` of the next page; null on the last') });

/** Names in the document the values a text column holds; the rows carry them as plain strings, so the schema does not narrow them. */
const oneOf = (values: readonly string[]) => `One of ${values.map((v) => `\`${v}\``).join(', ')}`;

/** A site of a rollout, as GET /v1/rollouts/{id}/sites answers it. */
export const siteRunBody = z.object({
  code: z.string(),
  wave: z.string(),
  state: z.string().describe(oneOf(SITE_STATES)),
  step: z.string().nullable().describe(oneOf(STEPS)),
  attempts: z.number().int(),
  error: z.string().nullable(),
  updatedAt: z.string(),
  timings: z.record(z.string(), z.object({ startedAt: z.string(), finishedAt: z.string().optional() })).describe('By step: when it started and finished'),
  windowOpensAt: z.string().nullable().describe('While `awaiting_window`: when the cutover window opens'),
  // Kept as the site reported them (numbers, by the site protocol): a schema stricter than the row would turn
  // the whole listing into a 500 for one site that sends a string.
  dataLoad: z.object({ loaded: z.unknown(), total: z.unknown() }).nullable().describe('While the data load runs: records loaded and expected'),
  readiness: z.unknown().describe('The readiness confirmation kept for the site (`confirmed`, `trainedStaff`, `totalStaff`, `note`), or null'),
});

/** An audit-trail event, as GET /v1/rollouts/{id}/events answers it and the stream sends it. */
export const eventBody = z.object({
  cursor: z.string().describe("The event's cursor: read on with `after` set to it"),
  at: z.string(),
  type: z.string(),
  site: z.string().nullable(),
  wave: z.string().nullable(),
  actor: z
    .unknown()
    .describe(
      'The API key that acted (`id`, `name`), or null for what the orchestration did on its own; a readiness confirmation also says `via`: `key`, or `link` with the readiness link\'s `id` and the `name` it was made for',
    ),
  data: z.unknown().describe("An object: the event's particulars, by type"),
});

export const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }).loose();

const stepDurationBody = z.object({
  seconds: z.number().int().describe('How long the step takes one site'),
  source: z
    .enum(DURATION_SOURCES)
    .describe("`plan`: the plan's `estimates`; `history`: the median over succeeded sites of this installation's latest completed rollouts; `default`: Rollwave's default"),
  sampleSize: z.number().int().optional().describe('With `history`: the site runs the median is taken over'),
});

/** When a plan would finish if it started now (POST /v1/rollouts/preview); see domain/projection.ts. */
export const projectionBody = z
  .object({
    startsAt: z.string().describe('Now: the projection starts the rollout at the moment of the request'),
    completion: z.string().describe('When the last wave would end'),
    durations: z
      .object(Object.fromEntries(FORWARD_STEPS.map((s) => [s, stepDurationBody])) as Record<ForwardStep, typeof stepDurationBody>)
      .describe('The duration of each step of a site, and where it came from'),
    waves: z.array(
      z.object({
        name: z.string(),
        sites: z.number().int(),
        start: z.string().describe('When its first sites would start: the previous wave\'s end plus its bake; manual launches counted as instant'),
        end: z.string().describe('When its last cutover would end'),
        nights: z
          .number()
          .int()
          .optional()
          .describe("With a cutover window: the distinct local dates (each site's own) on which the windows its cutovers use open"),
        notes: z.array(z.string()).describe('What the figures assume for this wave, in words'),
      }),
    ),
    notes: z.array(z.string()).describe('What the projection assumes, in words: manual approvals counted as instant, training, windows, defaults'),
  })
  .describe(
    'When the rollout would finish if it started now: each wave a sliding window of `maxParallel` sites, each site taking its steps in turn ' +
      "and cutting over inside its cutover window in its own time zone, the next wave starting after the previous one's bake",
  );

export const previewBody = z
  .object({
    sites: z.number().int(),
    waves: z.array(z.object({ name: z.string(), sites: z.array(z.string()) })),
    projection: projectionBody,
  })
  .describe('The site codes of each wave, and the projected completion');
