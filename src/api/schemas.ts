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
