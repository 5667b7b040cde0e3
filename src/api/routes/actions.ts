/** Operator actions: each is a Temporal Update, so a rejected one changes nothing and an accepted one is durable. */
import { setTimeout } from 'node:timers/promises';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { findActionAnswer, keepActionAnswer } from '../../../db/action-answers';
import type { Db } from '../../../db/client';
import { findSiteRun, getRollout } from '../../../db/rollouts';
import {
  abortUpdate,
  launchWaveUpdate,
  pauseUpdate,
  resumeUpdate,
  rolloutWorkflowId,
  siteActionUpdate,
  waveRollbackUpdate,
  type ActionResult,
  type Actor,
  type SiteAction,
} from '../../../workflows/contract';
import { SITE_ACTION_FROM } from '../../../domain/states';
import { IdempotencyKeyReused } from '../../rollouts/errors';
import { requestHash } from '../../rollouts/start-rollout';
import { MANAGERS, principalOf } from '../auth';
import { ApiError, conflict, fromTemporal, notFound } from '../errors';
import { checkReadiness, keepAndTellSite } from '../readiness-confirmation';
import type { Role } from '../principal';
import { actionResultBody, errorResponses, idempotencyHeaders, readinessBody, rolloutParams, siteParams, waveParams } from '../schemas';

/** An action the orchestration service cannot take within this time answers 503 rather than hang. */
const TEMPORAL_CALL_MS = 15_000;
/** How long an action waits for the rollout workflow to learn what a site's row already shows. */
const CATCH_UP_MS = 3_000;

export const actionRoutes: FastifyPluginAsyncZod<{ db: Db; temporal: Client }> = async (app, { db, temporal }) => {
  async function rollout(id: string) {
    const r = await getRollout(db, id);
    if (!r) throw notFound(`rollout ${id}`);
    return r;
  }
  async function siteOf(id: string, code: string) {
    const site = await findSiteRun(db, id, code);
    if (!site) throw notFound(`site ${code} in rollout ${id}`);
    return { code, ordinal: site.ordinal };
  }
  function waveOf(r: { waves: { name: string }[] }, wave: string) {
    if (!r.waves.some((w) => w.name === wave)) throw notFound(`wave "${wave}" in rollout`);
  }
  const actor = (request: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(request);
    return { id: p.id, name: p.name };
  };

  async function update<Arg>(id: string, def: UpdateDefinition<ActionResult, [Arg]>, arg: Arg, updateId?: string) {
    try {
      const handle = temporal.workflow.getHandle(rolloutWorkflowId(id));
      const result = await temporal.withDeadline(Date.now() + TEMPORAL_CALL_MS, () => handle.executeUpdate(def, { args: [arg], updateId }));
      return { id, ...result };
    } catch (err) {
      // The rollout's workflow ends once the rollout has: say how it ended.
      if (err instanceof WorkflowNotFoundError) throw conflict(`rollout is ${(await getRollout(db, id))?.status ?? 'gone'}`);
      return fromTemporal(err, `rollout ${id}`);
    }
  }

  /**
   * Runs an action once per Idempotency-Key: a repeat of the same request gets the first answer (even after the
   * state it changed has moved on), the same key with another request is refused. Without a key it just runs.
   */
  async function once(
    request: { headers: { 'idempotency-key'?: string }; body?: unknown },
    id: string,
    what: string,
    run: (updateId?: string) => Promise<ActionResult & { id: string }>,
  ) {
    const key = request.headers['idempotency-key'];
    if (!key) return run();
    const asked = `${what} ${requestHash(request.body ?? null)}`;
    const kept = await findActionAnswer(db, id, key);
    if (kept && kept.request !== asked) {
      throw new IdempotencyKeyReused('this Idempotency-Key was already used with a different request on this rollout');
    }
    if (kept) return kept.answer as ActionResult & { id: string };
    // Concurrent repeats share one Update (Temporal deduplicates its id) and so one answer.
    const answer = await run(`${what}:${key}`);
    await keepActionAnswer(db, id, key, { request: asked, answer });
    return answer;
  }

  const schema = <P extends z.ZodType>(operationId: string, summary: string, description: string, params: P, status: 200 | 202) => ({
    operationId,
    tags: ['actions'],
    summary,
    description: `${description} A repeat with the same \`Idempotency-Key\` gets the first answer; without one, a repeat meets the new state (409).`,
    params,
    headers: idempotencyHeaders,
    response: { [status]: actionResultBody, ...errorResponses(400, 401, 403, 404, 409, 422, 429, 503) },
  });

  const rolloutActions: { name: string; def: UpdateDefinition<ActionResult, [{ actor: Actor }]>; summary: string; allowed: string }[] = [
    { name: 'pause', def: pauseUpdate, summary: 'Pause the rollout: no new site starts', allowed: 'Allowed while the rollout is running, awaiting approval or halted.' },
    { name: 'resume', def: resumeUpdate, summary: 'Resume a paused or halted rollout', allowed: 'Allowed while the rollout is paused or halted.' },
    { name: 'abort', def: abortUpdate, summary: 'Abort the rollout: nothing new starts, running sites stop after their step', allowed: 'Allowed until the rollout is completed or aborted.' },
  ];
  for (const { name, def, summary, allowed } of rolloutActions) {
    app.post(`/v1/rollouts/:id/${name}`, { config: { roles: MANAGERS }, schema: schema(`${name}Rollout`, summary, allowed, rolloutParams, 200) }, async (request) => {
      const { id } = request.params;
      await rollout(id);
      return once(request, id, name, (updateId) => update(id, def, { actor: actor(request) }, updateId));
    });
  }

  app.post(
    '/v1/rollouts/:id/waves/:wave/launch',
    {
      config: { roles: MANAGERS },
      schema: schema('launchWave', 'Start a wave that awaits approval', 'Allowed only while the wave is `awaiting_approval`.', waveParams, 200),
    },
    async (request) => {
      const { id, wave } = request.params;
      waveOf(await rollout(id), wave);
      return once(request, id, `launch waves/${wave}`, (updateId) => update(id, launchWaveUpdate, { wave, actor: actor(request) }, updateId));
    },
  );

  app.post(
    '/v1/rollouts/:id/waves/:wave/rollback',
    {
      config: { roles: MANAGERS },
      schema: schema(
        'rollbackWave',
        'Roll back every succeeded or failed site of a wave, maxParallel at a time',
        'Allowed once the wave has started, has a succeeded or failed site, and is not being rolled back already.',
        waveParams,
        202,
      ),
    },
    async (request, reply) => {
      const { id, wave } = request.params;
      waveOf(await rollout(id), wave);
      const answer = await once(request, id, `rollback waves/${wave}`, (updateId) => update(id, waveRollbackUpdate, { wave, actor: actor(request) }, updateId));
      return reply.status(202).send(answer);
    },
  );

  const siteActions: { action: SiteAction; summary: string; status: 200 | 202; from: readonly string[] }[] = [
    { action: 'retry', summary: 'Re-run a failed site from its failed step, with a new Idempotency-Key', status: 202, from: SITE_ACTION_FROM.retry },
    { action: 'rollback', summary: "Undo a failed or succeeded site's completed steps in reverse order", status: 202, from: SITE_ACTION_FROM.rollback },
    { action: 'skip', summary: 'Give up on a failed or pending site', status: 200, from: SITE_ACTION_FROM.skip },
  ];
  for (const { action, summary, status, from } of siteActions) {
    const allowed = `Allowed while the site is ${from.map((s) => `\`${s}\``).join(' or ')}${action === 'retry' ? ', and the rollout is not aborted' : ''}.`;
    app.post(`/v1/rollouts/:id/sites/:code/${action}`, { config: { roles: MANAGERS }, schema: schema(`${action}Site`, summary, allowed, siteParams, status) }, async (request, reply) => {
      const { id, code } = request.params;
      await rollout(id);
      const site = await siteOf(id, code);
      const input = { action, site, actor: actor(request) };
      const answer = await once(request, id, `${action} sites/${code}`, (updateId) =>
        catchingUp(id, code, from, () => update(id, siteActionUpdate, input, updateId)),
      );
      return reply.status(status).send(answer);
    });
  }

  /**
   * A site's row is written just before the site reports to its rollout workflow, so for a moment the row may
   * allow an action the workflow does not yet: while the row allows it, the action is tried again briefly.
   */
  async function catchingUp<T>(id: string, code: string, allowedFrom: readonly string[], act: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + CATCH_UP_MS;
    for (;;) {
      try {
        return await act();
      } catch (err) {
        if (!(err instanceof ApiError) || err.statusCode !== 409 || Date.now() > deadline) throw err;
        const row = await findSiteRun(db, id, code);
        if (!row || !allowedFrom.includes(row.state)) throw err;
        await setTimeout(100);
      }
    }
  }

  app.post(
    '/v1/rollouts/:id/sites/:code/readiness',
    {
      config: { roles: ['admin', 'manager', 'site-lead'] satisfies Role[] },
      schema: {
        ...schema(
          'confirmReadiness',
          "Confirm a site's staff are trained, so its training step can finish",
          'Allowed until the site has passed training (before it reaches training the confirmation is kept); below `minTrainedPercent` → 400.',
          siteParams,
          200,
        ),
        body: readinessBody,
        // The one action with a body: it may also be too large, or not JSON.
        response: { 200: actionResultBody, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429, 503) },
      },
    },
    async (request) => {
      const { id, code } = request.params;
      const principal = principalOf(request);
      if (principal.role === 'site-lead' && !principal.sites.includes(code)) {
        throw new ApiError(403, 'forbidden', `this site-lead key may confirm readiness only for ${principal.sites.join(', ') || 'no site'}`);
      }
      const r = await rollout(id);
      checkReadiness(r, request.body);
      const key = request.headers['idempotency-key'];
      const by = { via: 'key', ...actor(request) };
      return once(request, id, `readiness sites/${code}`, () =>
        keepAndTellSite(db, temporal, { rolloutId: id, code, readiness: request.body, actor: by, dedupeKey: key && `readiness:${code}:${key}`, status: r.status }),
      );
    },
  );
};
