/**
 * SIGTERM to a running `npm start` (API, worker, embedded Postgres and Temporal dev server in one process): the
 * request in flight is answered, the activity in flight is handed back to Temporal, the embedded servers stop
 * and the process exits 0 in bounded time. Started again on the same data directory, the rollout finishes.
 */
import { request } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { expect, test } from 'vitest';
import { apiClient } from '../../src/dev/api-client';
import { siteWorkflowId } from '../../workflows/contract';
import { stores, waitFor } from '../support/harness';
import { expectStepsOnceAndFeedIntact } from '../support/intact-rollout';
import { useNpmStart } from '../support/npm-start';
import { isAlive, type RollwaveProcess } from '../support/processes';

const KEY = 'survival-admin-key-0123456789';
/** What SIGTERM to exit may take: API drain, the worker's 5 s grace for activities, both servers stopping. */
const SHUTDOWN_BOUND_MS = 40_000;

const npm = useNpmStart({ key: KEY, tmpPrefix: 'rollwave-sigterm-', startTimeoutMs: 240_000 });

/** A request whose body is sent in two halves, so it is in flight for as long as the test wants. */
function slowRequest(method: string, path: string, body: unknown) {
  const payload = Buffer.from(JSON.stringify(body));
  let sending: ReturnType<typeof request> | undefined;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: npm.port, method, path, headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'content-length': payload.length } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.write(payload.subarray(0, 10));
    sending = req;
  });
  return {
    answer,
    finish() {
      sending!.end(payload.subarray(10));
      return answer;
    },
  };
}

/** The Started event of the site's `activityType` activity (written for its last attempt only), from the history. */
async function retriedAttempt(p: RollwaveProcess, workflowId: string, activityType: string) {
  const address = /"address":"([\d.:]+)","msg":"Temporal dev server started"/.exec(p.output())![1]!;
  const client = new Client({ connection: await Connection.connect({ address }) });
  try {
    const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
    const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activityType)!;
    const started = events.find((e) => e.activityTaskStartedEventAttributes && Number(e.activityTaskStartedEventAttributes.scheduledEventId) === Number(scheduled.eventId))!;
    return started.activityTaskStartedEventAttributes!;
  } finally {
    await client.connection.close();
  }
}

test('SIGTERM drains the API, hands the running activity back, stops the embedded servers and exits 0; a restart finishes the rollout', async () => {
  const { dataDir, fleet, port } = npm;
  let rw = await npm.start();
  const http = apiClient(`http://127.0.0.1:${port}`, KEY);
  const sites = stores(6, { prefix: 'GS', region: 'gs' });
  expect((await http('POST', '/v1/sites/import', sites)).status).toBe(200);
  const held = fleet.hold('GS-003', 'cutover');
  const created = await http('POST', '/v1/rollouts', {
    name: 'graceful shutdown',
    release: { version: '5.2.0', dataset: { uri: 's3://d', records: 10 } },
    waves: [{ name: 'all', select: { regions: ['gs'] }, maxParallel: 6 }],
    gateway: { endpointTemplate: fleet.endpointTemplate },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id: string = created.body.id;
  const heldCall = await fleet.waitForCall((c) => c.site === 'GS-003' && c.step === 'cutover', 60_000);
  await waitFor(async () => (await http('GET', `/v1/rollouts/${id}/progress`)).body.totals.succeeded === 5, 60_000, 'the other five sites');

  // A request in flight: its headers and half its body are in when SIGTERM arrives.
  const late = slowRequest('PUT', '/v1/sites/LATE-001', { name: 'Late store', region: 'late', timezone: 'Asia/Shanghai' });
  await waitFor(async () => rw.output().includes('"msg":"incoming request"') && rw.output().includes('LATE-001'), 10_000, 'the slow request to arrive');
  const servers = rw.descendants().filter((p) => p.comm === 'postgres' || p.comm === 'temporal');
  expect(new Set(servers.map((p) => p.comm))).toEqual(new Set(['postgres', 'temporal']));
  // SIGTERM goes to tsx, which relays it to the Node process it runs: signalled itself, npm passes it only to
  // the `sh -c` running the script, which dies of it without passing it on, leaving Rollwave running.
  const tsx = rw.descendants().find((p) => p.cmdline.includes('.bin/tsx src/main.ts'))!;

  const from = rw.output().length;
  const signalledAt = Date.now();
  process.kill(tsx.pid, 'SIGTERM');
  await rw.waitForOutput(/"msg":"shutting down"/, 10_000, from);
  const drained = await late.finish();
  expect(drained.status, drained.body).toBe(201);
  // Not accepting anything new meanwhile.
  await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();

  const exit = await Promise.race([rw.exited, new Promise((r) => setTimeout(r, SHUTDOWN_BOUND_MS, 'still running'))]);
  expect(exit, rw.output().slice(from)).toEqual({ code: 0, signal: null });
  expect(Date.now() - signalledAt).toBeLessThan(SHUTDOWN_BOUND_MS);
  expect(servers.filter((p) => isAlive(p.pid))).toEqual([]);
  expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  expect(existsSync(join(dataDir, 'temporal.pid'))).toBe(false);
  expect(rw.output().slice(from)).toContain('"exitCode":0,"msg":"stopped"');

  rw = await npm.start();
  held.release();
  const done = await waitFor(async () => {
    const { body } = await http('GET', `/v1/rollouts/${id}/progress`);
    return body.status === 'completed' && body;
  }, 90_000, 'the rollout to complete after the restart');
  expect(done.totals).toMatchObject({ sites: 6, succeeded: 6 });
  // Handed back, not abandoned: the worker reported the cut-off attempt as failed when it stopped, rather than
  // Temporal timing it out, and the next attempt sent the same call under the same key.
  const cutovers = fleet.callsFor('GS-003').filter((c) => c.step === 'cutover');
  expect(cutovers.length).toBeGreaterThanOrEqual(2);
  expect(cutovers.every((c) => c.idempotencyKey === heldCall.idempotencyKey)).toBe(true);
  const retried = await retriedAttempt(rw, siteWorkflowId(id, 'GS-003'), 'cutover');
  expect(retried.attempt).toBe(2);
  expect(retried.lastFailure?.timeoutFailureInfo).toBeFalsy();
  expect(retried.lastFailure?.message).toMatch(/WORKER_SHUTDOWN/);
  expect((await http('GET', '/v1/sites?region=late')).body.items.map((s: { code: string }) => s.code)).toEqual(['LATE-001']);
  await expectStepsOnceAndFeedIntact(fleet, (path) => http('GET', path), id, sites.map((s) => s.code));

  const tsxAgain = rw.descendants().find((p) => p.cmdline.includes('.bin/tsx src/main.ts'))!;
  process.kill(tsxAgain.pid, 'SIGTERM');
  expect(await rw.exited).toEqual({ code: 0, signal: null });
});
