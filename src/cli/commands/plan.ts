/** `rollwave plan check FILE`: the plan checked locally, then previewed by the server (nothing starts). */
import Table from 'cli-table3';
import type { Context } from '../context';
import { readPlanFile } from '../plan-file';

/** Of POST /v1/rollouts/preview's `projection` (API.md, Additions), what the CLI shows; read loosely. */
interface Projection {
  startsAt?: string;
  completion?: string;
  durations?: Record<string, { seconds: number; source: string; sampleSize?: number }>;
  waves?: { name: string; start: string; end: string; notes?: string[] }[];
  notes?: string[];
}

const FIRST_CODES = 5;

export async function checkPlan(ctx: Context, [file]: string[]) {
  const plan = await readPlanFile(file!);
  const preview = await ctx.call(ctx.api.POST('/v1/rollouts/preview', { body: plan as never }));
  ctx.out(preview, () => {
    const projection = (preview as { projection?: Projection }).projection;
    const projected = new Map((projection?.waves ?? []).map((w) => [w.name, w]));
    const table = new Table({ head: ['wave', 'sites', 'first codes', ...(projection ? ['projected start', 'projected end'] : [])] });
    for (const w of preview.waves) {
      const codes = w.sites.slice(0, FIRST_CODES).join(', ') + (w.sites.length > FIRST_CODES ? ', …' : '');
      const p = projected.get(w.name);
      table.push([w.name, w.sites.length, codes, ...(projection ? [p?.start ?? '', p?.end ?? ''] : [])]);
    }
    const lines = [`${file}: valid; ${preview.sites} site${preview.sites === 1 ? '' : 's'} in ${preview.waves.length} wave${preview.waves.length === 1 ? '' : 's'}`, table.toString()];
    if (projection?.completion) {
      lines.push(`projected completion if started now: ${projection.completion}`);
      for (const [step, d] of Object.entries(projection.durations ?? {}))
        lines.push(`  ${step}: ${d.seconds}s per site (${d.source}${d.sampleSize ? `, median of ${d.sampleSize} runs` : ''})`);
      for (const note of [...(projection.notes ?? []), ...(projection.waves ?? []).flatMap((w) => (w.notes ?? []).map((n) => `${w.name}: ${n}`))])
        lines.push(`  note: ${note}`);
    }
    return lines;
  });
}
