import { expect, test } from 'vitest';
import { singleFlight } from '../../src/api/single-flight';

/** A call whose answers the test hands out one at a time. */
function controlled() {
  const pending: { key: string; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const call = (key: string) => new Promise<string>((resolve, reject) => pending.push({ key, resolve, reject }));
  return { call, pending };
}

test('callers of one key share the call in flight; other keys and later callers get calls of their own', async () => {
  const { call, pending } = controlled();
  const read = singleFlight(call);
  const first = [read('a'), read('a'), read('a')];
  const other = read('b');
  expect(pending.map((p) => p.key)).toEqual(['a', 'b']);

  pending[0]!.resolve('a1');
  expect(await Promise.all(first)).toEqual(['a1', 'a1', 'a1']);
  const again = read('a');
  expect(pending.map((p) => p.key)).toEqual(['a', 'b', 'a']);
  pending[2]!.resolve('a2');
  pending[1]!.resolve('b1');
  expect(await again).toBe('a2');
  expect(await other).toBe('b1');
});

test('a failed call fails every caller that shared it, and the next caller calls afresh', async () => {
  const { call, pending } = controlled();
  const read = singleFlight(call);
  const shared = [read('a'), read('a')];
  pending[0]!.reject(new Error('database down'));
  for (const r of await Promise.allSettled(shared)) expect(r).toMatchObject({ status: 'rejected', reason: { message: 'database down' } });
  const next = read('a');
  expect(pending).toHaveLength(2);
  pending[1]!.resolve('back');
  expect(await next).toBe('back');
});
