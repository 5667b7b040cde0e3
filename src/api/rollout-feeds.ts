/**
 * Live event feeds behind the SSE stream: one poller per watched rollout, shared by every connection that
 * follows it, so a hundred wall screens on one cutover cost one indexed read per tick instead of a hundred.
 *
 * Following the table by "events after the last seq seen" is gap-free because seqs commit in order (see
 * appendEvent in db/projection.ts). The poller reads each new event once and hands it to every subscriber
 * that is up to date; a subscriber that starts behind the poller (a resume from an old Last-Event-ID) reads
 * its own backlog from the table first and joins the shared flow once it has caught up.
 */
import type { Logger } from 'pino';
import type { Db } from '../../db/client';
import { listEvents, type EventRow } from '../../db/rollouts';

export interface FeedListener {
  /** Events in seq order; each one exactly once. */
  events(rows: EventRow[]): void;
  /** The feed is over (server shutting down, or the backlog could not be read): close the connection. */
  end(err?: unknown): void;
}

export interface FeedSubscription {
  close(): void;
}

export interface FeedOptions {
  /** How often a watched rollout is polled for new events. */
  pollMs?: number;
  /** Events read per query; a full page is followed by another read at once. */
  pageSize?: number;
  log: Logger;
}

export class RolloutFeeds {
  private readonly feeds = new Map<string, Feed>();
  private readonly pollMs: number;
  private readonly pageSize: number;
  private readonly log: Logger;

  constructor(
    private readonly db: Db,
    options: FeedOptions,
  ) {
    this.pollMs = options.pollMs ?? 250;
    this.pageSize = options.pageSize ?? 500;
    this.log = options.log;
  }

  /** Delivers the rollout's events with a seq above `after`, now and as they are written, until closed. */
  subscribe(rolloutId: string, after: number, listener: FeedListener): FeedSubscription {
    let feed = this.feeds.get(rolloutId);
    if (!feed) {
      // A new poller starts where its first subscriber stands, so that subscriber needs no backlog read.
      feed = new Feed(this.db, rolloutId, after, this.pollMs, this.pageSize, this.log);
      this.feeds.set(rolloutId, feed);
    }
    const subscriber = feed.add(after, listener);
    const owner = feed;
    return {
      close: () => {
        if (!owner.remove(subscriber)) return;
        if (this.feeds.get(rolloutId) === owner) this.feeds.delete(rolloutId);
      },
    };
  }

  /** Connections and pollers alive now: both fall back to 0 when every client has gone. */
  stats(): { subscribers: number; pollers: number } {
    let subscribers = 0;
    for (const feed of this.feeds.values()) subscribers += feed.size;
    return { subscribers, pollers: this.feeds.size };
  }

  /** Ends every subscription (their connections close) and stops every poller. */
  close(): void {
    for (const feed of [...this.feeds.values()]) feed.endAll();
    this.feeds.clear();
  }
}

/** One rollout's poller and its subscribers. */
class Feed {
  private readonly subscribers = new Set<Subscriber>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly rolloutId: string,
    /** Seq of the last event read by the poller and offered to subscribers. */
    private head: number,
    private readonly pollMs: number,
    private readonly pageSize: number,
    private readonly log: Logger,
  ) {
    this.schedule(pollMs);
  }

  get size() {
    return this.subscribers.size;
  }

  add(after: number, listener: FeedListener): Subscriber {
    const subscriber = new Subscriber(this, listener, after);
    this.subscribers.add(subscriber);
    if (after < this.head) void subscriber.catchUp();
    return subscriber;
  }

  /** Returns true when this was the last subscriber, so the poller has stopped. */
  remove(subscriber: Subscriber): boolean {
    subscriber.closed = true;
    this.subscribers.delete(subscriber);
    if (this.subscribers.size > 0 || this.stopped) return false;
    this.stop();
    return true;
  }

  endAll() {
    this.stop();
    for (const s of [...this.subscribers]) {
      s.closed = true;
      s.listener.end();
    }
    this.subscribers.clear();
  }

  get position() {
    return this.head;
  }

  read(after: number) {
    return listEvents(this.db, this.rolloutId, after, this.pageSize);
  }

  private stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll(), ms);
  }

  private async poll() {
    let rows: EventRow[];
    try {
      rows = await this.read(this.head);
    } catch (err) {
      // The database is down or busy: keep the connections open and try again more slowly.
      this.log.warn({ err, rolloutId: this.rolloutId }, 'event feed poll failed');
      this.schedule(this.pollMs * 8);
      return;
    }
    if (this.stopped) return;
    if (rows.length > 0) {
      const before = this.head;
      this.head = rows.at(-1)!.seq;
      for (const s of [...this.subscribers]) s.offer(rows, before);
    }
    this.schedule(rows.length === this.pageSize ? 0 : this.pollMs);
  }
}

class Subscriber {
  closed = false;
  private catchingUp = false;

  constructor(
    private readonly feed: Feed,
    readonly listener: FeedListener,
    /** Seq of the last event delivered to this subscriber. */
    private last: number,
  ) {}

  /** New events the poller read after `before`; a subscriber that is still behind `before` reads the gap itself. */
  offer(rows: EventRow[], before: number) {
    if (this.closed || this.catchingUp) return; // a catch-up in progress reads these from the table too
    if (this.last < before) {
      void this.catchUp();
      return;
    }
    this.deliver(rows.filter((r) => r.seq > this.last));
  }

  /** Reads from the table until this subscriber stands at or past the poller; then the shared flow takes over. */
  async catchUp() {
    this.catchingUp = true;
    try {
      while (!this.closed && this.last < this.feed.position) {
        const rows = await this.feed.read(this.last);
        if (this.closed) return;
        // Deleted under us (the rollout was removed): nothing left to follow.
        if (rows.length === 0) return this.listener.end();
        this.deliver(rows);
      }
    } catch (err) {
      if (!this.closed) this.listener.end(err);
    } finally {
      this.catchingUp = false;
    }
  }

  private deliver(rows: EventRow[]) {
    if (rows.length === 0) return;
    this.last = rows.at(-1)!.seq;
    try {
      this.listener.events(rows);
    } catch (err) {
      // One broken connection must not stall the poller that every other connection shares.
      this.closed = true;
      this.listener.end(err);
    }
  }
}
