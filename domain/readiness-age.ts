/** How old a readiness confirmation may be at cutover, and the reason a site shows when its confirmation is too old. */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Whether a confirmation kept at `confirmedAt` (epoch ms) still counts at `now` for a plan valid `validForHours`. */
export function readinessStillValid(confirmedAt: number, now: number, validForHours: number): boolean {
  return now - confirmedAt <= validForHours * HOUR_MS;
}

/** A span in the largest unit that keeps it readable: "9 days", "30 h", "12 min", "40 s". */
function span(ms: number): string {
  if (ms >= 48 * HOUR_MS) return `${Math.floor(ms / (24 * HOUR_MS))} days`;
  if (ms >= HOUR_MS) return `${Math.floor(ms / HOUR_MS)} h`;
  if (ms >= MINUTE_MS) return `${Math.floor(ms / MINUTE_MS)} min`;
  return `${Math.floor(ms / 1000)} s`;
}

/** "confirmed 9 days ago; confirmations are valid 72 h" */
export function readinessExpiredReason(confirmedAt: number, now: number, validForHours: number): string {
  const valid = validForHours >= 1 && Number.isInteger(validForHours) ? `${validForHours} h` : span(validForHours * HOUR_MS);
  return `confirmed ${span(now - confirmedAt)} ago; confirmations are valid ${valid}`;
}
