/**
 * What a key says of itself: `GET /v1/me` (who it is, its role and sites; the dashboard asks it to know what to
 * show) and `GET /v1/my/sites` (a site-lead key's sites in every rollout still under way, as its site lead's page
 * shows them). Any valid key may ask; only site-lead keys have sites of their own.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { listMySites, type MySitesKey } from '../../../db/my-sites';
import { principalOf } from '../auth';
import { cursors } from '../cursor';
import { ROLES } from '../principal';
import { errorResponses, limitQuery, pageOf } from '../schemas';
import { siteView, siteViewBody } from '../site-lead-view';

const meBody = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  sites: z.array(z.string()).describe('For a site-lead key: the sites whose readiness it may confirm; empty for other roles'),
});

/** A position in the listing, as its cursors carry it: `<rollout id>/<site code>` (a site code has no slash). */
const positionOf = (key: string): MySitesKey => ({ rolloutId: key.slice(0, key.lastIndexOf('/')), code: key.slice(key.lastIndexOf('/') + 1) });
const keyOf = (position: MySitesKey) => `${position.rolloutId}/${position.code}`;

export const meRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/v1/me',
    {
      schema: {
        operationId: 'getOwnKey',
        tags: ['keys'],
        summary: 'The key this request is made with: its id, name, role and sites',
        response: { 200: meBody, ...errorResponses(401, 429, 503) },
      },
    },
    async (request) => {
      const { id, name, role, sites } = principalOf(request);
      return { id, name, role, sites: [...sites] };
    },
  );

  app.get(
    '/v1/my/sites',
    {
      schema: {
        operationId: 'listOwnSites',
        tags: ['site leads'],
        summary: "A site-lead key's sites in every rollout not completed or aborted, as the site lead's page shows them",
        description:
          'Newest rollout first, then by site code. Keys of other roles have no sites of their own: their list is empty ' +
          '(a manager confirms any site with `POST /v1/rollouts/{id}/sites/{code}/readiness`).',
        querystring: z.object({ limit: limitQuery, cursor: cursors.mySites.param.optional() }),
        response: { 200: pageOf(siteViewBody), ...errorResponses(400, 401, 429, 503) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { limit, cursor } = request.query;
      const codes = principal.role === 'site-lead' ? principal.sites : [];
      const page = await listMySites(db, codes, { after: cursor === undefined ? undefined : positionOf(cursor), limit });
      const now = new Date();
      return {
        items: page.items.map((row) => siteView(row, row.confirmedBy, now)),
        nextCursor: cursors.mySites.encode(page.nextAfter && keyOf(page.nextAfter)),
      };
    },
  );
};
