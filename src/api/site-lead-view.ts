/** What the site lead's page shows of its link's site: everything in words a store manager reads on a phone. */
import { z } from 'zod';
import type { findReadinessLinkByDigest } from '../../db/readiness-links';
import type { RolloutPlan } from '../../domain/plan';
import { siteStateInWords } from '../../domain/site-state-words';
import { beforeTraining, type SiteState, type Step } from '../../domain/states';
import { windowInWords } from '../../domain/window-words';
import { ApiError } from './errors';

export type LinkRow = NonNullable<Awaited<ReturnType<typeof findReadinessLinkByDigest>>>;
type Readiness = { trainedStaff: number; totalStaff: number; note?: string };

export const siteLeadViewBody = z.object({
  link: z.object({ id: z.string(), name: z.string(), expiresAt: z.string() }),
  site: z.object({ code: z.string(), name: z.string(), timezone: z.string(), state: z.string(), step: z.string().nullable(), inWords: z.string() }),
  rollout: z.object({ id: z.string(), name: z.string(), release: z.string(), status: z.string() }),
  minTrainedPercent: z.number(),
  window: z.object({ opensAt: z.string().optional(), closesAt: z.string().optional(), local: z.string() }).describe('The cutover window in the site’s own time'),
  confirmation: z
    .object({ by: z.string(), at: z.string(), trainedStaff: z.number(), totalStaff: z.number(), note: z.string().optional() })
    .nullable()
    .describe('The readiness confirmed so far, and who confirmed it'),
  canConfirm: z.boolean(),
  next: z.string().describe('What happens next, in words'),
});
export type SiteLeadView = z.infer<typeof siteLeadViewBody>;

const day = (at: Date, timeZone: string) => at.toLocaleString('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });

/** Refuses a link that no longer works, saying so in words the page shows as they are. */
export function requireLive(link: LinkRow, now: Date): void {
  const ask = 'Ask your rollout manager for a new link.';
  if (link.revokedAt) throw new ApiError(410, 'link_revoked', `This link was withdrawn on ${day(link.revokedAt, link.timezone)}. ${ask}`);
  if (link.expiresAt <= now) throw new ApiError(410, 'link_expired', `This link expired on ${day(link.expiresAt, link.timezone)}. ${ask}`);
}

export function siteLeadView(link: LinkRow, confirmedBy: { at: Date; actor: unknown } | undefined, now: Date): SiteLeadView {
  const plan = link.plan as RolloutPlan;
  const state = link.state as SiteState;
  const step = link.step as Step | null;
  const window = windowInWords(now, plan.cutover?.window, link.timezone);
  const readiness = link.readiness as Readiness | null;
  const ended = link.status === 'completed' || link.status === 'aborted';
  const canConfirm = plan.training.requireReadiness && !ended && beforeTraining(state, step);
  const confirmation = readiness && {
    by: (confirmedBy?.actor as { name?: string } | null)?.name ?? 'someone',
    at: (confirmedBy?.at ?? now).toISOString(),
    trainedStaff: readiness.trainedStaff,
    totalStaff: readiness.totalStaff,
    note: readiness.note,
  };
  return {
    link: { id: link.id, name: link.name, expiresAt: link.expiresAt.toISOString() },
    site: { code: link.code, name: link.siteName, timezone: link.timezone, state, step, inWords: siteStateInWords(state, step) },
    rollout: { id: link.rolloutId, name: link.rolloutName, release: plan.release.version, status: link.status },
    minTrainedPercent: plan.training.minTrainedPercent,
    window,
    confirmation,
    canConfirm,
    next: nextInWords({ ended, canConfirm, confirmed: readiness !== null, window: window.local }),
  };
}

function nextInWords(s: { ended: boolean; canConfirm: boolean; confirmed: boolean; window: string }): string {
  if (s.ended) return 'This rollout has ended: nothing more is needed from you.';
  if (s.canConfirm && s.confirmed) return `Thank you: nothing more is needed from you. Once training is done here, the site moves on to its switch-over (${s.window}).`;
  if (s.canConfirm) return `Once enough staff are trained, confirm it below. The site then moves on to its switch-over (${s.window}).`;
  return `This site is past training: nothing more to confirm. Its switch-over window: ${s.window}.`;
}
