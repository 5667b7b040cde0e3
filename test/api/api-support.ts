/** Helpers shared by the API contract tests: row counts, the error body shape, a rollout parked on readiness. */
import { expect } from 'vitest';
import { waitFor, type Rollwave } from '../support/harness';

const TABLES = ['sites', 'rollouts', 'site_runs', 'events', 'api_keys'] as const;
export type RowCounts = Record<(typeof TABLES)[number], number>;

/** Rows per table in one statement, so a snapshot is consistent. */
export async function rowCounts(rw: Rollwave): Promise<RowCounts> {
  const [row] = await rw.database.sql.unsafe(
    `select ${TABLES.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ')}`,
  );
  return row as unknown as RowCounts;
}

/** Leaks that must never reach a client: stack frames, SQL, driver or framework internals. */
const LEAK = /\bat .+:\d+:\d+|node_modules|\bselect\b.+\bfrom\b|\binsert into\b|postgres|drizzle|FST_ERR|ZodError/i;

/** Asserts API.md's error body: `{"error": {"code", "message", "details"}}` and nothing internal. */
export function expectErrorBody(body: unknown, code?: string) {
  expect(body, 'error body').toMatchObject({ error: { code: expect.any(String), message: expect.any(String), details: expect.any(Array) } });
  const error = (body as { error: Record<string, unknown> }).error;
  expect(Object.keys(body as object)).toEqual(['error']);
  expect(Object.keys(error).every((k) => ['code', 'message', 'details', 'requestId'].includes(k)), JSON.stringify(error)).toBe(true);
  expect(JSON.stringify(body)).not.toMatch(LEAK);
  if (code) expect(error.code).toBe(code);
}

export const detailPaths = (body: { error?: { details?: { path?: string }[] } }) => (body.error?.details ?? []).map((d) => d.path);

export const site = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: `Store ${code}`,
  region: 'east',
  timezone: 'Asia/Shanghai',
  tags: ['pos'],
  ...extra,
});

export const plan = (extra: Record<string, unknown> = {}) => ({
  name: 'POS 5.2',
  release: { version: '5.2.0' },
  waves: [{ name: 'pilot', select: { codes: ['ST-001'] }, maxParallel: 1 }],
  training: { requireReadiness: true, minTrainedPercent: 90 },
  ...extra,
});

/** Starts a rollout of `code` alone and waits until the site waits for its readiness confirmation: nothing moves after that. */
export async function rolloutAwaitingReadiness(rw: Rollwave, code: string, idempotencyKey?: string): Promise<string> {
  const headers = idempotencyKey ? { 'idempotency-key': idempotencyKey } : undefined;
  const created = await rw.http('POST', '/v1/rollouts', plan({ waves: [{ name: 'pilot', select: { codes: [code] } }] }), { headers });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as string;
  await waitFor(
    async () => {
      const { body } = await rw.http('GET', `/v1/rollouts/${id}/sites`);
      return body.items?.[0]?.state === 'awaiting_readiness';
    },
    60_000,
    `${code} to await readiness`,
  );
  return id;
}
