/**
 * Maintenance ("cutover") windows, expressed in a site's own IANA timezone.
 *
 * Everything here is pure: callers pass `now` in, nothing reads the clock.
 *
 * Semantics of a window `{ start, end }` (local wall-clock "HH:MM"):
 *  - `start < end`  → same-day window, e.g. 01:00–05:00.
 *  - `end < start`  → crosses midnight, e.g. 22:00–06:00 ends the next day.
 *  - `start == end` → the whole day: each occurrence runs from `start` to the
 *    same wall time the next day, so occurrences are back to back and the
 *    window is always open (`closesAt` is then the end of the current 24h
 *    occurrence, at which the next one opens immediately).
 *  - Occurrences are half-open `[start, end)`: open at `start`, closed at `end`.
 *
 * DST rules (applied to both start and end wall times):
 *  - a wall time that does not exist (spring-forward gap) resolves to the first
 *    instant after the gap, e.g. 02:30 on the US spring-forward day → 03:00 EDT;
 *  - a wall time that occurs twice (fall-back overlap) resolves to its first
 *    occurrence, e.g. 01:30 on the US fall-back day → 01:30 EDT.
 *  As a consequence a window lying entirely inside a gap (e.g. 02:00–02:30 on
 *  the US spring-forward day) is empty that day and is skipped.
 */
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

/** "HH:MM", 24h clock, 00:00–23:59. Two digits each so strings sort like times. */
export const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected "HH:MM" between 00:00 and 23:59');

/** A window's shape wherever one is given: the plan's `cutover.window`, the workflows' settings. */
export const cutoverWindowSchema = z.strictObject({ start: hhmm, end: hhmm });
export type CutoverWindow = z.infer<typeof cutoverWindowSchema>;

export type WindowStatus = { open: true; closesAt: Date } | { open: false; opensAt: Date };

/**
 * True for timezone names luxon (i.e. the runtime's Intl/ICU database) accepts
 * as IANA zones: "Asia/Shanghai", "UTC", "Etc/GMT+8", and legacy links such as
 * "EST5EDT". Intl matches names case-insensitively, so "asia/shanghai" passes
 * too. Rejected: "", surrounding whitespace, unknown names, and raw UTC offsets
 * ("+08:00", "-0500"). Offsets are rejected explicitly because newer runtimes'
 * Intl accepts them as zones, and a fixed offset has no DST rules, which is
 * never what a site's local maintenance window means.
 */
export function isValidTimeZone(tz: string): boolean {
  if (tz === '' || /^[+\-\u2212]/.test(tz)) return false;
  return IANAZone.isValidZone(tz);
}

/**
 * Is `window` open at `now` in `timeZone`, and when does it next close/open.
 * Throws RangeError for an invalid timezone or malformed "HH:MM" (validate
 * inputs with `isValidTimeZone` / `cutoverWindowSchema` at the boundary).
 */
export function windowStatus(now: Date, window: CutoverWindow, timeZone: string): WindowStatus {
  const { opens, closes } = windowOccurrence(now, window, timeZone);
  return opens <= now ? { open: true, closesAt: closes } : { open: false, opensAt: opens };
}

/**
 * The occurrence of `window` in `timeZone` that is open at `at`, or else the next one to open: when it opens and
 * closes (half-open, `[opens, closes)`). Throws like `windowStatus`.
 */
export function windowOccurrence(at: Date, window: CutoverWindow, timeZone: string): { opens: Date; closes: Date } {
  if (!checkedZones.has(timeZone)) {
    if (!isValidTimeZone(timeZone)) throw new RangeError(`invalid IANA timezone: ${timeZone}`);
    // Checking builds an Intl.DateTimeFormat (about 0.2 ms); a projection asks about the same few zones thousands of times.
    if (checkedZones.size < 1000) checkedZones.add(timeZone);
  }
  const zone = IANAZone.create(timeZone);
  const start = parseHhmm(window.start);
  const end = parseHhmm(window.end);
  // Same-day window only when strictly end > start; equal means whole day.
  const endDayShift = end > start ? 0 : 1;
  const atMs = at.getTime();
  const today = DateTime.fromMillis(atMs, { zone }).startOf('day');

  // Start from yesterday so a midnight-crossing window that began yesterday is
  // seen. Look several days ahead only because a window can vanish into a DST
  // gap on one day; in practice the answer is found by tomorrow.
  for (let dayOffset = -1; dayOffset <= 7; dayOffset++) {
    const day = today.plus({ days: dayOffset });
    const opens = resolveWallTime(zone, day, start);
    const closes = resolveWallTime(zone, day.plus({ days: endDayShift }), end);
    if (closes <= opens) continue; // swallowed by a DST gap that day
    if (atMs < closes) return { opens: new Date(opens), closes: new Date(closes) };
  }
  // Unreachable for any real zone: some day within a week has a non-empty window.
  throw new Error(`no occurrence of window ${window.start}-${window.end} found in ${timeZone}`);
}

const checkedZones = new Set<string>();

/** Minutes since midnight for a "HH:MM" string. */
function parseHhmm(value: string): number {
  if (!hhmm.safeParse(value).success) throw new RangeError(`invalid HH:MM time: ${value}`);
  const [h, m] = value.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/**
 * Epoch ms of wall time `minutes` on the local calendar `day` in `zone`,
 * with the gap/overlap rules from the module doc.
 *
 * Done by hand instead of `DateTime.fromObject` because luxon resolves
 * ambiguous times using the offset in effect at the *current* real time, so
 * its choice of occurrence would depend on when the code runs, and it pushes
 * gap times forward by the gap length (02:30 → 03:30) instead of to the gap end.
 */
function resolveWallTime(zone: IANAZone, day: DateTime, minutes: number): number {
  // The wall time as if it were UTC; the true instant is this minus the offset.
  const wallAsUtc = Date.UTC(day.year, day.month - 1, day.day) + minutes * MINUTE;
  // Offsets in effect a day either side bracket any transition near this wall
  // time (real offsets are within ±14h, and zones never change twice a day).
  const before = zone.offset(wallAsUtc - DAY);
  const after = zone.offset(wallAsUtc + DAY);

  // An offset is a valid reading of the wall time if the instant it yields
  // really has that offset. Two valid readings = overlap: take the earlier.
  const candidates = [...new Set([before, after])]
    .map((offset) => ({ offset, instant: wallAsUtc - offset * MINUTE }))
    .filter(({ offset, instant }) => zone.offset(instant) === offset)
    .map(({ instant }) => instant);
  if (candidates.length > 0) return Math.min(...candidates);

  // No valid reading: the wall time is in a gap. The transition lies between
  // the two readings; binary-search it to the second (tz transitions fall on
  // whole seconds). `lo` has the old offset, `hi` the new one.
  let lo = wallAsUtc - after * MINUTE;
  let hi = wallAsUtc - before * MINUTE;
  while (hi - lo > SECOND) {
    const mid = lo + Math.floor((hi - lo) / 2 / SECOND) * SECOND;
    if (zone.offset(mid) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
