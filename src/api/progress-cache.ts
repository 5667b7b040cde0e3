/**
 * Progress answers kept in memory while they are current. Dashboards poll a running rollout many times a
 * second and most polls find nothing changed; answering those from memory keeps them off the database.
 *
 * An answer is current until its rollout commits a newer version: the change feed (db/change-feed.ts)
 * announces each one at commit. While the feed is not listening nothing is kept and every poll reads the
 * database, as it does with the cache turned off. What other routes read newer than a kept answer (a site
 * row, an event) retires it too, so one process never answers progress older than what it has shown.
 */
import type { VersionListener } from '../../db/change-feed';
import type { RolloutProgress } from '../../db/rollouts';
import { singleFlight } from './single-flight';

interface Slot {
  /** The newest version heard of or seen; an answer older than this is not kept. */
  known: number;
  answer?: RolloutProgress;
  /** The read callers of this slot share; reads never outlive their slot's use (see fill). */
  reading?: Promise<RolloutProgress | undefined>;
}

export class ProgressCache implements VersionListener {
  /** Most recently used last; holds at most `capacity` rollouts. */
  private readonly slots = new Map<string, Slot>();
  private live = false;
  /** The id of the slot last moved to the end of `slots`, while it is there. */
  private lastTouched: string | undefined;
  private readonly readShared: (id: string) => Promise<RolloutProgress | undefined>;

  constructor(
    private readonly read: (id: string) => Promise<RolloutProgress | undefined>,
    private readonly capacity: number,
  ) {
    this.readShared = singleFlight(read);
  }

  /** The answer kept for the rollout while it is current, without waiting: most polls end here. */
  current(id: string): RolloutProgress | undefined {
    if (!this.keeping) return undefined;
    const slot = this.slots.get(id);
    if (!slot?.answer || slot.answer.version < slot.known) return undefined;
    this.touch(id, slot);
    return slot.answer;
  }

  /** The rollout's progress: from memory while it is current, else read (shared by concurrent callers). */
  get(id: string): Promise<RolloutProgress | undefined> {
    if (!this.keeping) return this.readShared(id);
    const kept = this.current(id);
    if (kept) return Promise.resolve(kept);
    let slot = this.slots.get(id);
    if (slot) {
      this.touch(id, slot);
    } else {
      slot = { known: 0 };
      this.slots.set(id, slot);
      this.lastTouched = id;
      this.evict();
    }
    return this.fill(id, slot);
  }

  /** A route read this version of the rollout: answers older than it are retired. */
  observe(id: string, version: number): void {
    const slot = this.slots.get(id);
    if (!slot) return;
    if (version < 0) this.slots.delete(id);
    else if (version > slot.known) slot.known = version;
  }

  changed(id: string, version: number): void {
    this.observe(id, version);
  }

  listening(on: boolean): void {
    this.live = on;
    this.slots.clear();
    this.lastTouched = undefined;
  }

  /** Whether answers are being kept: false while the feed is not listening, or with capacity 0. */
  get keeping(): boolean {
    return this.live && this.capacity > 0;
  }

  get size(): number {
    return this.slots.size;
  }

  /**
   * One read per slot at a time. A slot only exists while its rollout's announcements are being heard (a
   * lost feed or an eviction drops it), so a read begun for this slot saw every commit it was not told of:
   * its answer is kept unless the rollout was announced newer meanwhile.
   */
  private fill(id: string, slot: Slot): Promise<RolloutProgress | undefined> {
    slot.reading ??= this.read(id).then(
      (answer) => {
        slot.reading = undefined;
        const held = this.slots.get(id) === slot;
        if (!answer) {
          if (held) this.slots.delete(id);
        } else if (held && answer.version >= slot.known) {
          slot.answer = answer;
          slot.known = answer.version;
        }
        return answer;
      },
      (err: unknown) => {
        slot.reading = undefined;
        throw err;
      },
    );
    return slot.reading;
  }

  /** Marks the slot most recently used; a rollout polled again and again is already last, and stays put. */
  private touch(id: string, slot: Slot) {
    if (this.lastTouched === id) return;
    this.slots.delete(id);
    this.slots.set(id, slot);
    this.lastTouched = id;
  }

  private evict() {
    for (const id of this.slots.keys()) {
      if (this.slots.size <= this.capacity) return;
      this.slots.delete(id);
    }
  }
}
