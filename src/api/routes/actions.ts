/** Operator actions: each is a Temporal Update, so a rejected one changes nothing and an accepted one is durable. */
import { setTimeout } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/client';
import { findSiteRun, getRollout } from '../../../db/rollouts';
import {
  abortUpdate,
  launchWaveUpdate,
  pauseUpdate,
  readinessUpdate,
  resumeUpdate,
  rolloutWorkflowId,
  siteActionUpdate,
  waveRollbackUpdate,
  type ActionResult,
  type Actor,
  type SiteAction,
} from '../../../workflows/contract';
import type { RolloutPlan } from '../../domain/plan';
import { MANAGERS, principalOf, type Role } from '../auth';
import { ApiError, fromTemporal, invalid, notFound } from '../errors';
import { actionResultBody, idempotencyHeaders, readinessBody, rolloutParams, siteParams, waveParams } from '../schemas';

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
      return fromTemporal(err, `rollout ${id}`);
    }
  }

  const schema = <P extends z.ZodType>(summary: string, params: P) => ({
    summary,
    params,
    headers: idempotencyHeaders,
    response: { 200: actionResultBody, 202: actionResultBody },
  });

  const rolloutActions: [string, UpdateDefinition<ActionResult, [{ actor: Actor }]>][] = [
    ['pause', pauseUpdate],
    ['resume', resumeUpdate],
    ['abort', abortUpdate],
  ];
  for (const [name, def] of rolloutActions) {
    app.post(`/v1/rollouts/:id/${name}`, { config: { roles: MANAGERS }, schema: schema(`${name} the rollout (idempotent)`, rolloutParams) }, async (request) => {
      await rollout(request.params.id);
      return update(request.params.id, def, { actor: actor(request) });
    });
  }

  app.post(
    '/v1/rollouts/:id/waves/:wave/launch',
    { config: { roles: MANAGERS }, schema: schema('Start a wave that awaits approval (idempotent)', waveParams) },
    async (request) => {
      const { id, wave } = request.params;
      waveOf(await rollout(id), wave);
      return update(id, launchWaveUpdate, { wave, actor: actor(request) });
    },
  );

  app.post(
    '/v1/rollouts/:id/waves/:wave/rollback',
    { config: { roles: MANAGERS }, schema: schema("Roll back every succeeded or failed site of a wave, maxParallel at a time", waveParams) },
    async (request, reply) => {
      const { id, wave } = request.params;
      waveOf(await rollout(id), wave);
      return reply.status(202).send(await update(id, waveRollbackUpdate, { wave, actor: actor(request) }));
    },
  );

  const siteActions: { action: SiteAction; summary: string; status: 200 | 202; from: readonly string[] }[] = [
    { action: 'retry', summary: 'Re-run a failed site from its failed step, with a new Idempotency-Key', status: 202, from: ['failed'] },
    { action: 'rollback', summary: "Undo a failed or succeeded site's completed steps in reverse order", status: 202, from: ['failed', 'succeeded'] },
    { action: 'skip', summary: 'Give up on a failed or pending site', status: 200, from: ['failed', 'pending'] },
  ];
  for (const { action, summary, status, from } of siteActions) {
    app.post(`/v1/rollouts/:id/sites/:code/${action}`, { config: { roles: MANAGERS }, schema: schema(summary, siteParams) }, async (request, reply) => {
      const { id, code } = request.params;
      await rollout(id);
      const site = await siteOf(id, code);
      const key = request.headers['idempotency-key'];
      const input = { action, site, actor: actor(request) };
      const result = await catchingUp(id, code, from, () => update(id, siteActionUpdate, input, key ? `${action}:${code}:${key}` : undefined));
      return reply.status(status).send(result);
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
      schema: { ...schema("Confirm a site's staff are trained, so its training step can finish", siteParams), body: readinessBody },
    },
    async (request) => {
      const { id, code } = request.params;
      const principal = principalOf(request);
      if (principal.role === 'site-lead' && !principal.sites.includes(code)) {
        throw new ApiError(403, 'forbidden', `this site-lead key may confirm readiness only for ${principal.sites.join(', ') || 'no site'}`);
      }
      const r = await rollout(id);
      const site = await siteOf(id, code);
      const { minTrainedPercent } = (r.plan as RolloutPlan).training;
      const percent = (request.body.trainedStaff / request.body.totalStaff) * 100;
      if (percent < minTrainedPercent) {
        const short = Math.ceil((minTrainedPercent / 100) * request.body.totalStaff) - request.body.trainedStaff;
        throw invalid([
          {
            path: 'trainedStaff',
            message: `${request.body.trainedStaff} of ${request.body.totalStaff} trained is ${Math.floor(percent * 10) / 10}%, below the required ${minTrainedPercent}%: ${short} more must be trained`,
          },
        ]);
      }
      return update(id, readinessUpdate, { site, readiness: request.body, actor: actor(request) });
    },
  );
};
