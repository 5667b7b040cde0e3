/** `rollwave sites import FILE` and `rollwave sites list`. */
import { extname } from 'node:path';
import Table from 'cli-table3';
import { allPages, type Context } from '../context';
import { CliExit, EXIT } from '../exit';
import { readText } from '../plan-file';

export async function importSites(ctx: Context, [file]: string[]) {
  const text = await readText(file!);
  const csv = extname(file!).toLowerCase() === '.csv';
  let body: unknown[] | string = text;
  if (!csv) {
    try {
      body = JSON.parse(text) as unknown[];
    } catch (err) {
      throw new CliExit(EXIT.usage, `${file} is neither CSV (by its .csv name) nor JSON: ${(err as Error).message}`, [], 'unreadable_file');
    }
  }
  const result = await ctx.call(
    ctx.api.POST('/v1/sites/import', {
      body,
      headers: { 'content-type': csv ? 'text/csv' : 'application/json' },
      bodySerializer: (b) => (typeof b === 'string' ? b : JSON.stringify(b)),
    }),
  );
  ctx.out(result, () => `${result.created} created, ${result.updated} updated`);
}

export async function listSites(ctx: Context, _args: string[], opts: { region?: string; tag?: string }) {
  const items = await allPages((cursor) =>
    ctx.call(ctx.api.GET('/v1/sites', { params: { query: { region: opts.region, tag: opts.tag, limit: 1000, cursor } } })),
  );
  ctx.out({ items }, () => {
    const table = new Table({ head: ['code', 'name', 'region', 'timezone', 'tags', 'endpoint'] });
    for (const s of items) table.push([s.code, s.name, s.region, s.timezone, s.tags.join('|'), s.endpoint ?? '']);
    return [table.toString(), `${items.length} site${items.length === 1 ? '' : 's'}`];
  });
}
