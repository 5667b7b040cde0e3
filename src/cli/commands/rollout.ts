/** `rollwave rollout create FILE`, `rollwave rollout list`, `rollwave rollout show ID`. */
import Table from 'cli-table3';
import { allPages, type Context } from '../context';
import { readPlanFile } from '../plan-file';
import { countsInWords, rolloutLines, settled } from '../rollout-view';

export async function createRollout(ctx: Context, [file]: string[], opts: { idempotencyKey?: string }) {
  const plan = await readPlanFile(file!);
  const created = await ctx.call(
    // The plan was checked against the API's own schema: the file's values go as they are.
    ctx.api.POST('/v1/rollouts', { body: plan as never, params: { header: { 'idempotency-key': opts.idempotencyKey } } }),
  );
  ctx.out(created, () => created.id);
}

type Status = 'running' | 'awaiting_approval' | 'paused' | 'halted' | 'completed' | 'aborted';

export async function listRollouts(ctx: Context, _args: string[], opts: { status?: Status }) {
  const items = await allPages((cursor) => ctx.call(ctx.api.GET('/v1/rollouts', { params: { query: { status: opts.status, limit: 1000, cursor } } })));
  ctx.out({ items }, () => {
    const table = new Table({ head: ['id', 'name', 'status', 'done', 'sites by state', 'created'] });
    for (const r of items) table.push([r.id, r.name, r.status, `${settled(r.totals)}/${r.totals.sites}`, countsInWords(r.totals), r.createdAt]);
    return [table.toString(), `${items.length} rollout${items.length === 1 ? '' : 's'}`];
  });
}

export async function showRollout(ctx: Context, [id]: string[]) {
  const r = await ctx.call(ctx.api.GET('/v1/rollouts/{id}', { params: { path: { id: id! } } }));
  ctx.out(r, () => rolloutLines(r));
}
