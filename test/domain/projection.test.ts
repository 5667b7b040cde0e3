import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../domain/duration';
import { rolloutPlan } from '../../domain/plan';
import {
  DEFAULT_STEP_SECONDS,
  projectRollout,
  stepDurations,
  type ProjectedWaveInput,
  type ProjectionInput,
  type StepDurations,
} from '../../domain/projection';

/** Durations from the plan, in seconds. */
const planned = (config_push: number, data_load: number, training: number, cutover: number): StepDurations => ({
  config_push: { seconds: config_push, source: 'plan' },
  data_load: { seconds: data_load, source: 'plan' },
  training: { seconds: training, source: 'plan' },
  cutover: { seconds: cutover, source: 'plan' },
});
const wave = (name: string, sites: number, extra: Partial<ProjectedWaveInput> = {}): ProjectedWaveInput => ({
  name,
  maxParallel: 10,
  bakeSeconds: 0,
  approval: 'auto',
  timeZones: Array.from({ length: sites }, () => 'UTC'),
  ...extra,
});
const project = (input: Partial<ProjectionInput> & Pick<ProjectionInput, 'waves'>) =>
  projectRollout({ now: new Date('2026-01-12T15:00:00Z'), durations: planned(300, 2400, 0, 900), requireReadiness: false, ...input });
const HOUR = 3600;

describe('parseDuration', () => {
  it.each([
    ['90s', 90],
    ['5m', 300],
    ['40m', 2400],
    ['1h30m', 5400],
    ['2d', 172_800],
    ['1d2h3m4s', 93_784],
    ['0s', 0],
    ['30d', 2_592_000],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '90', '1.5h', '5 m', ' 5m', '5m ', '5M', '1m1h', '1h1h', 'h', '-5m', '31d', '1e3s', '99999999999s', '5min'])(
    'refuses %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it('writes durations back in the shortest form it reads', () => {
    expect([0, 90, 300, 5400, 93_784].map(formatDuration)).toEqual(['0s', '1m30s', '5m', '1h30m', '1d2h3m4s']);
  });
});

describe('the plan field estimates', () => {
  const base = { name: 'POS', release: { version: '1' }, waves: [{ name: 'pilot', select: { all: true } }] };

  it('keeps the durations as written', () => {
    const plan = rolloutPlan.parse({ ...base, estimates: { config_push: '5m', data_load: '40m', cutover: '1h30m' } });
    expect(plan.estimates).toEqual({ config_push: '5m', data_load: '40m', cutover: '1h30m' });
  });

  it('refuses a bad duration naming the step, once', () => {
    const result = rolloutPlan.safeParse({ ...base, estimates: { config_push: '5m', data_load: '40 minutes' } });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['estimates.data_load', 'must be a duration such as "90s", "40m" or "1h30m": whole numbers, units d, h, m, s in that order'],
    ]);
  });

  it('refuses a duration over 30 days and an unknown step', () => {
    const result = rolloutPlan.safeParse({ ...base, estimates: { cutover: '31d', rollback: '5m' } });
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['estimates', 'estimates.cutover']);
  });
});

describe('stepDurations names the source of each figure', () => {
  it('takes the plan first, then the installation history, then the default', () => {
    const durations = stepDurations({ data_load: '40m' }, { data_load: { seconds: 61, sampleSize: 9 }, cutover: { seconds: 412.4, sampleSize: 300 } });
    expect(durations).toEqual({
      config_push: { seconds: DEFAULT_STEP_SECONDS.config_push, source: 'default' },
      data_load: { seconds: 2400, source: 'plan' },
      training: { seconds: 0, source: 'default' },
      cutover: { seconds: 412, source: 'history', sampleSize: 300 },
    });
  });

  it('ignores a history without samples', () => {
    expect(stepDurations(undefined, { cutover: { seconds: 5, sampleSize: 0 } }).cutover).toEqual({ seconds: 600, source: 'default' });
  });

  it('says in the notes which figures are defaults and that readiness is not simulated', () => {
    const projection = project({ waves: [wave('pilot', 1)], durations: stepDurations({ cutover: '15m' }, {}), requireReadiness: true });
    expect(projection.notes).toContain('no estimate nor finished rollout for config_push, data_load: default durations used');
    expect(projection.notes).toContain('readiness confirmations are not simulated: training counted as 0s (give estimates.training to count it)');
  });
});

describe('projectRollout without a window', () => {
  it('runs a wave no larger than maxParallel at once: its end is one site’s steps', () => {
    const projection = project({ waves: [wave('pilot', 5)] });
    // 5m + 40m + 0 + 15m = 1h for every site, all at once.
    expect(projection.startsAt).toBe('2026-01-12T15:00:00.000Z');
    expect(projection.waves).toEqual([
      { name: 'pilot', sites: 5, start: '2026-01-12T15:00:00.000Z', end: '2026-01-12T16:00:00.000Z', notes: [] },
    ]);
    expect(projection.completion).toBe('2026-01-12T16:00:00.000Z');
    expect(projection.durations.cutover).toEqual({ seconds: 900, source: 'plan' });
  });

  it('runs a larger wave in rounds of maxParallel: 25 sites 10 at a time take three rounds', () => {
    const projection = project({ waves: [wave('pilot', 25, { maxParallel: 10 })] });
    expect(projection.completion).toBe('2026-01-12T18:00:00.000Z');
    const one = project({ waves: [wave('pilot', 25, { maxParallel: 1 })] });
    expect(one.completion).toBe('2026-01-13T16:00:00.000Z');
  });

  it('starts the next wave once the previous one has ended and baked; no bake after the last wave', () => {
    const projection = project({
      waves: [wave('pilot', 2, { bakeSeconds: 2 * HOUR }), wave('national', 20, { approval: 'manual', bakeSeconds: 5 * HOUR })],
    });
    expect(projection.waves.map((w) => [w.name, w.start, w.end])).toEqual([
      ['pilot', '2026-01-12T15:00:00.000Z', '2026-01-12T16:00:00.000Z'],
      ['national', '2026-01-12T18:00:00.000Z', '2026-01-12T20:00:00.000Z'],
    ]);
    expect(projection.completion).toBe('2026-01-12T20:00:00.000Z');
    expect(projection.waves[0]!.notes).toEqual(['bakes 2h before the next wave starts']);
    expect(projection.waves[1]!.notes).toEqual(['waits for a manual launch: counted as instant']);
    expect(projection.notes[0]).toBe('manual approvals counted as instant');
  });
});

describe('projectRollout with a cutover window in each site’s own time zone', () => {
  /**
   * 300 stores, 75 in each of four zones whose 01:00–05:00 windows follow each other within one UTC day (Tokyo
   * 16–20 UTC, London 01–05, New York 06–10, Honolulu 11–15), in that order; 10 at a time, cutovers of an hour and
   * nothing before them. A window takes 10 × 4 = 40 stores, so each zone needs two windows (40 + 35). Stores that
   * wait hold their slot, so the next zone starts only once the last stores of the previous one are placed: Tokyo
   * cuts over on the 13th and 14th, London on the 14th and 15th, New York on the 15th and 16th, Honolulu on the
   * 16th and 17th (local dates). Five nights; the last 5 Honolulu stores end at 05:00 HST on the 17th (15:00 UTC).
   */
  it('shows how many nights 300 stores across four time zones take', () => {
    const zones = ['Asia/Tokyo', 'Europe/London', 'America/New_York', 'Pacific/Honolulu'];
    const timeZones = zones.flatMap((zone) => Array.from({ length: 75 }, () => zone));
    const projection = project({
      waves: [wave('national', 0, { maxParallel: 10, timeZones })],
      window: { start: '01:00', end: '05:00' },
      durations: planned(0, 0, 0, HOUR),
    });
    expect(projection.waves[0]).toMatchObject({ sites: 300, start: '2026-01-12T15:00:00.000Z', end: '2026-01-17T15:00:00.000Z', nights: 5 });
    expect(projection.completion).toBe('2026-01-17T15:00:00.000Z');
    expect(projection.notes).toContain(
      "each cutover starts inside the 01:00–05:00 window in its site's own time zone; one that would not end before the window closes waits for the next opening, holding its slot",
    );
  });

  it('takes one night when every store has a slot', () => {
    const timeZones = ['Asia/Tokyo', 'Europe/London', 'America/New_York', 'Pacific/Honolulu'].flatMap((z) => Array.from({ length: 75 }, () => z));
    const projection = project({
      waves: [wave('national', 0, { maxParallel: 300, timeZones })],
      window: { start: '01:00', end: '05:00' },
      durations: planned(0, 0, 0, HOUR),
    });
    // Every store cuts over at 01:00 local on the 13th; Honolulu's is the last, 01:00–02:00 HST = 11:00–12:00 UTC.
    expect(projection.waves[0]).toMatchObject({ end: '2026-01-13T12:00:00.000Z', nights: 1 });
  });

  it('waits for the next opening when the cutover would not end before the window closes', () => {
    // The window is 22:00–06:00 in Shanghai (UTC+8): 14:00–22:00 UTC.
    const projection = project({
      now: new Date('2026-01-12T21:00:00Z'), // 05:00 in Shanghai: an hour of window left
      waves: [wave('pilot', 1, { timeZones: ['Asia/Shanghai'] })],
      window: { start: '22:00', end: '06:00' },
      durations: planned(0, 0, 0, 2 * HOUR),
    });
    // The cutover of 2h does not fit before 06:00: it starts at 22:00 that evening (14:00 UTC).
    expect(projection.completion).toBe('2026-01-13T16:00:00.000Z');
    expect(projection.waves[0]!.nights).toBe(1);
  });

  it('says so when the cutover is longer than the window, and counts it from the opening', () => {
    const projection = project({
      waves: [wave('pilot', 1, { timeZones: ['UTC'] })],
      window: { start: '01:00', end: '02:00' },
      durations: planned(0, 0, 0, 2 * HOUR),
    });
    expect(projection.completion).toBe('2026-01-13T03:00:00.000Z');
    expect(projection.notes).toContain("the cutover (2h) is longer than the window: counted from the window's opening, running past its close");
  });

  it('honours local time across the spring-forward night in London (2026-03-29)', () => {
    // 01:00 does not exist that night: the window opens at 02:00 BST (01:00 UTC) and closes at 05:00 BST (04:00 UTC),
    // three hours; the next night it opens at 01:00 BST, which is 00:00 UTC.
    const projection = project({
      now: new Date('2026-03-28T12:00:00Z'),
      waves: [wave('pilot', 4, { maxParallel: 1, timeZones: Array(4).fill('Europe/London') })],
      window: { start: '01:00', end: '05:00' },
      durations: planned(0, 0, 0, HOUR),
    });
    expect(projection.waves[0]).toMatchObject({ nights: 2, end: '2026-03-30T01:00:00.000Z' });
  });

  it('honours local time across the fall-back night in New York (2026-11-01)', () => {
    // 01:00 happens twice: the window opens at the first (01:00 EDT, 05:00 UTC) and closes at 05:00 EST (10:00 UTC),
    // five hours, so five one-hour cutovers fit in one night.
    const projection = project({
      now: new Date('2026-10-31T12:00:00Z'),
      waves: [wave('pilot', 5, { maxParallel: 1, timeZones: Array(5).fill('America/New_York') })],
      window: { start: '01:00', end: '05:00' },
      durations: planned(0, 0, 0, HOUR),
    });
    expect(projection.waves[0]).toMatchObject({ nights: 1, start: '2026-10-31T12:00:00.000Z', end: '2026-11-01T10:00:00.000Z' });
  });

  it('starts the first cutover at 01:00 local on the spring-forward night in New York (2026-03-08), 06:00 UTC', () => {
    const projection = project({
      now: new Date('2026-03-07T12:00:00Z'),
      waves: [wave('pilot', 1, { timeZones: ['America/New_York'] })],
      window: { start: '01:00', end: '05:00' },
      durations: planned(0, 0, 0, HOUR),
    });
    // 01:00 EST is 06:00 UTC; the clocks jump at 02:00, so the window closes at 05:00 EDT = 09:00 UTC.
    expect(projection.completion).toBe('2026-03-08T07:00:00.000Z');
  });

  it('treats a window open all day as no window', () => {
    const projection = project({ waves: [wave('pilot', 1)], window: { start: '03:00', end: '03:00' } });
    expect(projection.completion).toBe('2026-01-12T16:00:00.000Z');
    expect(projection.waves[0]!.nights).toBeUndefined();
  });

  it('projects 10,000 sites across four zones with a window in well under two seconds', () => {
    const zones = ['Asia/Shanghai', 'Europe/London', 'America/New_York', 'Australia/Sydney'];
    const timeZones = Array.from({ length: 10_000 }, (_, i) => zones[i % zones.length]!);
    const started = performance.now();
    const projection = project({ waves: [wave('national', 0, { maxParallel: 50, timeZones })], window: { start: '22:00', end: '06:00' } });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(projection.waves[0]!.sites).toBe(10_000);
  });
});
