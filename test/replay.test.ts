/**
 * Replays the recorded histories of the main scenarios (test/histories, recorded by test/histories/record.ts)
 * against the current workflow code. A change that would make workflows already running take another path —
 * a non-determinism error once their worker restarts — fails here instead of in production.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { expect, test } from 'vitest';
import { PATCH } from '../workflows/contract';

const require = createRequire(import.meta.url);
try {
  // Warnings only: a replay logs every state change of its worker at INFO.
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } } });
} catch {
  // A runtime is already installed in this process; its logging stays.
}
const DIR = fileURLToPath(new URL('./histories/', import.meta.url));
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

const readHistory = (file: string) => historyFromJSON(JSON.parse(readFileSync(DIR + file, 'utf8')));

test('the histories cover the main scenarios, the rollout and site workflows, a continue-as-new and each patch', () => {
  const scenarios = new Set(files.map((f) => f.split('.')[0]));
  expect([...scenarios].sort()).toEqual(['continue-as-new', 'failed-site-retried', 'halted-resumed', 'readiness-expired', 'rollback', 'two-wave-manual-launch']);
  expect(files.filter((f) => f.startsWith('continue-as-new.rollout.run-')).length).toBeGreaterThanOrEqual(2);
  expect(files.some((f) => f.includes('.site-'))).toBe(true);
  // Each patch's new branch is in some history: its marker names it.
  const recorded = files.flatMap((file) => readHistory(file).events ?? []).flatMap((e) => {
    const data = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
    return data ? [(JSON.parse(Buffer.from(data).toString('utf8')) as { id: string }).id] : [];
  });
  for (const patch of Object.values(PATCH)) expect(recorded, patch).toContain(patch);
});

test('every recorded history replays against the current workflow code without a determinism error', async () => {
  const histories = files.map((file) => ({ workflowId: file, history: readHistory(file) }));
  const failures: string[] = [];
  let replayed = 0;
  for await (const result of Worker.runReplayHistories({ workflowsPath: require.resolve('../workflows/index.ts') }, histories)) {
    replayed++;
    if (result.error) failures.push(`${result.workflowId}: ${result.error.name}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
  expect(replayed).toBe(files.length);
});
