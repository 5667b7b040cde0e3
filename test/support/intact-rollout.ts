/** The check a survival test ends with: whatever the rollout lived through, it did each thing once and lost nothing. */
import { expect } from 'vitest';
import type { Fleet } from '../../src/dev/site-fleet';
import { cursorBreaks, HAPPY_PATH, readFeed, siteHistories, unexpectedChains, type FeedEvent, type Get } from './feed';

/**
 * Each site's config push, data load and cutover took effect at the fleet exactly once, and the rollout's events
 * feed has no gap or repeat and chains each site's transitions as `expected(code)` says (by default the happy
 * path). Returns the feed, for checks of its own.
 */
export async function expectStepsOnceAndFeedIntact(
  fleet: Fleet,
  get: Get,
  rolloutId: string,
  codes: string[],
  expected: (code: string) => string[] = () => HAPPY_PATH,
): Promise<FeedEvent[]> {
  for (const code of codes) {
    for (const step of ['config_push', 'data_load', 'cutover'] as const) expect(fleet.applied(code, step), `${code} ${step}`).toBe(1);
  }
  const events = await readFeed(get, rolloutId);
  expect(cursorBreaks(events)).toEqual([]);
  const { chains, broken } = siteHistories(events);
  expect(broken).toEqual([]);
  expect(unexpectedChains(chains, codes, expected)).toEqual([]);
  return events;
}
