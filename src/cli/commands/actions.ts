/** The rollout, wave and site actions, and a site lead's readiness confirmation: one request each. */
import type { Context } from '../context';

interface ActionResult {
  id: string;
  status: string;
  wave?: { name: string; status: string };
  site?: { code: string; state: string };
}

function report(ctx: Context, result: ActionResult) {
  ctx.out(result, () =>
    [`rollout ${result.id}: ${result.status}`, result.wave && `wave ${result.wave.name}: ${result.wave.status}`, result.site && `site ${result.site.code}: ${result.site.state}`]
      .filter(Boolean)
      .join('\n'),
  );
}

export const rolloutAction = (action: 'pause' | 'resume' | 'abort') =>
  async function (ctx: Context, [id]: string[]) {
    const params = { path: { id: id! } };
    const request =
      action === 'pause'
        ? ctx.api.POST('/v1/rollouts/{id}/pause', { params })
        : action === 'resume'
          ? ctx.api.POST('/v1/rollouts/{id}/resume', { params })
          : ctx.api.POST('/v1/rollouts/{id}/abort', { params });
    report(ctx, await ctx.call<ActionResult>(request));
  };

export async function launchWave(ctx: Context, [id, wave]: string[]) {
  report(ctx, await ctx.call<ActionResult>(ctx.api.POST('/v1/rollouts/{id}/waves/{wave}/launch', { params: { path: { id: id!, wave: wave! } } })));
}

export async function rollbackWave(ctx: Context, [id, wave]: string[]) {
  report(ctx, await ctx.call<ActionResult>(ctx.api.POST('/v1/rollouts/{id}/waves/{wave}/rollback', { params: { path: { id: id!, wave: wave! } } })));
}

export const siteAction = (action: 'retry' | 'rollback' | 'skip') =>
  async function (ctx: Context, [id, code]: string[]) {
    const params = { path: { id: id!, code: code! } };
    const request =
      action === 'retry'
        ? ctx.api.POST('/v1/rollouts/{id}/sites/{code}/retry', { params })
        : action === 'rollback'
          ? ctx.api.POST('/v1/rollouts/{id}/sites/{code}/rollback', { params })
          : ctx.api.POST('/v1/rollouts/{id}/sites/{code}/skip', { params });
    report(ctx, await ctx.call<ActionResult>(request));
  };

export async function confirmReadiness(ctx: Context, [id, code]: string[], opts: { trained: number; total: number; note?: string }) {
  const result = await ctx.call(
    ctx.api.POST('/v1/rollouts/{id}/sites/{code}/readiness', {
      params: { path: { id: id!, code: code! } },
      body: { confirmed: true, trainedStaff: opts.trained, totalStaff: opts.total, note: opts.note },
    }),
  );
  ctx.out(result, () => `readiness of ${code} in ${id} confirmed: ${opts.trained}/${opts.total} trained`);
}
