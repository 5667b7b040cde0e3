/**
 * Readiness links (manager): each lets a site lead without an API key see one site of one rollout and confirm its
 * readiness, until it expires or is revoked. The token is shown once, inside the URL, and stored only hashed.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { insertReadinessLinks, newReadinessLink, readinessLinkUrl, revokeReadinessLink, siteCodesOfWave } from '../../../db/readiness-links';
import { findSiteRun, getRollout } from '../../../db/rollouts';
import { MANAGERS, principalOf } from '../auth';
import { csvCell } from '../csv-cell';
import { notFound } from '../errors';
import { errorResponses, siteParams, waveParams } from '../schemas';

const DAY_MS = 86_400_000;

const linkRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional().describe("Whom the link is for (the site lead's name): the audit trail names them for a confirmation it sends"),
    days: z.number().int().min(1).max(365).optional().describe('Days the link works; default `ROLLWAVE_READINESS_LINK_DAYS` (14)'),
  })
  .nullish()
  .describe("Optional: without a body the link is for `site lead of <code>`, for ROLLWAVE_READINESS_LINK_DAYS days");

const linkBody = z.object({
  id: z.string().describe('Revoke with DELETE /v1/readiness-links/{id}'),
  site: z.string(),
  url: z.string().describe("The site lead's page; the token is in the fragment, which browsers never send to a server"),
  expiresAt: z.string(),
});
type Link = z.infer<typeof linkBody>;

export const readinessLinkRoutes: FastifyPluginAsyncZod<{ db: Db; publicUrl?: string; days: number }> = async (app, { db, publicUrl, days }) => {
  /**
   * Makes and stores a link per site. The token rides in the URL's fragment: it never reaches a server log, a
   * proxy's log or a Referer; the page sends it in a header, which the log redacts.
   */
  async function makeLinks(request: FastifyRequest, rolloutId: string, codes: string[], asked: z.infer<typeof linkRequest>): Promise<Link[]> {
    const base = publicUrl ?? `${request.protocol}://${request.host}`;
    const expiresAt = new Date(Date.now() + (asked?.days ?? days) * DAY_MS);
    const { id, name } = principalOf(request);
    const made = codes.map((code) => {
      const { row, token } = newReadinessLink({ rolloutId, siteCode: code, name: asked?.name ?? `site lead of ${code}`, createdBy: { id, name }, expiresAt });
      return { row, link: { id: row.id, site: code, url: readinessLinkUrl(base, token), expiresAt: expiresAt.toISOString() } };
    });
    await insertReadinessLinks(db, made.map((m) => m.row));
    return made.map((m) => m.link);
  }

  app.post(
    '/v1/rollouts/:id/sites/:code/readiness-link',
    {
      config: { roles: MANAGERS },
      schema: {
        operationId: 'createReadinessLink',
        tags: ['actions'],
        summary: "A link to the site lead's page of one site, where readiness is confirmed without an API key",
        params: siteParams,
        body: linkRequest,
        response: { 201: linkBody, ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503) },
      },
    },
    async (request, reply) => {
      const { id, code } = request.params;
      if (!(await findSiteRun(db, id, code))) throw notFound(`site ${code} in rollout ${id}`);
      const [link] = await makeLinks(request, id, [code], request.body);
      return reply.status(201).send(link!);
    },
  );

  app.post(
    '/v1/rollouts/:id/waves/:wave/readiness-links',
    {
      config: { roles: MANAGERS },
      schema: {
        operationId: 'createWaveReadinessLinks',
        tags: ['actions'],
        summary: 'A readiness link for every site of a wave; `format=csv` for a mail merge',
        params: waveParams,
        querystring: z.object({ format: z.enum(['json', 'csv']).default('json') }),
        body: linkRequest,
        response: {
          201: {
            description: 'The links, as JSON or (format=csv) as CSV with the columns id, site, url, expiresAt',
            content: { 'application/json': { schema: z.object({ items: z.array(linkBody) }) }, 'text/csv': { schema: z.string() } },
          },
          ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { id, wave } = request.params;
      if (!(await getRollout(db, id))) throw notFound(`rollout ${id}`);
      const codes = await siteCodesOfWave(db, id, wave);
      if (!codes) throw notFound(`wave "${wave}" in rollout`);
      const items = await makeLinks(request, id, codes, request.body);
      if (request.query.format === 'json') return reply.status(201).send({ items });
      const rows = [['id', 'site', 'url', 'expiresAt'], ...items.map((l) => [l.id, l.site, l.url, l.expiresAt])];
      return reply
        .status(201)
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="readiness-links-${wave.replace(/[^\w.-]/g, '_')}.csv"`)
        .send(rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n');
    },
  );

  app.delete(
    '/v1/readiness-links/:id',
    {
      config: { roles: MANAGERS },
      schema: {
        operationId: 'revokeReadinessLink',
        tags: ['actions'],
        summary: 'Revoke a readiness link at once',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 204: z.undefined().describe('Revoked: the page says so from now on'), ...errorResponses(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      if (!(await revokeReadinessLink(db, request.params.id))) throw notFound(`readiness link ${request.params.id}`);
      return reply.status(204).send();
    },
  );
};
