/**
 * A wave larger than one workflow history holds: the rollout workflow continues as new while its abandoned
 * site workflows keep running and report to the new run.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rolloutWorkflowId } from '../../workflows/contract';
import { startRollwave, stores, waitFor, type Rollwave } from '../support/harness';

let rw: Rollwave;

beforeAll(async () => {
  rw = await startRollwave();
});
afterAll(async () => {
  await rw?.close();
});

test('a 1,000-site wave continues as new on the way and every site succeeds once', { timeout: 480_000 }, async () => {
  await rw.http('POST', '/v1/sites/import', stores(1000, { prefix: 'BIG', region: 'big' }));
  const created = await rw.http('POST', '/v1/rollouts', {
    name: 'large wave',
    release: { version: '5.2.0', dataset: { uri: 's3://d', records: 1 } },
    waves: [{ name: 'all', select: { all: true }, maxParallel: 100 }],
  });
  expect(created.status).toBe(201);
  const id = created.body.id;
  const done = await waitFor(async () => {
    const { body } = await rw.http('GET', `/v1/rollouts/${id}/progress`);
    return body.status === 'completed' && body;
  }, 300_000, 'the large wave to complete');
  expect(done.totals).toMatchObject({ sites: 1000, succeeded: 1000 });

  // The projection says "completed" just before the workflow returns, and visibility lags behind both.
  await rw.temporal.workflow.getHandle(rolloutWorkflowId(id)).result();
  const runs = await waitFor(async () => {
    const statuses: string[] = [];
    for await (const run of rw.temporal.workflow.list({ query: `WorkflowId = '${rolloutWorkflowId(id)}'` })) statuses.push(run.status.name);
    return statuses.includes('COMPLETED') && statuses;
  }, 30_000, 'visibility to list the completed run');
  expect(runs.filter((s) => s === 'CONTINUED_AS_NEW').length).toBeGreaterThanOrEqual(1);
  expect(runs.filter((s) => s === 'COMPLETED')).toHaveLength(1);
  const [row] = await rw.database.sql`select count(*)::int as count from events where rollout_id = ${id} and type = 'site.state' and data->>'state' = 'succeeded'`;
  expect(row?.count).toBe(1000);
});
