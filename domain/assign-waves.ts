/** Which sites each wave gets: a site belongs to the first wave that selects it, never to two. */
import type { PlanProblem, RolloutPlan, WaveSelect } from './plan';

export interface SelectableSite {
  code: string;
  region: string;
  tags: string[];
}

export type Assignment = { ok: true; waves: string[][] } | { ok: false; details: PlanProblem[] };

/**
 * A wave's selection as sets: a plan may list a thousand regions or tags per wave, and scanning those lists for
 * each of ten thousand sites in each of a hundred waves would hold the event loop for seconds.
 */
function selector(select: WaveSelect): (site: SelectableSite) => boolean {
  const codes = select.codes && new Set(select.codes);
  const regions = select.regions && new Set(select.regions);
  const tags = select.tags && new Set(select.tags);
  return (site) =>
    (!codes || codes.has(site.code)) && (!regions || regions.has(site.region)) && (!tags || site.tags.some((t) => tags.has(t)));
}

/** `sites` in the order waves should run them (by code). */
export function assignWaves(plan: RolloutPlan, sites: SelectableSite[]): Assignment {
  const known = new Set(sites.map((s) => s.code));
  const details: PlanProblem[] = [];
  plan.waves.forEach((w, i) =>
    w.select.codes?.forEach((code, j) => {
      if (!known.has(code)) details.push({ path: `waves[${i}].select.codes[${j}]`, message: `unknown site code "${code}"` });
    }),
  );
  if (details.length > 0) return { ok: false, details };

  const taken = new Set<string>();
  const waves = plan.waves.map((w) => {
    const selects = selector(w.select);
    const picked = sites.filter((s) => !taken.has(s.code) && selects(s)).map((s) => s.code);
    picked.forEach((c) => taken.add(c));
    return picked;
  });
  if (taken.size === 0) return { ok: false, details: [{ path: 'waves', message: 'the plan selects no site' }] };
  waves.forEach((codes, i) => {
    if (codes.length === 0) {
      details.push({ path: `waves[${i}].select`, message: `wave "${plan.waves[i]!.name}" selects no site that an earlier wave has not taken` });
    }
  });
  return details.length > 0 ? { ok: false, details } : { ok: true, waves };
}
