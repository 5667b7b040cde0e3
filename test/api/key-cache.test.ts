/** The API key cache on its own: what it keeps, and what it must not keep because it may predate a change. */
import { describe, expect, test } from 'vitest';
import type { Principal } from '../../src/api/principal';
import { KeyCache } from '../../src/api/key-cache';

const viewer = (id: string): Principal => ({ id, name: id, role: 'viewer', sites: [] });

function listeningCache(capacity = 10) {
  const cache = new KeyCache(capacity);
  cache.listening(true);
  return cache;
}

/** A read the test finishes by hand, to change the cache while a lookup is in flight. */
function pendingRead() {
  let finish!: (p: Principal | undefined) => void;
  const promise = new Promise<Principal | undefined>((resolve) => (finish = resolve));
  return { read: () => promise, finish };
}

describe('KeyCache', () => {
  test('a key found is kept, frozen, and answered without reading again', async () => {
    const cache = listeningCache();
    const reads: string[] = [];
    const read = async (hash: string) => (reads.push(hash), { id: 'k1', name: 'lead', role: 'site-lead' as const, sites: ['ST-001'] });
    const first = await cache.lookup('h1', read);
    expect(cache.get('h1')).toBe(first);
    expect(reads).toEqual(['h1']);
    expect(Object.isFrozen(first) && Object.isFrozen(first!.sites)).toBe(true);
  });

  test('an unknown key is not kept: a key created later works at once', async () => {
    const cache = listeningCache();
    expect(await cache.lookup('h1', async () => undefined)).toBeUndefined();
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  test('a change heard forgets the key', async () => {
    const cache = listeningCache();
    await cache.lookup('h1', async () => viewer('k1'));
    await cache.lookup('h2', async () => viewer('k2'));
    cache.keyChanged('h1');
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h2')).toEqual(viewer('k2'));
  });

  test('a lookup that a change overtook answers what it read but keeps nothing', async () => {
    const cache = listeningCache();
    const pending = pendingRead();
    const lookup = cache.lookup('h1', pending.read);
    cache.keyChanged('h1');
    pending.finish(viewer('k1'));
    expect(await lookup).toEqual(viewer('k1'));
    expect(cache.get('h1')).toBeUndefined();
  });

  test('nothing is kept while the feed is not listening, and a gap in listening forgets everything', async () => {
    const cache = new KeyCache(10);
    await cache.lookup('h1', async () => viewer('k1'));
    expect(cache.size).toBe(0);

    cache.listening(true);
    await cache.lookup('h1', async () => viewer('k1'));
    expect(cache.size).toBe(1);
    const pending = pendingRead();
    const lookup = cache.lookup('h2', pending.read);
    cache.listening(false);
    cache.listening(true);
    pending.finish(viewer('k2'));
    await lookup;
    expect(cache.size).toBe(0);
  });

  test('lookups of one key at the same time share one read, but one that starts after a change reads afresh', async () => {
    const cache = listeningCache();
    const pending = pendingRead();
    let reads = 0;
    const read = () => (reads++, pending.read());
    const together = [cache.lookup('h1', read), cache.lookup('h1', read), cache.lookup('h1', read)];
    expect(reads).toBe(1);
    cache.keyChanged('h1');
    const afterChange = cache.lookup('h1', read);
    expect(reads).toBe(2);
    pending.finish(undefined);
    expect(await Promise.all([...together, afterChange])).toEqual([undefined, undefined, undefined, undefined]);
    await cache.lookup('h1', read);
    expect(reads).toBe(3);
  });

  test('holds at most its capacity, dropping the oldest key', async () => {
    const cache = listeningCache(2);
    for (const n of [1, 2, 3]) await cache.lookup(`h${n}`, async () => viewer(`k${n}`));
    expect([cache.get('h1'), cache.get('h2'), cache.get('h3')].map((p) => p?.id)).toEqual([undefined, 'k2', 'k3']);
  });

  test('a capacity of 0 keeps nothing', async () => {
    const cache = listeningCache(0);
    await cache.lookup('h1', async () => viewer('k1'));
    expect(cache.size).toBe(0);
  });
});
