/** Progress kept in memory: only while current, never older than what was heard or seen. */
import { expect, test } from 'vitest';
import type { RolloutProgress } from '../../db/rollouts';
import { ProgressCache } from '../../src/api/progress-cache';

/** A database stand-in: each read answers the version it is set to, or waits until released. */
function fakeDb() {
  const versions = new Map<string, number>();
  const held: (() => void)[] = [];
  let hold = false;
  let reads = 0;
  const read = async (id: string): Promise<RolloutProgress | undefined> => {
    reads++;
    const version = versions.get(id);
    if (hold) await new Promise<void>((resolve) => held.push(resolve));
    if (version === undefined) return undefined;
    if (version < 0) throw new Error('database unavailable');
    return { id, version } as RolloutProgress;
  };
  return {
    read,
    set: (id: string, version: number) => versions.set(id, version),
    holdReads: () => (hold = true),
    release: () => {
      hold = false;
      held.splice(0).forEach((resolve) => resolve());
    },
    get reads() {
      return reads;
    },
  };
}

function listeningCache(capacity = 10) {
  const db = fakeDb();
  const cache = new ProgressCache(db.read, capacity);
  cache.listening(true);
  return { db, cache };
}

test('a kept answer is served without reading until a newer version is announced', async () => {
  const { db, cache } = listeningCache();
  db.set('r1', 3);
  expect((await cache.get('r1'))?.version).toBe(3);
  expect((await cache.get('r1'))?.version).toBe(3);
  expect(db.reads).toBe(1);

  db.set('r1', 4);
  cache.changed('r1', 4);
  expect((await cache.get('r1'))?.version).toBe(4);
  expect(db.reads).toBe(2);
});

test('current answers at once with the kept answer while it is current, and never reads', async () => {
  const { db, cache } = listeningCache();
  db.set('r1', 3);
  expect(cache.current('r1')).toBeUndefined();
  await cache.get('r1');
  expect(cache.current('r1')?.version).toBe(3);
  cache.changed('r1', 4);
  expect(cache.current('r1')).toBeUndefined();
  expect(db.reads).toBe(1);

  cache.listening(false);
  db.set('r1', 4);
  await cache.get('r1');
  expect(cache.current('r1')).toBeUndefined();
});

test('an answer read while a newer version was announced is returned but not kept', async () => {
  const { db, cache } = listeningCache();
  db.set('r1', 3);
  db.holdReads();
  const pending = cache.get('r1');
  cache.changed('r1', 4);
  db.release();
  expect((await pending)?.version).toBe(3);
  db.set('r1', 4);
  expect((await cache.get('r1'))?.version).toBe(4);
  expect(db.reads).toBe(2);
});

test('callers that arrive while a read runs share it', async () => {
  const { db, cache } = listeningCache();
  db.set('r1', 1);
  db.holdReads();
  const answers = [cache.get('r1'), cache.get('r1'), cache.get('r1')];
  db.release();
  expect((await Promise.all(answers)).map((a) => a?.version)).toEqual([1, 1, 1]);
  expect(db.reads).toBe(1);
});

test('a version another route saw retires an older kept answer', async () => {
  const { db, cache } = listeningCache();
  db.set('r1', 5);
  await cache.get('r1');
  cache.observe('r1', 5);
  await cache.get('r1');
  expect(db.reads).toBe(1);
  db.set('r1', 6);
  cache.observe('r1', 6);
  expect((await cache.get('r1'))?.version).toBe(6);
  expect(db.reads).toBe(2);
});

test('nothing is kept while the feed is not listening, and what was kept goes when it stops', async () => {
  const db = fakeDb();
  const cache = new ProgressCache(db.read, 10);
  db.set('r1', 1);
  await cache.get('r1');
  await cache.get('r1');
  expect(db.reads).toBe(2);
  expect(cache.keeping).toBe(false);

  cache.listening(true);
  await cache.get('r1');
  await cache.get('r1');
  expect(db.reads).toBe(3);

  cache.listening(false);
  expect(cache.size).toBe(0);
  await cache.get('r1');
  expect(db.reads).toBe(4);
});

test('a read begun before the feed dropped is not kept after it listens again', async () => {
  const { db, cache } = listeningCache();
  db.set('r1', 1);
  db.holdReads();
  const pending = cache.get('r1');
  cache.listening(false);
  cache.listening(true);
  db.release();
  await pending;
  expect(cache.size).toBe(0);
  await cache.get('r1');
  expect(db.reads).toBe(2);
});

test('a deleted rollout, a missing one and a failed read leave nothing behind', async () => {
  const { db, cache } = listeningCache();
  db.set('r1', 2);
  await cache.get('r1');
  cache.changed('r1', -1);
  expect(cache.size).toBe(0);

  expect(await cache.get('missing')).toBeUndefined();
  expect(cache.size).toBe(0);

  db.set('down', -1);
  await expect(cache.get('down')).rejects.toThrow('database unavailable');
  db.set('down', 1);
  expect((await cache.get('down'))?.version).toBe(1);
});

test('at most `capacity` rollouts are kept, the least recently polled going first', async () => {
  const { db, cache } = listeningCache(2);
  for (const id of ['a', 'b', 'c']) db.set(id, 1);
  await cache.get('a');
  await cache.get('b');
  await cache.get('a');
  await cache.get('c');
  expect(cache.size).toBe(2);
  const before = db.reads;
  await cache.get('a');
  expect(db.reads, 'a was polled last of a and b: it stays').toBe(before);
  await cache.get('b');
  expect(db.reads, 'b went when c came').toBe(before + 1);
});

test('capacity 0 keeps nothing', async () => {
  const { db, cache } = listeningCache(0);
  db.set('r1', 1);
  await cache.get('r1');
  await cache.get('r1');
  expect(db.reads).toBe(2);
  expect(cache.keeping).toBe(false);
});
