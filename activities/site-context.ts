/** What a step activity needs to know about its rollout and site, cached because every step asks. */
import type { Db } from '../db/client';
import { RolloutGone } from '../db/projection';
import { findRolloutPlan } from '../db/rollouts';
import { findSiteTimezoneAndEndpoint } from '../db/sites';
import type { RolloutPlan } from '../domain/plan';
import { HttpSiteGateway, SimulatedGateway, type SiteGateway } from './site-gateway';

export interface SiteContext {
  plan: RolloutPlan;
  timezone: string;
  gateway: SiteGateway;
}

const MAX_CACHED_PLANS = 200;

export class SiteContextLoader {
  /** Plans never change once a rollout exists, so they are cached for good (bounded, oldest out). */
  private readonly plans = new Map<string, RolloutPlan>();

  constructor(private readonly db: Db) {}

  async load(rolloutId: string, code: string): Promise<SiteContext> {
    const plan = await this.plan(rolloutId);
    const site = await findSiteTimezoneAndEndpoint(this.db, code);
    if (!site) throw new Error(`site ${code} does not exist`);
    return { plan, timezone: site.timezone, gateway: gatewayFor(plan, code, site.endpoint) };
  }

  async plan(rolloutId: string): Promise<RolloutPlan> {
    const cached = this.plans.get(rolloutId);
    if (cached) return cached;
    const plan = await findRolloutPlan(this.db, rolloutId);
    if (!plan) throw new RolloutGone(rolloutId);
    if (this.plans.size >= MAX_CACHED_PLANS) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(rolloutId, plan);
    return plan;
  }
}

/** A site's own endpoint wins over the rollout's template; neither → the simulated gateway. */
export function gatewayFor(plan: RolloutPlan, code: string, endpoint: string | null): SiteGateway {
  if (endpoint) return new HttpSiteGateway(endpoint);
  if (plan.gateway) return new HttpSiteGateway(plan.gateway.endpointTemplate.replaceAll('{code}', encodeURIComponent(code)));
  return new SimulatedGateway(plan.release.version, plan.release.dataset);
}
