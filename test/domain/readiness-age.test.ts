import { expect, test } from 'vitest';
import { readinessExpiredReason, readinessStillValid } from '../../domain/readiness-age';

const HOUR = 3_600_000;

test('a confirmation counts up to its validity and not a millisecond longer', () => {
  expect(readinessStillValid(0, 72 * HOUR, 72)).toBe(true);
  expect(readinessStillValid(0, 72 * HOUR + 1, 72)).toBe(false);
  expect(readinessStillValid(0, 1000, 1 / 3600)).toBe(true);
  expect(readinessStillValid(0, 1001, 1 / 3600)).toBe(false);
});

test('the reason says how old the confirmation is and how long one counts, in readable units', () => {
  expect(readinessExpiredReason(0, 9 * 24 * HOUR + 5 * HOUR, 72)).toBe('confirmed 9 days ago; confirmations are valid 72 h');
  expect(readinessExpiredReason(0, 30 * HOUR, 24)).toBe('confirmed 30 h ago; confirmations are valid 24 h');
  expect(readinessExpiredReason(0, 12 * 60_000, 0.1)).toBe('confirmed 12 min ago; confirmations are valid 6 min');
  expect(readinessExpiredReason(0, 3_500, 1 / 3600)).toBe('confirmed 3 s ago; confirmations are valid 1 s');
});
