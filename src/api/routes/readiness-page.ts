/**
 * The site lead's page behind a readiness link (`/r#<token>`) and the two calls it makes. They need no API key:
 * the token, sent as `X-Readiness-Token` (redacted from logs, never in a URL), shows one site of one rollout and
 * confirms its readiness, and nothing else.
 */
import type { Client } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { findLastConfirmation, findReadinessLinkByDigest } from '../../../db/readiness-links';
import { digest } from '../auth';
import { notFound } from '../errors';
import { checkReadiness, keepAndTellSite } from '../readiness-confirmation';
import { errorResponses, readinessBody } from '../schemas';
import { requireLive, siteLeadView, siteLeadViewBody, type LinkRow } from '../site-lead-view';
import { serveStaticFiles } from '../static-files';

const tokenHeaders = z.object({ 'x-readiness-token': z.string().min(1).max(200).describe('The token of the readiness link: what follows `#` in its URL') }).loose();

const operation = { tags: ['site leads'], security: [], headers: tokenHeaders };

export const readinessPageRoutes: FastifyPluginAsyncZod<{ db: Db; temporal: Client }> = async (app, { db, temporal }) => {
  await serveStaticFiles(app, new URL('../readiness-page/', import.meta.url), [
    ['/r', 'index.html'],
    ['/r/page.js', 'page.js'],
    // The site and its form, shared with the dashboard's "My sites": both pages import it by the path it has in
    // the source tree (`../readiness-page/site-card.js`), which the import checker resolves as the browser does.
    ['/readiness-page/site-card.js', 'site-card.js'],
    ['/r/page.css', 'page.css'],
  ]);

  async function liveLink(token: string): Promise<LinkRow> {
    const link = await findReadinessLinkByDigest(db, digest(token));
    if (!link) throw notFound('this readiness link');
    requireLive(link, new Date());
    return link;
  }
  async function view(token: string) {
    const link = await liveLink(token);
    const confirmedBy = link.readiness ? await findLastConfirmation(db, link.rolloutId, link.code) : undefined;
    return siteLeadView(link, confirmedBy, new Date());
  }

  app.get(
    '/v1/readiness',
    {
      config: { public: true },
      schema: {
        ...operation,
        operationId: 'getReadinessLinkSite',
        summary: "The site of a readiness link: its state, cutover window in local time, the threshold and what happens next",
        response: { 200: siteLeadViewBody, ...errorResponses(400, 404, 410, 429, 503) },
      },
    },
    async (request) => view(request.headers['x-readiness-token']),
  );

  app.post(
    '/v1/readiness',
    {
      config: { public: true },
      schema: {
        ...operation,
        operationId: 'confirmReadinessByLink',
        summary: "Confirm the readiness of a readiness link's site; below `minTrainedPercent` → 400, past training → 409",
        body: readinessBody,
        response: { 200: siteLeadViewBody, ...errorResponses(400, 404, 409, 410, 413, 415, 429, 503) },
      },
    },
    async (request) => {
      const token = request.headers['x-readiness-token'];
      const link = await liveLink(token);
      checkReadiness(link, request.body);
      const actor = { via: 'link', id: link.id, name: link.name };
      await keepAndTellSite(db, temporal, { rolloutId: link.rolloutId, code: link.code, readiness: request.body, actor, status: link.status });
      return view(token);
    },
  );
};
