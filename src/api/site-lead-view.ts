/**
 * What a site lead sees of a site of a rollout: everything in words a store manager reads on a phone. The page
 * behind a readiness link shows one (with its link), the dashboard's "My sites" one per site of a site-lead key.
 */
import { z } from 'zod';
import type { findReadinessLinkByDigest } from '../../db/readiness-links';
import type { RolloutPlan } from '../../domain/plan';
import { siteStateInWords } from '../../domain/site-state-words';
import { beforeTraining, type SiteState, type Step } from '../../domain/states';
import { windowInWords } from '../../domain/window-words';
import { ApiError } from './errors';

export type LinkRow = NonNullable<Awaited<ReturnType<typeof findReadinessLinkByDigest>>>;
/** What the view needs of a site's row in a rollout, wherever the row was found. */
export type SiteRow = Pick<LinkRow, 'rolloutId' | 'code' | 'siteName' | 'timezone' | 'state' | 'step' | 'error' | 'readiness' | 'rolloutName' | 'plan' | 'status'>;
/** The latest `action.readiness` event of the site: when, and whose `actor`. */
export type ConfirmedBy = { at: Date; actor: unknown };
type Readiness = { trainedStaff: number; totalStaff: number; note?: string };

export const siteViewBody = z.object({
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
export type SiteView = z.infer<typeof siteViewBody>;

export const siteLeadViewBody = siteViewBody.extend({
  link: z.object({ id: z.string(), name: z.string(), expiresAt: z.string() }),
});
export type SiteLeadView = z.infer<typeof siteLeadViewBody>;

const day = (at: Date, timeZone: string) => at.toLocaleString('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });

/** Refuses a link that no longer works, saying so in words the page shows as they are. */
export function requireLive(link: LinkRow, now: Date): void {
  const ask = 'Ask your rollout manager for a new link.';
  if (link.revokedAt) throw new ApiError(410, 'link_revoked', `This link was withdrawn on ${day(link.revokedAt, link.timezone)}. ${ask}`);
  if (link.expiresAt <= now) throw new ApiError(410, 'link_expired', `This link expired on ${day(link.expiresAt, link.timezone)}. ${ask}`);
}

/** The page of a readiness link: its site's view and the link itself. */
export function siteLeadView(link: LinkRow, confirmedBy: ConfirmedBy | undefined, now: Date): SiteLeadView {
  return { link: { id: link.id, name: link.name, expiresAt: link.expiresAt.toISOString() }, ...siteView(link, confirmedBy, now) };
}

/** A site of a rollout as its site lead sees it, however they came (by link or with a site-lead key). */
export function siteView(row: SiteRow, confirmedBy: ConfirmedBy | undefined, now: Date): SiteView {
  const plan = row.plan as RolloutPlan;
  const state = row.state as SiteState;
  const step = row.step as Step | null;
  const window = windowInWords(now, plan.cutover?.window, row.timezone);
  const readiness = row.readiness as Readiness | null;
  const ended = row.status === 'completed' || row.status === 'aborted';
  const asked = plan.training.requireReadiness;
  const canConfirm = asked && !ended && beforeTraining(state, step);
  const confirmation = readiness && {
    by: (confirmedBy?.actor as { name?: string } | null)?.name ?? 'someone',
    at: (confirmedBy?.at ?? now).toISOString(),
    trainedStaff: readiness.trainedStaff,
    totalStaff: readiness.totalStaff,
    note: readiness.note,
  };
  return {
    site: { code: row.code, name: row.siteName, timezone: row.timezone, state, step, inWords: siteStateInWords(state, step, row.error) },
    rollout: { id: row.rolloutId, name: row.rolloutName, release: plan.release.version, status: row.status },
    minTrainedPercent: plan.training.minTrainedPercent,
    window,
    confirmation,
    canConfirm,
    next: nextInWords({ ended, asked, canConfirm, confirmed: readiness !== null, window: window.local }),
  };
}

function nextInWords(s: { ended: boolean; asked: boolean; canConfirm: boolean; confirmed: boolean; window: string }): string {
  if (s.ended) return 'This rollout has ended: nothing more is needed from you.';
  if (!s.asked) return `This rollout does not wait for a training confirmation: nothing is needed from you. Switch-over window: ${s.window}.`;
  if (s.canConfirm && s.confirmed) return `Thank you: nothing more is needed from you. Once training is done here, the site moves on to its switch-over (${s.window}).`;
  if (s.canConfirm) return `Once enough staff are trained, confirm it below. The site then moves on to its switch-over (${s.window}).`;
  return `This site is past training: nothing more to confirm. Its switch-over window: ${s.window}.`;
}
