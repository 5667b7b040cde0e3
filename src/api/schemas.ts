/** Request and response schemas of the HTTP API: validation and the OpenAPI document come from here. */
import { z } from 'zod';
import { siteCode } from '../domain/plan';
import { SITE_STATES } from '../domain/states';

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
  404: '`not_found`: the rollout, wave or site does not exist',
  409: '`conflict`: not allowed in the current state, which the message names',
  422: '`idempotency_key_reused`: the Idempotency-Key was used with another request',
  429: '`rate_limited`: too many requests; retry after `Retry-After` seconds',
  503: '`database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds',
} as const;

/** The error answers a route documents, by status, all in the one error shape. */
export const errorResponses = (...statuses: (keyof typeof ERROR_MEANINGS)[]) =>
  Object.fromEntries(statuses.map((status) => [status, errorBody.describe(ERROR_MEANINGS[status])]));

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

export const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }).loose();
