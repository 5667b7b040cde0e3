/**
 * BENCHMARKS.md keeps one section per bench run: a run replaces its own section and leaves the others and the
 * hand-written findings alone.
 */
import { expect, test } from 'vitest';
import { renderReport, sectionKey, type BenchResults } from '../../bench/report';
import { pollingRatio, type PollingPhase } from '../../bench/scenarios';

function results(backends: BenchResults['options']['backends'], sizes: number[], startedAt: string): BenchResults {
  return {
    startedAt,
    finishedAt: startedAt,
    command: `npm run bench -- --backends ${backends.join(',')} --sizes ${sizes.join(',')}`,
    options: {
      sizes,
      backends,
      postgresSizes: sizes,
      gateways: ['simulated'],
      maxParallel: 200,
      floor: true,
      polling: false,
      rollouts: true,
      pollBackends: [],
      pollSeconds: 10,
      pollConnections: 10,
      pollRounds: 2,
      pollFinish: false,
      historySample: 200,
      stallSeconds: 300,
      apiLogLevel: 'info',
      quietBelow: 0.6,
      quietWait: 120,
      out: 'BENCHMARKS.md',
      keepDatabases: false,
      cpuProfile: false,
    },
    machine: { cpuModel: 'cpu', cores: 2, memoryGiB: 24, node: 'v20', temporalCli: 'cli', kernel: 'k', loadAverageAtStart: [0, 0, 0], commit: 'abc', dirty: [], codeHash: 'h' },
    rollwavePostgres: 'pg',
    backends: {},
    script: 'AS',
    runs: [],
    polling: [],
    errors: [],
    runDir: '/tmp/run',
  };
}

test('a run adds its section, a re-run of the same backends and sizes replaces it, and findings are kept', () => {
  const dev = results(['dev'], [300], '2026-11-26T09:00:00.000Z');
  const pg = results(['postgres'], [10000], '2026-11-26T11:00:00.000Z');
  expect(sectionKey(dev)).toBe('dev:300');
  expect(sectionKey(pg)).toBe('postgres:10000');
  expect(sectionKey({ ...pg, options: { ...pg.options, rollouts: false } })).toBe('postgres:10000 polling');
  const fleet = { ...pg, options: { ...pg.options, gateways: ['fleet' as const] } };
  expect(sectionKey(fleet), 'a fleet-only run keeps the simulated figures').toBe('postgres:10000 fleet');
  expect(sectionKey({ ...pg, options: { ...pg.options, gateways: ['simulated' as const, 'fleet' as const] } })).toBe('postgres:10000');
  expect(renderReport(fleet, '')).toContain('Postgres server, 10,000 sites, HTTP fleet only (run of 2026-11-26)');

  const first = renderReport(dev, '');
  expect(first).toContain('_No findings written yet._');
  const withNotes = first.replace('_No findings written yet._', 'The dev server is the bottleneck.');

  const both = renderReport(pg, withNotes);
  expect(both.match(/<!-- run \S+ start -->/g)).toEqual(['<!-- run dev:300 start -->', '<!-- run postgres:10000 start -->']);
  expect(both).toContain('Postgres server, 10,000 sites (run of 2026-11-26)');
  expect(both).toContain('The dev server is the bottleneck.');

  const rerun = renderReport({ ...dev, startedAt: '2026-11-27T09:00:00.000Z', finishedAt: '2026-11-27T09:00:00.000Z' }, both);
  expect(rerun.match(/<!-- run \S+ start -->/g)).toEqual(['<!-- run dev:300 start -->', '<!-- run postgres:10000 start -->']);
  expect(rerun).toContain('Dev server (SQLite), 300 sites (run of 2026-11-27)');
  expect(rerun).not.toContain('Dev server (SQLite), 300 sites (run of 2026-11-26)');
  expect(rerun).toContain('The dev server is the bottleneck.');
});

test('polling: a row per phase and round, each progress target over the bare target of its client summed over the rounds', () => {
  const phase = (round: number, target: PollingPhase['target'], rps: number): PollingPhase => ({
    target,
    name: target,
    round,
    rps,
    p50: 0,
    p99: 1,
    statusCodes: { 200: rps },
    errors: 0,
    doneAtStart: 0,
    doneAtEnd: 0,
    serverCores: 0.5,
    loadCores: 0.25,
  });
  const phases = [
    phase(1, 'bare', 1000),
    phase(1, 'progress', 600),
    phase(1, 'bareRevalidating', 800),
    phase(1, 'revalidating', 300),
    phase(2, 'revalidating', 500),
    phase(2, 'bareRevalidating', 800),
    phase(2, 'progress', 200),
    phase(2, 'bare', 3000),
  ];
  expect(pollingRatio(phases, 'progress', 'bare')).toBe(0.2);
  expect(pollingRatio(phases, 'revalidating', 'bareRevalidating')).toBe(0.5);

  const polled = results(['postgres'], [10000], '2026-11-27T09:00:00.000Z');
  polled.options.rollouts = false;
  polled.polling = [
    {
      backend: 'postgres',
      size: 10000,
      rolloutId: 'ro_1',
      connections: 10,
      seconds: 20,
      phases,
      ratioPlain: 0.2,
      ratioConditional: 0.5,
      bodyBytes: 510,
      rollout: { ok: true, wallMs: 1000, verification: '300/10000 sites succeeded, status running', resources: {} },
    },
  ];
  const report = renderReport(polled, '');
  expect(report).toContain('2 rounds of four phases');
  expect(report).toContain('| 2 | bare | 3,000 |');
  expect(report).toContain('**0.20** without If-None-Match, **0.50** with it');
});
