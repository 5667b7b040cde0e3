/** How a rollout reads in a terminal: counts by state in words, a table of its waves. */
import Table from 'cli-table3';

export type Counts = Record<string, number>;

export interface RolloutSummary {
  id: string;
  name?: string;
  status: string;
  percentComplete: number;
  createdAt?: string;
  totals: Counts & { sites: number };
  waves: { name: string; status: string; approval: string; sites: number; counts: Counts }[];
}

/** Sites that need nothing more: succeeded, skipped or rolled back. */
export const settled = (c: Counts) => (c.succeeded ?? 0) + (c.skipped ?? 0) + (c.rolled_back ?? 0);

/** `succeeded 3, running 2, failed 1`: the states that have sites, in the order a site goes through them. */
export function countsInWords(c: Counts): string {
  const states = ['pending', 'awaiting_site', 'running', 'awaiting_readiness', 'awaiting_window', 'succeeded', 'failed', 'rolling_back', 'rolled_back', 'skipped'];
  const known = new Set([...states, 'sites']);
  const order = [...states, ...Object.keys(c).filter((k) => !known.has(k))];
  return order.filter((s) => (c[s] ?? 0) > 0).map((s) => `${s} ${c[s]}`).join(', ') || 'no sites';
}

export function wavesTable(r: RolloutSummary): string {
  const table = new Table({ head: ['wave', 'status', 'approval', 'done', 'sites by state'] });
  for (const w of r.waves) table.push([w.name, w.status, w.approval, `${settled(w.counts)}/${w.sites}`, countsInWords(w.counts)]);
  return table.toString();
}

export function rolloutLines(r: RolloutSummary): string[] {
  return [
    `${r.id}${r.name ? `  ${r.name}` : ''}`,
    `status: ${r.status} · ${r.percentComplete.toFixed(1)}% complete · ${settled(r.totals)}/${r.totals.sites} sites done${r.createdAt ? ` · created ${r.createdAt}` : ''}`,
    `sites: ${countsInWords(r.totals)}`,
    wavesTable(r),
  ];
}
