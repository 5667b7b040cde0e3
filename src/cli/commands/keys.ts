/** `rollwave keys create` and `rollwave keys revoke ID` (admin). */
import type { Context } from '../context';

type Role = 'admin' | 'manager' | 'site-lead' | 'viewer';

export async function createKey(ctx: Context, _args: string[], opts: { role: Role; sites?: string; name: string }) {
  const sites = opts.sites?.split(',').map((s) => s.trim()).filter(Boolean);
  const created = await ctx.call(ctx.api.POST('/v1/api-keys', { body: { role: opts.role, name: opts.name, ...(sites ? { sites } : {}) } }));
  ctx.out(created, () => [`key ${created.id} (${created.role}${created.sites?.length ? ` for ${created.sites.join(', ')}` : ''})`, `secret, shown only now: ${created.key}`]);
}

export async function revokeKey(ctx: Context, [id]: string[]) {
  await ctx.call(ctx.api.DELETE('/v1/api-keys/{id}', { params: { path: { id: id! } } }));
  ctx.out({ id, revoked: true }, () => `key ${id} revoked`);
}
