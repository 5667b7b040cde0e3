/** What end-to-end tests share: a Rollwave and a fleet per file, and the waits a rollout manager does. */
import { afterAll, beforeAll, expect } from 'vitest';
import { startFleet, type Fleet } from '../../src/dev/site-fleet';
import { startRollwave, stores, waitFor, type Rollwave, type RollwaveOptions } from './harness';

export interface Scenario {
  readonly rw: Rollwave;
  readonly fleet: Fleet;
}

/** Starts a Rollwave and a fleet before the file's tests and stops both after them. */
export function useRollwave(options: RollwaveOptions = {}): Scenario {
  let rw: Rollwave | undefined;
  let fleet: Fleet | undefined;
  beforeAll(async () => {
    [rw, fleet] = await Promise.all([startRollwave(options), startFleet()]);
  });
  afterAll(async () => {
    await rw?.close();
    await fleet?.close();
  });
  return {
    get rw() {
      return rw!;
    },
    get fleet() {
      return fleet!;
    },
  };
}

export interface SiteRow {
  code: string;
  wave: string;
  state: string;
  step: string | null;
  attempts: number;
  error: string | null;
  windowOpensAt: string | null;
  dataLoad: { loaded: number; total: number } | null;
  timings: Record<string, { startedAt: string; finishedAt?: string }>;
}

/**
 * Registers `n` stores in region `prefix` and starts a rollout of them against the fleet; by default one wave
 * with every store running at once.
 */
export async function startStoreRollout(
  s: Scenario,
  prefix: string,
  n: number,
  opts: { waves?: Record<string, unknown>[]; plan?: Record<string, unknown>; dataset?: Record<string, unknown> } = {},
) {
  const sites = stores(n, { prefix, region: prefix });
  await s.rw.http('POST', '/v1/sites/import', sites);
  const created = await s.rw.http('POST', '/v1/rollouts', {
    name: `rollout ${prefix}`,
    release: { version: '5.2.0', dataset: opts.dataset ?? { uri: 's3://d', records: 10 } },
    waves: opts.waves ?? [{ name: 'all', select: { regions: [prefix] }, maxParallel: n }],
    gateway: { endpointTemplate: s.fleet.endpointTemplate },
    ...opts.plan,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { id: created.body.id as string, codes: sites.map((x) => x.code) };
}

export async function siteRow(rw: Rollwave, id: string, code: string): Promise<SiteRow | undefined> {
  const { body } = await rw.http('GET', `/v1/rollouts/${id}/sites?limit=1000`);
  return body.items.find((r: SiteRow) => r.code === code);
}

export const waitForSite = (rw: Rollwave, id: string, code: string, state: string) =>
  waitFor(async () => {
    const row = await siteRow(rw, id, code);
    return row?.state === state && row;
  }, 60_000, `${code} to be ${state}`);

export const waitForStatus = (rw: Rollwave, id: string, status: string, timeoutMs = 90_000) =>
  waitFor(async () => {
    const { body } = await rw.http('GET', `/v1/rollouts/${id}/progress`);
    return body.status === status && body;
  }, timeoutMs, `rollout to be ${status}`);
