/** What a step activity needs to know about its rollout and site, cached because every step asks. */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { RolloutGone } from '../db/projection';
import { rollouts, sites } from '../db/schema';
import type { RolloutPlan } from '../src/domain/plan';
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
    const [site] = await this.db
      .select({ timezone: sites.timezone, endpoint: sites.endpoint })
      .from(sites)
      .where(eq(sites.code, code));
    if (!site) throw new Error(`site ${code} does not exist`);
    return { plan, timezone: site.timezone, gateway: gatewayFor(plan, code, site.endpoint) };
  }

  async plan(rolloutId: string): Promise<RolloutPlan> {
    const cached = this.plans.get(rolloutId);
    if (cached) return cached;
    const [row] = await this.db.select({ plan: rollouts.plan }).from(rollouts).where(eq(rollouts.id, rolloutId));
    if (!row) throw new RolloutGone(rolloutId);
    const plan = row.plan as RolloutPlan;
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
