/**
 * A site's cutover window in words for its site lead, in the site's own time: "tonight 01:00–05:00, Shanghai
 * time". Pure: callers pass `now`.
 */
import { DateTime } from 'luxon';
import { windowStatus, type CutoverWindow } from './cutover-window';

export interface WindowInWords {
  /** While the window is closed: when it next opens. */
  opensAt?: string;
  /** When the current (or next) occurrence closes. */
  closesAt?: string;
  local: string;
}

/** "Asia/Shanghai" → "Shanghai time", "America/New_York" → "New York time", "UTC" → "UTC". */
export function zoneInWords(timeZone: string): string {
  return timeZone.includes('/') ? `${timeZone.split('/').at(-1)!.replaceAll('_', ' ')} time` : timeZone;
}

/** Which day a window opens on, as a person there says it: the small hours ahead belong to tonight. */
function dayInWords(now: DateTime, opens: DateTime): string {
  const days = opens.startOf('day').diff(now.startOf('day'), 'days').days;
  const smallHours = opens.hour < 6;
  if ((days === 0 && (opens.hour >= 18 || smallHours)) || (days === 1 && smallHours && now.hour >= 12)) return 'tonight';
  if (days === 0) return 'today';
  if (days === 1) return opens.hour >= 18 ? 'tomorrow night' : 'tomorrow';
  return opens.toFormat('ccc d LLL');
}

export function windowInWords(now: Date, window: CutoverWindow | undefined, timeZone: string): WindowInWords {
  const zone = zoneInWords(timeZone);
  if (!window) return { local: `any time (${zone})` };
  const status = windowStatus(now, window, timeZone);
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const span = `${window.start}–${window.end}`;
  if (status.open) {
    const closes = DateTime.fromJSDate(status.closesAt, { zone: timeZone });
    return { closesAt: status.closesAt.toISOString(), local: `open now until ${closes.toFormat('HH:mm')}, ${zone}` };
  }
  const opens = DateTime.fromJSDate(status.opensAt, { zone: timeZone });
  const next = windowStatus(status.opensAt, window, timeZone);
  return {
    opensAt: status.opensAt.toISOString(),
    closesAt: next.open ? next.closesAt.toISOString() : undefined,
    local: `${dayInWords(local, opens)} ${span}, ${zone}`,
  };
}
