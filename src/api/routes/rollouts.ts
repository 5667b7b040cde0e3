import type { Client } from '@temporalio/client';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { getRollout, listEvents, listRollouts, listSiteRuns, versionOf, type EventRow, type RolloutProgress } from '../../../db/rollouts';
import { planForAnswers, rolloutPlan } from '../../../domain/plan';
import { ROLLOUT_STATUSES, SITE_STATES } from '../../../domain/states';
import { previewRollout, startRollout } from '../../rollouts/start-rollout';
import { MANAGERS, principalOf } from '../auth';
import { cursors, eventCursor } from '../cursor';
import { invalid, notFound } from '../errors';
import type { ProgressCache } from '../progress-cache';
import {
  errorResponses,
  eventBody,
  idempotencyHeaders,
  limitQuery,
  pageOf,
  previewBody,
  progressBody,
  rolloutBody,
  rolloutParams,
  rolloutReadErrors,
  siteRunBody,
} from '../schemas';
import { singleFlight } from '../single-flight';

export interface RolloutRouteDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  progress: ProgressCache;
}

const progressOf = (r: RolloutProgress) => ({
  id: r.id,
  status: r.status,
  version: r.version,
  updatedAt: r.updatedAt.toISOString(),
  totals: r.totals,
  percentComplete: r.percentComplete,
  waves: r.waves,
});
/**
 * If-None-Match may list several tags, or `*`, and a proxy that compressed the body sends the tag back weak
 * (`W/"..."`); the body is the same either way.
 */
const etagOf = (id: string, version: number) => `"${id}-${version}"`;
const matchesEtag = (header: string | undefined, etag: string) =>
  header !== undefined && header.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')));
/** A 304 ends at its headers: sent without a payload, nothing is serialized for it. */
const notModified = (reply: FastifyReply, etag: string): void => {
  reply.header('etag', etag).status(304).send();
};
/** An event as the feed and the stream show it; its cursor is the event's seq. */
export const eventOf = (e: EventRow) => ({
  cursor: String(e.seq),
  at: e.at.toISOString(),
  type: e.type,
  site: e.site,
  wave: e.wave,
  actor: e.actor,
  data: e.data,
});
/** A progress answer serves many polls: it is checked against the schema and serialized once. */
const progressJson = new WeakMap<RolloutProgress, string>();
function progressJsonOf(r: RolloutProgress): string {
  let json = progressJson.get(r);
  if (json === undefined) {
    json = JSON.stringify(progressBody.parse(progressOf(r)));
    progressJson.set(r, json);
  }
  return json;
}
function answerProgress(reply: FastifyReply, rollout: RolloutProgress, ifNoneMatch: string | undefined): void {
  const etag = etagOf(rollout.id, rollout.version);
  if (matchesEtag(ifNoneMatch, etag)) return notModified(reply, etag);
  // A string with a JSON content type goes out as it is (the schema was checked when it was serialized).
  reply.header('etag', etag).type('application/json; charset=utf-8').send(progressJsonOf(rollout));
}
const rolloutOf = (r: RolloutProgress) => ({ ...progressOf(r), name: r.name, plan: planForAnswers(r.plan), createdAt: r.createdAt.toISOString() });

export const rolloutRoutes: FastifyPluginAsyncZod<RolloutRouteDeps> = async (app, deps) => {
  const { db, progress } = deps;

  /** The rollout as it is now (never from memory); the progress answers kept learn of its version. */
  async function load(id: string) {
    const rollout = await getRollout(db, id);
    if (!rollout) throw notFound(`rollout ${id}`);
    progress.observe(id, rollout.version);
    return rollout;
  }
  // Revalidations share the version reads in flight while progress is not kept in memory.
  const pollVersion = singleFlight((id: string) => versionOf(db, id));

  app.post(
    '/v1/rollouts',
    {
      config: { roles: MANAGERS },
      schema: {
        operationId: 'createRollout',
        tags: ['rollouts'],
        summary: 'Start a rollout; the same Idempotency-Key and body return the same rollout',
        headers: idempotencyHeaders,
        body: rolloutPlan,
        response: {
          200: rolloutBody.describe('The rollout this Idempotency-Key and body started before'),
          201: rolloutBody.describe('The rollout, started'),
          ...errorResponses(400, 401, 403, 413, 415, 422, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const actor = principalOf(request);
      const { id, created } = await startRollout(deps, request.body, {
        idempotencyKey: request.headers['idempotency-key'],
        rawBody: request.body,
        actor: { id: actor.id, name: actor.name },
      });
      return reply.status(created ? 201 : 200).send(rolloutOf(await load(id)));
    },
  );

  app.post(
    '/v1/rollouts/preview',
    {
      config: { roles: MANAGERS },
      schema: {
        operationId: 'previewRollout',
        tags: ['rollouts'],
        summary: 'Show which sites each wave would get and when the rollout would finish if it started now; starts nothing',
        body: rolloutPlan,
        response: {
          200: previewBody,
          ...errorResponses(400, 401, 403, 413, 415, 429, 503),
        },
      },
    },
    async (request) => {
      const { waves, projection } = await previewRollout(db, request.body, new Date());
      return {
        sites: waves.reduce((n, w) => n + w.length, 0),
        waves: waves.map((sites, i) => ({ name: request.body.waves[i]!.name, sites })),
        projection,
      };
    },
  );

  app.get(
    '/v1/rollouts',
    {
      schema: {
        operationId: 'listRollouts',
        tags: ['rollouts'],
        summary: 'List rollouts, newest first',
        querystring: z.object({ status: z.enum(ROLLOUT_STATUSES).optional(), limit: limitQuery, cursor: cursors.rollouts.param.optional() }),
        response: { 200: pageOf(rolloutBody).describe('A page of rollouts'), ...errorResponses(400, 401, 429, 503) },
      },
    },
    async (request) => {
      const { status, limit, cursor } = request.query;
      const page = await listRollouts(db, { status, limit, before: cursor });
      return { items: page.items.map(rolloutOf), nextCursor: cursors.rollouts.encode(page.nextBefore) };
    },
  );

  app.get(
    '/v1/rollouts/:id',
    {
      schema: {
        operationId: 'getRollout',
        tags: ['rollouts'],
        summary: 'A rollout with its plan, status and counts',
        params: rolloutParams,
        response: { 200: rolloutBody.describe('The rollout'), ...rolloutReadErrors },
      },
    },
    async (request) => rolloutOf(await load(request.params.id)),
  );

  app.get(
    '/v1/rollouts/:id/progress',
    {
      // Dashboards poll this many times a second: a log line per poll would drown the log, so only warnings and
      // errors are logged here (GET /metrics counts and times every poll).
      logLevel: 'warn',
      schema: {
        operationId: 'getProgress',
        tags: ['progress'],
        summary: 'Counts by state, per wave and in total; send If-None-Match to get 304 while nothing changed',
        params: rolloutParams,
        response: {
          200: progressBody.describe('The counts, with an `ETag` of this version'),
          304: z.undefined().describe('Not modified: the rollout is still at the version `If-None-Match` names'),
          ...rolloutReadErrors,
        },
      },
    },
    (request, reply) => {
      const { id } = request.params;
      reply.header('cache-control', 'no-cache');
      const ifNoneMatch = request.headers['if-none-match'];
      // Most polls find their answer kept in memory and end here, without a promise.
      const kept = progress.current(id);
      if (!kept) return readProgress(reply, id, ifNoneMatch);
      answerProgress(reply, kept, ifNoneMatch);
    },
  );

  async function readProgress(reply: FastifyReply, id: string, ifNoneMatch: string | undefined) {
    if (ifNoneMatch !== undefined && !progress.keeping) {
      // Most revalidations change nothing: they cost one primary-key read of the version, and a 304.
      const current = await pollVersion(id);
      if (!current) throw notFound(`rollout ${id}`);
      if (matchesEtag(ifNoneMatch, etagOf(id, current.version))) {
        return notModified(reply, etagOf(id, current.version));
      }
    }
    const rollout = await progress.get(id);
    if (!rollout) throw notFound(`rollout ${id}`);
    answerProgress(reply, rollout, ifNoneMatch);
  }

  app.get(
    '/v1/rollouts/:id/sites',
    {
      schema: {
        operationId: 'listRolloutSites',
        tags: ['progress'],
        summary: "Per-site rows: state, step, attempts, error, timings, next window, data-load progress",
        params: rolloutParams,
        querystring: z.object({
          state: z.enum(SITE_STATES).optional(),
          wave: z.string().optional(),
          limit: limitQuery,
          cursor: cursors.rolloutSites.param.optional(),
        }),
        response: { 200: pageOf(siteRunBody).describe("A page of the rollout's sites, in rollout order"), ...rolloutReadErrors },
      },
    },
    async (request) => {
      const rollout = await load(request.params.id);
      const { state, wave, limit, cursor } = request.query;
      let waveIdx: number | undefined;
      if (wave !== undefined) {
        waveIdx = rollout.waves.findIndex((w) => w.name === wave);
        if (waveIdx < 0) throw invalid([{ path: 'querystring.wave', message: `rollout has no wave "${wave}"` }]);
      }
      const page = await listSiteRuns(db, rollout.id, { state, waveIdx, after: cursor, limit });
      if (page.version !== undefined) progress.observe(rollout.id, page.version);
      return {
        items: page.items.map(({ ordinal: _ordinal, waveIdx: _waveIdx, rolloutVersion: _version, ...row }) => ({
          ...row,
          updatedAt: row.updatedAt.toISOString(),
          windowOpensAt: row.state === 'awaiting_window' && row.windowOpensAt ? row.windowOpensAt.toISOString() : null,
          dataLoad: row.state === 'running' && row.step === 'data_load' ? row.dataLoad : null,
        })),
        nextCursor: cursors.rolloutSites.encode(page.nextAfter),
      };
    },
  );

  app.get(
    '/v1/rollouts/:id/events',
    {
      schema: {
        operationId: 'listEvents',
        tags: ['progress'],
        summary: 'The audit trail: every state change and action, in order; follow nextCursor to miss nothing',
        params: rolloutParams,
        querystring: z.object({ after: eventCursor.optional(), limit: limitQuery }),
        response: {
          200: z
            .object({ items: z.array(eventBody), nextCursor: z.string().describe('The `after` of the next read: the last cursor, or `after` when nothing came') })
            .describe('The events after `after`, oldest first'),
          ...rolloutReadErrors,
        },
      },
    },
    async (request) => {
      const rollout = await load(request.params.id);
      const after = request.query.after ?? 0;
      const rows = await listEvents(db, rollout.id, after, request.query.limit);
      const last = rows.at(-1);
      if (last) progress.observe(rollout.id, last.seq);
      return {
        items: rows.map(eventOf),
        nextCursor: String(rows.at(-1)?.seq ?? after),
      };
    },
  );
};
