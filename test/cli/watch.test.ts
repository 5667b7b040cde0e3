/**
 * `rollwave watch ID` against a real Rollwave: fed by the event stream, one line per change when piped, redrawn in
 * place on a terminal, exit 0 on completed and 3 on halted, and resumed after a dropped stream.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ADMIN_KEY, waitFor } from '../support/harness';
import { startStoreRollout, useRollwave, waitForSite, waitForStatus } from '../support/scenario';
import { buildCli, type Cli } from './run-cli';

const s = useRollwave();
let cli: Cli;

beforeAll(async () => {
  cli = await buildCli(s.rw.url, ADMIN_KEY);
});
afterAll(async () => {
  await cli?.remove();
});

test('watch follows a rollout to completion while a failing site is retried from another terminal: exit 0', async () => {
  s.fleet.behave('WA-002', { fail: { config_push: { status: 422, message: 'till offline' } } });
  const { id } = await startStoreRollout(s, 'WA', 3);
  const watch = cli.start(['watch', id]);
  await watch.until(/WA-002 \(all\) failed at config_push: .*till offline/);

  s.fleet.reset('WA-002');
  const retried = await cli.run(['site', 'retry', id, 'WA-002']);
  expect(retried.code, retried.stderr).toBe(0);

  const { code, stdout } = await watch.ended;
  expect(code).toBe(0);
  const lines = stdout.trim().split('\n');
  expect(lines.at(-1)).toBe(`rollout ${id} completed`);
  expect(lines.at(-2)).toMatch(/^\d\d:\d\d:\d\d completed · 3\/3 done · all 3\/3 completed \(succeeded 3\) · elapsed \d+s$/);
  // One line per change: never the same state twice in a row.
  const states = lines.map((l) => l.replace(/^\S+ /, '').replace(/ · (elapsed|time left).*$/, ''));
  states.forEach((line, i) => expect(line).not.toBe(states[i - 1]));
  expect(stdout.match(/WA-002 \(all\) failed/g)).toHaveLength(1);
});

test('watch --json prints one frame per change, the last one settled', async () => {
  const { id } = await startStoreRollout(s, 'WJ', 2);
  const { code, stdout } = await cli.run(['watch', id, '--json']);
  expect(code).toBe(0);
  const frames = stdout.trim().split('\n').map((l) => JSON.parse(l));
  expect(frames.at(-1)).toMatchObject({ id, status: 'completed', totals: { sites: 2, succeeded: 2 }, failures: [], leftSeconds: null });
  expect(Object.keys(frames.at(-1)).sort()).toEqual(['elapsedSeconds', 'failures', 'id', 'leftSeconds', 'name', 'status', 'totals', 'version', 'waves'].sort());
  const versions = frames.map((f) => f.version);
  expect(versions).toEqual([...versions].sort((a, b) => a - b));
});

test('watch ends with exit 3 when the rollout halts, and the latest failures are shown', async () => {
  s.fleet.behave('WH-001', { fail: { config_push: { status: 422, message: 'disk full' } } });
  const { id } = await startStoreRollout(s, 'WH', 2, {
    waves: [{ name: 'all', select: { regions: ['WH'] }, maxParallel: 1, failureThreshold: { maxFailed: 0 } }],
  });
  const { code, stdout } = await cli.run(['watch', id]);
  expect(code).toBe(3);
  expect(stdout).toMatch(/WH-001 \(all\) failed at config_push: .*disk full/);
  expect(stdout.trim().split('\n').at(-1)).toBe(`rollout ${id} halted — exit 3`);
  expect((await cli.run(['abort', id])).code).toBe(0);
  expect((await cli.run(['watch', id])).code).toBe(3);
});

test('on a terminal, watch redraws a bar per wave in place', async () => {
  const { id } = await startStoreRollout(s, 'WT', 2, {
    waves: [
      { name: 'pilot', select: { codes: ['WT-001'] }, maxParallel: 1 },
      { name: 'national', select: { regions: ['WT'] }, maxParallel: 5, approval: 'manual' },
    ],
  });
  await waitForStatus(s.rw, id, 'awaiting_approval');
  // util-linux `script` gives watch a pseudo-terminal; its stdin must be at its end, or script waits on it.
  const terminal = spawn('script', ['-qfec', cli.line(['watch', id]), '/dev/null'], {
    env: { ...process.env, ROLLWAVE_URL: s.rw.url, ROLLWAVE_KEY: ADMIN_KEY, COLUMNS: '150', LINES: '40' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  terminal.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const ended = new Promise<number | null>((resolve) => terminal.on('close', resolve));
  await waitFor(async () => stdout.includes('awaiting_approval'), 30_000, 'the page to be drawn');
  // Launched once the page is drawn: watch sees the change come through the stream.
  expect((await s.rw.http('POST', `/v1/rollouts/${id}/waves/national/launch`)).status).toBe(200);
  expect(await ended).toBe(0);
  expect(stdout).toMatch(/\x1b\[\d*A|\x1b\[\d*F|\x1b\[\d+;\d+H|\x1b\[\d*G/); // the cursor moves back up to redraw
  expect(stdout).toMatch(/pilot +[█░]+ 1\/1 completed/);
  expect(stdout).toMatch(/national +[█░]+ 1\/1 completed/);
  expect(stdout).toContain(`rollout ${id} completed`);
});

test('a dropped stream is resumed from the last event, nothing missed or repeated', async () => {
  const { id } = await startStoreRollout(s, 'WR', 2, {
    waves: [
      { name: 'pilot', select: { codes: ['WR-001'] }, maxParallel: 1 },
      { name: 'national', select: { regions: ['WR'] }, maxParallel: 5, approval: 'manual' },
    ],
  });
  await waitForStatus(s.rw, id, 'awaiting_approval');
  const watch = cli.start(['watch', id, '--json']);
  await watch.until(/awaiting_approval/);
  await s.rw.restart();
  expect((await s.rw.http('POST', `/v1/rollouts/${id}/waves/national/launch`)).status).toBe(200);
  await waitForSite(s.rw, id, 'WR-002', 'succeeded');
  const { code, stdout, stderr } = await watch.ended;
  expect(code, stderr).toBe(0);
  expect(stderr).toMatch(/reconnecting/);
  const frames = stdout.trim().split('\n').map((l) => JSON.parse(l));
  expect(frames.at(-1)).toMatchObject({ status: 'completed', totals: { succeeded: 2 } });
  const versions = frames.map((f) => f.version);
  expect(new Set(versions).size).toBe(versions.length);
  expect(versions).toEqual([...versions].sort((a, b) => a - b));
});

test('Ctrl-C stops watching and leaves the rollout running: exit 130', async () => {
  const { id } = await startStoreRollout(s, 'WC', 2, {
    waves: [
      { name: 'pilot', select: { codes: ['WC-001'] }, maxParallel: 1 },
      { name: 'national', select: { regions: ['WC'] }, maxParallel: 5, approval: 'manual' },
    ],
  });
  await waitForStatus(s.rw, id, 'awaiting_approval');
  const watch = cli.start(['watch', id]);
  await watch.until(/awaiting_approval/);
  watch.kill('SIGINT');
  const { code, stdout } = await watch.ended;
  expect(code).toBe(130);
  expect(stdout).toContain(`stopped watching; rollout ${id} goes on`);
  expect((await s.rw.http('GET', `/v1/rollouts/${id}/progress`)).body.status).toBe('awaiting_approval');
});
