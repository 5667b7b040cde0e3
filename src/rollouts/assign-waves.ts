/** Which sites each wave gets: a site belongs to the first wave that selects it, never to two. */
import type { ErrorDetail } from '../api/errors';
import type { RolloutPlan, WaveSelect } from '../domain/plan';

export interface SelectableSite {
  code: string;
  region: string;
  tags: string[];
}

export type Assignment = { ok: true; waves: string[][] } | { ok: false; details: ErrorDetail[] };

function matches(select: WaveSelect, site: SelectableSite, codes: Set<string> | undefined): boolean {
  if (codes && !codes.has(site.code)) return false;
  if (select.regions && !select.regions.includes(site.region)) return false;
  if (select.tags && !select.tags.some((t) => site.tags.includes(t))) return false;
  return true;
}

/** `sites` in the order waves should run them (by code). */
export function assignWaves(plan: RolloutPlan, sites: SelectableSite[]): Assignment {
  const known = new Set(sites.map((s) => s.code));
  const details: ErrorDetail[] = [];
  plan.waves.forEach((w, i) =>
    w.select.codes?.forEach((code, j) => {
      if (!known.has(code)) details.push({ path: `waves[${i}].select.codes[${j}]`, message: `unknown site code "${code}"` });
    }),
  );
  if (details.length > 0) return { ok: false, details };

  const taken = new Set<string>();
  const waves = plan.waves.map((w) => {
    const codes = w.select.codes ? new Set(w.select.codes) : undefined;
    const picked = sites.filter((s) => !taken.has(s.code) && matches(w.select, s, codes)).map((s) => s.code);
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
