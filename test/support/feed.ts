/** The events feed as a reader following `nextCursor` sees it, and the checks that prove nothing was lost or doubled. */

export interface FeedEvent {
  cursor: string;
  type: string;
  site: string | null;
  wave: string | null;
  data: Record<string, unknown>;
}

export type Get = (path: string) => Promise<{ status: number; body: any }>;

/** Every event of the rollout, page by page from cursor 0. */
export async function readFeed(get: Get, rolloutId: string): Promise<FeedEvent[]> {
  const events: FeedEvent[] = [];
  let after = '0';
  for (;;) {
    const page = await get(`/v1/rollouts/${rolloutId}/events?after=${after}&limit=1000`);
    if (page.status !== 200) throw new Error(`events feed answered ${page.status}: ${JSON.stringify(page.body)}`);
    events.push(...page.body.items);
    if (page.body.items.length === 0) return events;
    after = page.body.nextCursor;
  }
}

/** Cursors that break the run 1, 2, …, N: a gap means a lost event, a repeat a duplicated one. */
export function cursorBreaks(events: FeedEvent[]): string[] {
  return events.flatMap((e, i) => (Number(e.cursor) === i + 1 ? [] : [`event #${i + 1} has cursor ${e.cursor}`]));
}

/**
 * Each site's `site.state` events as `state/step` (`succeeded` without a step), in feed order, plus any event
 * whose `from` is not the state the previous one left the site in (a lost or reordered transition).
 */
export function siteHistories(events: FeedEvent[]): { chains: Map<string, string[]>; broken: string[] } {
  const chains = new Map<string, string[]>();
  const last = new Map<string, string>();
  const broken: string[] = [];
  for (const e of events) {
    if (e.type !== 'site.state' || !e.site) continue;
    const { from, state, step } = e.data as { from: string; state: string; step: string | null };
    const expectedFrom = last.get(e.site) ?? 'pending';
    if (from !== expectedFrom) broken.push(`${e.site} at cursor ${e.cursor}: from ${from}, but it was ${expectedFrom}`);
    last.set(e.site, state);
    chains.set(e.site, [...(chains.get(e.site) ?? []), step ? `${state}/${step}` : state]);
  }
  return { chains, broken };
}

/** The transitions of a site that runs every step once and succeeds (no readiness wait, no window). */
export const HAPPY_PATH = ['running/config_push', 'running/data_load', 'running/cutover', 'succeeded'];

/** Sites whose chain differs from `expected(code)`, each with what it was. */
export function unexpectedChains(chains: Map<string, string[]>, codes: string[], expected: (code: string) => string[]): string[] {
  return codes.flatMap((code) => {
    const chain = chains.get(code) ?? [];
    const want = expected(code);
    return chain.length === want.length && chain.every((s, i) => s === want[i]) ? [] : [`${code}: ${chain.join(' → ') || '(no events)'}`];
  });
}
