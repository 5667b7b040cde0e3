/** What the readiness-link tests share: a rollout waiting for its site lead, and a link that has run out. */
import postgres from 'postgres';
import { expect } from 'vitest';
import type { Rollwave } from './harness';
import { startStoreRollout, waitForSite, type Scenario } from './scenario';

export const TRAINING = { requireReadiness: true, minTrainedPercent: 90, timeoutSeconds: 600 };

/** A cutover window that opens two hours from now in Shanghai, so a site that passes training waits for it. */
export function windowLaterInShanghai(now = new Date()) {
  const hour = (now.getUTCHours() + 8 + 2) % 24;
  const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  return { start: hh(hour), end: hh(hour + 1) };
}

/** One store of a rollout waiting in awaiting_readiness, with a cutover window later today or tonight. */
export async function storeAwaitingReadiness(s: Scenario, prefix: string) {
  const { id, codes } = await startStoreRollout(s, prefix, 1, { plan: { training: TRAINING, cutover: { window: windowLaterInShanghai() } } });
  await waitForSite(s.rw, id, codes[0]!, 'awaiting_readiness');
  return { id, code: codes[0]! };
}

export async function makeLink(rw: Rollwave, id: string, code: string, body: Record<string, unknown> = { name: 'Mei Lin' }) {
  const made = await rw.http('POST', `/v1/rollouts/${id}/sites/${code}/readiness-link`, body);
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body as { id: string; site: string; url: string; expiresAt: string };
}

export const tokenOf = (url: string) => new URL(url).hash.slice(1);

/** Makes a link as if its days had passed: its expiry is moved to a minute ago. */
export async function expireLink(rw: Rollwave, linkId: string) {
  const sql = postgres(rw.databaseUrl, { max: 1 });
  try {
    await sql`update readiness_links set expires_at = now() - interval '1 minute' where id = ${linkId}`;
  } finally {
    await sql.end();
  }
}
