import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importSites, listSites, upsertSite } from '../../../db/sites';
import type { Db } from '../../../db/client';
import { site, siteBody, siteCode, type Site } from '../../../domain/plan';
import { parseSitesCsv } from '../../../domain/sites-csv';
import { MANAGERS } from '../auth';
import { cursors } from '../cursor';
import { invalid, zodDetails, type ErrorDetail } from '../errors';
import { errorResponses, limitQuery, pageOf } from '../schemas';

const siteOut = site.extend({ endpoint: z.string().nullable(), createdAt: z.date(), updatedAt: z.date() });

export const siteRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.put(
    '/v1/sites/:code',
    {
      config: { roles: MANAGERS },
      schema: {
        operationId: 'upsertSite',
        tags: ['sites'],
        summary: 'Create or replace a site',
        params: z.object({ code: siteCode }),
        body: siteBody,
        response: {
          200: siteOut.describe('The site, replaced'),
          201: siteOut.describe('The site, created'),
          ...errorResponses(400, 401, 403, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { created, site } = await upsertSite(db, { ...request.body, code: request.params.code });
      return reply.status(created ? 201 : 200).send(site);
    },
  );

  await app.register(importRoute, { db });

  app.get(
    '/v1/sites',
    {
      schema: {
        operationId: 'listSites',
        tags: ['sites'],
        summary: 'List sites by code, optionally by region or tag',
        querystring: z.object({ region: z.string().optional(), tag: z.string().optional(), limit: limitQuery, cursor: cursors.sites.param.optional() }),
        response: { 200: pageOf(siteOut).describe('A page of sites, by code'), ...errorResponses(400, 401, 429, 503) },
      },
    },
    async (request) => {
      const { region, tag, limit, cursor } = request.query;
      const page = await listSites(db, { region, tag, limit, after: cursor });
      return { items: page.items, nextCursor: cursors.sites.encode(page.nextAfter) };
    },
  );
};

/** The import in a scope of its own, so that CSV is accepted there alone: a site sent as CSV to PUT is a 415. */
const importRoute: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.post(
    '/v1/sites/import',
    {
      config: { roles: MANAGERS },
      schema: {
        operationId: 'importSites',
        tags: ['sites'],
        summary: 'Import sites, all or nothing, from a JSON array or CSV (code,name,region,timezone,tags,endpoint; tags split by |)',
        consumes: ['application/json', 'text/csv'],
        // Rows are checked one by one in the handler, so that the 400 names every bad row: here only an array or text.
        body: z.union([z.array(z.unknown()).max(100_000), z.string()]).describe('A JSON array of sites (as PUT /v1/sites/{code} takes them), or CSV text'),
        response: {
          200: z.object({ created: z.number().int(), updated: z.number().int() }).describe('How many sites were created and how many updated'),
          ...errorResponses(400, 401, 403, 413, 415, 429, 503),
        },
      },
    },
    async (request) => {
      const rows = typeof request.body === 'string' ? fromCsv(request.body) : fromJson(request.body);
      return importSites(db, rows);
    },
  );
};

function fromJson(items: unknown[]): Site[] {
  const details: ErrorDetail[] = [];
  const sites: Site[] = [];
  const indexOf: number[] = [];
  items.forEach((item, i) => {
    const parsed = site.safeParse(item);
    if (parsed.success) {
      sites.push(parsed.data);
      indexOf.push(i);
    } else details.push(...zodDetails(parsed.error, [i]).map((d) => ({ ...d, row: i })));
  });
  return checked(sites, details, (i) => ({ path: `[${indexOf[i]}].code`, row: indexOf[i] }));
}

function fromCsv(text: string): Site[] {
  const { rows, errors } = parseSitesCsv(text);
  const details: ErrorDetail[] = errors.map((e) => ({ path: `row ${e.row}${e.field ? `.${e.field}` : ''}`, row: e.row, field: e.field, message: e.message }));
  const sites: Site[] = [];
  const rowOf: number[] = [];
  for (const { row, values } of rows) {
    const parsed = site.safeParse(values);
    if (parsed.success) {
      sites.push(parsed.data);
      rowOf.push(row);
    } else {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        details.push({ path: `row ${row}.${field}`, row, field, message: issue.message });
      }
    }
  }
  return checked(sites, details, (i) => ({ path: `row ${rowOf[i]}.code`, row: rowOf[i], field: 'code' }));
}

/** Rejects the whole import when any row is bad or a code repeats inside the file. */
function checked(sites: Site[], details: ErrorDetail[], where: (i: number) => Omit<ErrorDetail, 'message'>): Site[] {
  const first = new Map<string, number>();
  sites.forEach((s, i) => {
    if (first.has(s.code)) details.push({ ...where(i), message: `duplicate code "${s.code}" in the file` });
    else first.set(s.code, i);
  });
  if (details.length > 0) throw invalid(details, `${details.length} problem${details.length > 1 ? 's' : ''} in the import; nothing was written`);
  if (sites.length === 0) throw invalid([{ path: '', message: 'the import holds no site' }]);
  return sites;
}
