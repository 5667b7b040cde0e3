/**
 * Records the workflow histories that test/replay.test.ts replays against the current workflow code, so that a
 * change which would break workflows already running (non-determinism) fails CI.
 *
 *   npx tsx test/histories/record.ts                     # about a minute; rewrites test/histories/*.json
 *   npx tsx test/histories/record.ts readiness-expired   # only the scenarios named; the other files stay
 *
 * It starts its own Temporal dev server (in memory) and embedded Postgres (in a temporary directory), runs the
 * worker and the API in this process, drives each scenario below through the HTTP API against a local fleet,
 * and writes every workflow run it names to `test/histories/<scenario>.<workflow>.json`, in the JSON form
 * `temporal workflow show --output json` prints. Scenarios stay small (a few sites) to keep the files small.
 *
 * When to re-record: after adding a scenario, or after a deliberate change to workflow code that is compatible
 * with running workflows (guarded with `patched()`), to add histories of the new code path next to the old
 * ones. Re-recording to make a failing replay pass hides exactly the break the replay test exists to catch:
 * the histories in git are what production workflows started by the previous code look like.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { connect, runMigrations } from '../../db/client';
import { buildApp } from '../../src/api/app';
import { apiClient } from '../../src/dev/api-client';
import { startEmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { startFleet } from '../../src/dev/site-fleet';
import { resolveTemporalCli } from '../../src/dev/temporal-cli';
import { startTemporalDevServer } from '../../src/dev/temporal-dev-server';
import { connectTemporal } from '../../src/temporal';
import { createWorker } from '../../src/worker';
import { rolloutWorkflowId, siteWorkflowId } from '../../workflows/contract';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const KEY = 'history-recorder-key-0123456789';
/** Low enough that the continue-as-new scenario's 30 sites continue as new, high enough that no other scenario does. */
const SUGGEST_CONTINUE_AS_NEW_AT = 120;

const log = pino({ level: process.env.LOG_LEVEL ?? 'error' });
const pgDir = await mkdtemp(join(tmpdir(), 'rollwave-record-'));
const [temporal, pg, fleet] = await Promise.all([
  startTemporalDevServer({ log, dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': SUGGEST_CONTINUE_AS_NEW_AT } }),
  startEmbeddedPostgres({ dataDir: pgDir, log }),
  startFleet(),
]);
await runMigrations(pg.url);
const database = connect(pg.url);
const client = await connectTemporal(temporal.address, 'default');
const taskQueue = `record-${randomBytes(4).toString('hex')}`;
const { worker, connection } = await createWorker({ db: database.db, log, address: temporal.address, namespace: 'default', taskQueue, publicUrl: 'http://127.0.0.1', dataLoadPollMs: 20 });
const running = worker.run();
const app = await buildApp({ db: database.db, temporal: client, taskQueue, adminKey: KEY, logger: log });
await app.listen({ port: 0, host: '127.0.0.1' });
const http = apiClient(`http://127.0.0.1:${(app.server.address() as { port: number }).port}`, KEY);

async function call(method: string, path: string, body?: unknown, expected = [200, 201, 202]) {
  const res = await http(method, path, body);
  if (!expected.includes(res.status)) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function until<T>(what: string, check: () => Promise<T | false | undefined>): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const statusIs = (id: string, status: string) =>
  until(`rollout ${id} to be ${status}`, async () => (await call('GET', `/v1/rollouts/${id}/progress`)).status === status);
const siteIs = (id: string, code: string, state: string) =>
  until(`${code} to be ${state}`, async () => {
    const { items } = await call('GET', `/v1/rollouts/${id}/sites?limit=1000`);
    return items.some((r: { code: string; state: string }) => r.code === code && r.state === state);
  });

async function startRollout(prefix: string, n: number, waves: unknown[], extra: Record<string, unknown> = {}) {
  const sites = Array.from({ length: n }, (_, i) => ({
    code: `${prefix}-${String(i + 1).padStart(3, '0')}`,
    name: `Store ${i + 1}`,
    region: i < n / 2 ? `${prefix}-east` : `${prefix}-west`,
    timezone: 'Asia/Shanghai',
  }));
  await call('POST', '/v1/sites/import', sites);
  const created = await call('POST', '/v1/rollouts', {
    name: `history ${prefix}`,
    release: { version: '5.2.0', dataset: { uri: 's3://d', records: 10 } },
    waves,
    gateway: { endpointTemplate: fleet.endpointTemplate },
    ...extra,
  });
  return created.id as string;
}

/** A workflow run to record: `file` names it under test/histories. */
interface Recorded {
  file: string;
  workflowId: string;
}

const scenarios: Record<string, () => Promise<Recorded[]>> = {
  /** A pilot wave that starts at once and a national wave that waits for a manager's launch. */
  async 'two-wave-manual-launch'() {
    const id = await startRollout('TW', 4, [
      { name: 'pilot', select: { regions: ['TW-east'] }, maxParallel: 2 },
      { name: 'national', select: { regions: ['TW-west'] }, maxParallel: 2, approval: 'manual' },
    ]);
    await statusIs(id, 'awaiting_approval');
    await call('POST', `/v1/rollouts/${id}/waves/national/launch`);
    await statusIs(id, 'completed');
    return [
      { file: 'rollout', workflowId: rolloutWorkflowId(id) },
      { file: 'site-TW-001', workflowId: siteWorkflowId(id, 'TW-001') },
    ];
  },

  /** A config push refused by the site fails the site; a manager retries it and it succeeds. */
  async 'failed-site-retried'() {
    fleet.behave('FR-001', { fail: { config_push: { status: 422, message: 'unknown tax profile', times: 1 } } });
    const id = await startRollout('FR', 2, [{ name: 'all', select: { regions: ['FR-east', 'FR-west'] }, maxParallel: 2 }]);
    await siteIs(id, 'FR-001', 'failed');
    await call('POST', `/v1/rollouts/${id}/sites/FR-001/retry`);
    await statusIs(id, 'completed');
    return [
      { file: 'rollout', workflowId: rolloutWorkflowId(id) },
      { file: 'site-FR-001', workflowId: siteWorkflowId(id, 'FR-001') },
    ];
  },

  /** A succeeded site rolled back by a manager (a rollback run of its own) and a failed site rolled back in place. */
  async rollback() {
    fleet.behave('RB-002', { loadError: 'disk full' });
    const id = await startRollout('RB', 2, [{ name: 'all', select: { regions: ['RB-east', 'RB-west'] }, maxParallel: 2 }]);
    await siteIs(id, 'RB-001', 'succeeded');
    await siteIs(id, 'RB-002', 'failed');
    await call('POST', `/v1/rollouts/${id}/sites/RB-001/rollback`);
    await call('POST', `/v1/rollouts/${id}/sites/RB-002/rollback`);
    await siteIs(id, 'RB-001', 'rolled_back');
    await siteIs(id, 'RB-002', 'rolled_back');
    await statusIs(id, 'completed');
    return [
      { file: 'rollout', workflowId: rolloutWorkflowId(id) },
      { file: 'site-RB-001', workflowId: siteWorkflowId(id, 'RB-001') },
      { file: 'site-RB-001-rollback', workflowId: `${siteWorkflowId(id, 'RB-001')}/rollback` },
      { file: 'site-RB-002', workflowId: siteWorkflowId(id, 'RB-002') },
    ];
  },

  /** The first failure halts the wave; the failed site is retried, the wave resumed, and the rest run. */
  async 'halted-resumed'() {
    fleet.behave('HR-001', { fail: { cutover: { status: 409, message: 'store still open', times: 1 } } });
    const id = await startRollout('HR', 3, [
      { name: 'all', select: { regions: ['HR-east', 'HR-west'] }, maxParallel: 1, failureThreshold: { maxFailed: 1 } },
    ]);
    await statusIs(id, 'halted');
    await call('POST', `/v1/rollouts/${id}/sites/HR-001/retry`);
    await siteIs(id, 'HR-001', 'succeeded');
    await call('POST', `/v1/rollouts/${id}/resume`);
    await statusIs(id, 'completed');
    return [
      { file: 'rollout', workflowId: rolloutWorkflowId(id) },
      { file: 'site-HR-001', workflowId: siteWorkflowId(id, 'HR-001') },
    ];
  },

  /**
   * A confirmation older than the plan's validity when the site reaches its cutover: the site waits for a new one
   * (the `readiness-expiry` patch), then cuts over.
   */
  async 'readiness-expired'() {
    const held = fleet.hold('RE-001', 'config_push');
    const id = await startRollout('RE', 1, [{ name: 'all', select: { regions: ['RE-east', 'RE-west'] } }], {
      training: { requireReadiness: true, readinessValidForHours: 1 / 3600 },
    });
    const readiness = { confirmed: true, trainedStaff: 10, totalStaff: 10 };
    await call('POST', `/v1/rollouts/${id}/sites/RE-001/readiness`, readiness);
    const confirmedAt = Date.now();
    await until('the confirmation to expire', async () => Date.now() - confirmedAt > 1500);
    held.release();
    await siteIs(id, 'RE-001', 'awaiting_readiness');
    await call('POST', `/v1/rollouts/${id}/sites/RE-001/readiness`, readiness);
    await statusIs(id, 'completed');
    return [{ file: 'site-RE-001', workflowId: siteWorkflowId(id, 'RE-001') }];
  },

  /** A wave long enough that the rollout workflow continues as new; every run of it is recorded. */
  async 'continue-as-new'() {
    const id = await startRollout('CN', 30, [{ name: 'all', select: { regions: ['CN-east', 'CN-west'] }, maxParallel: 10 }], {
      gateway: undefined,
    });
    await statusIs(id, 'completed');
    return [{ file: 'rollout', workflowId: rolloutWorkflowId(id) }];
  },
};

const exec = promisify(execFile);
const cli = await resolveTemporalCli(log);
try {
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !(name in scenarios));
  if (unknown.length > 0) throw new Error(`no scenario ${unknown.join(', ')}; there are ${Object.keys(scenarios).join(', ')}`);
  const chosen = only.length > 0 ? only : Object.keys(scenarios);
  for (const old of await readdir(HERE)) if (old.endsWith('.json') && chosen.some((name) => old.startsWith(`${name}.`))) await rm(join(HERE, old));
  for (const scenario of chosen) {
    const play = scenarios[scenario]!;
    const recorded = await play();
    for (const { file, workflowId } of recorded) {
      const runs = [];
      for await (const execution of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(execution);
      runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
      const continued = runs.some((r) => r.status.name === 'CONTINUED_AS_NEW');
      if (continued !== (scenario === 'continue-as-new')) {
        throw new Error(`${scenario}: ${workflowId} has runs ${runs.map((r) => r.status.name).join(', ')}`);
      }
      for (const [i, execution] of runs.entries()) {
        // The CLI's JSON is the canonical form of a history.
        const { stdout } = await exec(cli, ['workflow', 'show', '--address', temporal.address, '--workflow-id', workflowId, '--run-id', execution.runId, '--output', 'json'], {
          maxBuffer: 64 * 1024 * 1024,
        });
        const history = JSON.parse(stdout) as { events: unknown[] };
        const name = runs.length > 1 ? `${scenario}.${file}.run-${i + 1}.json` : `${scenario}.${file}.json`;
        await writeFile(join(HERE, name), `${JSON.stringify(history, null, 1)}\n`);
        console.log(`${name}: ${history.events.length} events`);
      }
    }
  }
} finally {
  await app.close();
  worker.shutdown();
  await running;
  await connection.close();
  await client.connection.close();
  await database.close();
  await Promise.all([temporal.stop(), pg.stop(), fleet.close()]);
  await rm(pgDir, { recursive: true, force: true });
}
