import { describe, expect, test } from 'vitest';
import { MARK, type WaveRuntime } from '../../workflows/contract';
import { FAILED_MARKS, marksShowing, RUNNING_MARKS, SETTLED_MARKS, SiteMarks } from '../../workflows/site-marks';

const wave = (name: string, start: number, size: number): WaveRuntime => ({
  name,
  start,
  size,
  maxParallel: 1,
  approval: 'auto',
  bakeSeconds: 0,
  status: 'pending',
});

describe('SiteMarks', () => {
  const waves = [wave('pilot', 0, 2), wave('national', 2, 3)];

  test('tallies marks per wave as they change', () => {
    const marks = new SiteMarks('ppppp', waves);
    marks.set(0, MARK.running);
    marks.set(3, MARK.failed);
    marks.set(4, MARK.failedPastTraining);
    expect(marks.count(0, RUNNING_MARKS)).toBe(1);
    expect(marks.count(1, FAILED_MARKS)).toBe(2);
    expect(marks.count('all', [MARK.pending])).toBe(2);
  });

  test('setting the same mark twice counts it once', () => {
    const marks = new SiteMarks('pp', [wave('w', 0, 2)]);
    marks.set(1, MARK.succeeded);
    marks.set(1, MARK.succeeded);
    expect(marks.count(0, [MARK.succeeded])).toBe(1);
    expect(marks.encode()).toBe('ps');
  });

  test('finds ordinals by mark within a range', () => {
    const marks = new SiteMarks('psfsp', waves);
    expect([...marks.find([MARK.succeeded], 2, 5)]).toEqual([3]);
    expect(marks.waveOf(4)).toBe(1);
    expect(() => marks.waveOf(5)).toThrow(RangeError);
  });
});

describe('marks of site states', () => {
  test('each state is shown by the marks that stand for it', () => {
    expect(marksShowing(['failed', 'succeeded'])).toEqual([MARK.failed, MARK.failedPastTraining, MARK.succeeded]);
    expect(marksShowing(['skipped'])).toEqual([MARK.skipping, MARK.skipped]);
  });

  test('the settled marks are the settled states\' marks, but for a skip not yet recorded', () => {
    expect([...SETTLED_MARKS].sort()).toEqual([MARK.succeeded, MARK.rolledBack, MARK.skipped].sort());
  });
});
