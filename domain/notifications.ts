/** What Rollwave tells webhooks about, and which recorded changes are worth telling. */

export const NOTIFICATION_EVENTS = [
  'site.awaiting_readiness',
  'site.readiness_expired',
  'site.failed',
  'wave.awaiting_approval',
  'rollout.halted',
  'rollout.completed',
  'rollout.daily_summary',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** The cause a site's transition back to `awaiting_readiness` carries when its confirmation grew too old. */
export const READINESS_EXPIRED = 'readiness expired';

/** The event a site's new state is worth, if any: an expired confirmation is told apart by its reason. */
export function siteNotification(state: string, expiredReadiness: boolean): NotificationEvent | undefined {
  if (state === 'awaiting_readiness') return expiredReadiness ? 'site.readiness_expired' : 'site.awaiting_readiness';
  if (state === 'failed') return 'site.failed';
  return undefined;
}

/** The event a rollout's or a wave's new status is worth, if any. */
export function statusNotification(of: 'rollout' | 'wave', status: string): NotificationEvent | undefined {
  if (of === 'wave') return status === 'awaiting_approval' ? 'wave.awaiting_approval' : undefined;
  if (status === 'halted') return 'rollout.halted';
  if (status === 'completed') return 'rollout.completed';
  return undefined;
}
