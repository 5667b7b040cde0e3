/** `rollwave report ID [--date YYYY-MM-DD] [--csv]`: the day's issue summary. */
import Table from 'cli-table3';
import type { Context } from '../context';
import { CliExit, EXIT } from '../exit';

export async function showReport(ctx: Context, [id]: string[], opts: { date?: string; csv?: boolean }) {
  const params = { path: { id: id! }, query: { date: opts.date, format: opts.csv ? ('csv' as const) : ('json' as const) } };
  if (opts.csv && ctx.json) throw new CliExit(EXIT.usage, '--csv and --json cannot be used together', [], 'usage');
  if (opts.csv) {
    const text = await ctx.call(ctx.api.GET('/v1/rollouts/{id}/report', { params, parseAs: 'text' }));
    process.stdout.write(String(text));
    return;
  }
  const answer = await ctx.call(ctx.api.GET('/v1/rollouts/{id}/report', { params }));
  const r = answer as Exclude<typeof answer, string>;
  ctx.out(r, () => {
    const lines = [
      `rollout ${r.rolloutId} on ${r.date} (${r.from} – ${r.to})`,
      `started ${r.started} · succeeded ${r.succeeded} · failed ${r.failed} · rolled back ${r.rolledBack} · skipped ${r.skipped}`,
    ];
    if (r.failures.length === 0) return [...lines, 'no failures'];
    const table = new Table({ head: ['step', 'error', 'failures', 'sites', 'e.g.'] });
    for (const f of r.failures) table.push([f.step ?? '', f.error, f.count, f.sites, f.exampleSites.join(', ')]);
    return [...lines, table.toString()];
  });
}
