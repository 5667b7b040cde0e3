/**
 * Durations as people write them in a plan: "90s", "5m", "40m", "1h30m", "2d". Units in the order d, h, m, s, each at
 * most once, whole numbers only; nothing else ("1.5h", "90", "5 m", "5M", "1m1h") is a duration.
 */

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const UNIT_SECONDS = [86_400, 3_600, 60, 1] as const;

/** The pattern a duration string matches, for schemas (JSON Schema's `pattern`). */
export const DURATION_PATTERN = DURATION.source;

/** The longest duration accepted: 30 days, longer than any step of any rollout. */
export const MAX_DURATION_SECONDS = 30 * 86_400;

/** Seconds in `text`, or undefined when it is not a duration of at most MAX_DURATION_SECONDS. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match || text === '') return undefined;
  let seconds = 0;
  for (let i = 0; i < UNIT_SECONDS.length; i++) {
    const digits = match[i + 1];
    // Ten digits already exceed 30 days in any unit: refused before Number() could lose precision.
    if (digits === undefined) continue;
    if (digits.length > 9) return undefined;
    seconds += Number(digits) * UNIT_SECONDS[i]!;
  }
  return seconds <= MAX_DURATION_SECONDS ? seconds : undefined;
}

/** "1h30m" for 5400: the shortest way `parseDuration` reads back, for notes people read. */
export function formatDuration(seconds: number): string {
  let rest = Math.round(seconds);
  if (rest === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.join('');
}
