import { expect, test } from 'vitest';
import { RateLimiter } from '../../src/api/rate-limiter';

/** A limiter on a clock the test moves. */
function limiter(max: number, maxKeys?: number) {
  const clock = { now: 1_000_000 };
  return { clock, limiter: new RateLimiter({ max, timeWindowMs: 60_000 }, maxKeys, () => clock.now) };
}

test('each key counts on its own within a window, and every count starts afresh when the window ends', () => {
  const { clock, limiter: l } = limiter(2);
  expect([l.hit('a'), l.hit('a'), l.hit('a'), l.hit('b')]).toEqual([1, 2, 3, 1]);
  clock.now += 59_999;
  expect(l.hit('a')).toBe(4);
  clock.now += 1;
  expect([l.hit('a'), l.hit('b')]).toEqual([1, 1]);
});

test('the seconds to reset count from the last hit down to the end of its window, and never say 0', () => {
  const { clock, limiter: l } = limiter(5);
  l.hit('a');
  expect(l.secondsToReset()).toBe(60);
  clock.now += 30_500;
  l.hit('a');
  expect(l.secondsToReset()).toBe(30);
  clock.now += 29_400;
  l.hit('b');
  expect(l.secondsToReset()).toBe(1);
});

test('past maxKeys distinct keys in a window the oldest key is forgotten, not the busy ones', () => {
  const { limiter: l } = limiter(10, 3);
  l.hit('old');
  l.hit('busy');
  l.hit('busy');
  l.hit('third');
  expect(l.hit('fourth')).toBe(1);
  expect(l.hit('busy')).toBe(3);
  expect(l.hit('old')).toBe(1);
});

test('a hit taken back frees its place in its window, but gives a later window nothing', () => {
  const { clock, limiter: l } = limiter(2);
  l.hit('a');
  l.hit('a');
  l.forgive('a', l.windowEnd);
  expect(l.hit('a')).toBe(2);

  const earlier = l.windowEnd;
  clock.now += 60_000;
  l.hit('a');
  l.forgive('a', earlier);
  expect(l.hit('a')).toBe(2);
});

test('keys refused in the current window are counted, and none once it has ended', () => {
  const { clock, limiter: l } = limiter(1);
  for (const key of ['a', 'a', 'b', 'c', 'c', 'c']) l.hit(key);
  expect(l.refusedKeys()).toBe(2);
  clock.now += 60_000;
  expect(l.refusedKeys()).toBe(0);
});
