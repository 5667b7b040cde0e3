/**
 * Principals of API keys kept in memory, so that a dashboard polling many times a second does not look its key
 * up in the database on every request.
 *
 * A kept principal stays valid until its key row changes: the change feed (db/change-feed.ts) announces every
 * change to a key at commit, and the revoking process forgets the key before it answers. While the feed is not
 * listening nothing is kept and every request reads the database. Only keys that were found are kept: an
 * unknown key is read each time, so a key created elsewhere works at once. Lookups of one key at the same time
 * share one read, so a flood of one unknown key costs one query at a time.
 */
import type { KeyListener } from '../../db/change-feed';
import type { Principal } from './principal';

export class KeyCache implements KeyListener {
  /** Oldest first; holds at most `capacity` keys. */
  private readonly principals = new Map<string, Principal>();
  private live = false;
  /** Moves on with every change heard and every gap in listening: a lookup that started before it is not kept. */
  private generation = 0;
  /** Reads in flight by key digest, each with the generation it started in. */
  private readonly reading = new Map<string, { generation: number; principal: Promise<Principal | undefined> }>();

  constructor(private readonly capacity: number) {}

  /** The principal kept for this key digest, if any. */
  get(keyHash: string): Principal | undefined {
    return this.principals.get(keyHash);
  }

  /**
   * Looks a key up with `read` and keeps what it found, unless the key (or the feed) changed while it read:
   * that answer may predate a revocation.
   */
  async lookup(keyHash: string, read: (keyHash: string) => Promise<Principal | undefined>): Promise<Principal | undefined> {
    const started = this.generation;
    const principal = await this.sharedRead(keyHash, read);
    if (principal && this.live && this.capacity > 0 && started === this.generation) {
      const kept = Object.freeze({ ...principal, sites: Object.freeze([...principal.sites]) });
      this.principals.set(keyHash, kept);
      if (this.principals.size > this.capacity) this.principals.delete(this.principals.keys().next().value!);
      return kept;
    }
    return principal;
  }

  /**
   * The read in flight for this key if it started in the current generation, else a new one. Unlike singleFlight,
   * a lookup that starts after a change (a revocation) never shares a read that may predate it.
   */
  private sharedRead(keyHash: string, read: (keyHash: string) => Promise<Principal | undefined>): Promise<Principal | undefined> {
    const inFlight = this.reading.get(keyHash);
    if (inFlight?.generation === this.generation) return inFlight.principal;
    const principal = read(keyHash).finally(() => {
      if (this.reading.get(keyHash)?.principal === principal) this.reading.delete(keyHash);
    });
    this.reading.set(keyHash, { generation: this.generation, principal });
    return principal;
  }

  keyChanged(keyHash: string): void {
    this.generation++;
    this.principals.delete(keyHash);
  }

  listening(on: boolean): void {
    this.generation++;
    this.live = on;
    if (!on) this.principals.clear();
  }

  get size(): number {
    return this.principals.size;
  }
}
