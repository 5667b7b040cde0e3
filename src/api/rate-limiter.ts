/**
 * Requests per key in fixed windows, counted in this process's memory. Every request passes through it, dashboards
 * poll thousands of times a second, so a hit is one Map update with no promise and no allocation. Windows are
 * aligned for all keys: every count starts afresh when the window ends. Each API replica counts on its own, so
 * behind a load balancer a key may make up to replicas × max requests per window. The API also counts failed
 * authentications per client address with one (src/api/auth.ts).
 */
export interface RateLimit {
  /** Requests one key (or, without a key, one client address) may make per window. */
  max: number;
  timeWindowMs: number;
}

export class RateLimiter {
  private readonly counts = new Map<string, number>();
  private end = 0;
  private lastHit = 0;

  /**
   * At most `maxKeys` keys are counted in a window: a flood of distinct keys forgets the oldest first, as an
   * LRU store would, instead of growing without bound.
   */
  constructor(
    readonly limit: RateLimit,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of `key`: its count in the current window, over `limit.max` once it is refused. */
  hit(key: string): number {
    const now = (this.lastHit = this.now());
    if (now >= this.end) {
      this.counts.clear();
      this.end = now + this.limit.timeWindowMs;
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    if (count === 1 && this.counts.size >= this.maxKeys) this.counts.delete(this.counts.keys().next().value!);
    this.counts.set(key, count);
    return count;
  }

  /** Whole seconds from the last hit to the end of its window (at least 1): what Retry-After and X-RateLimit-Reset say. */
  secondsToReset(): number {
    return Math.max(1, Math.ceil((this.end - this.lastHit) / 1000));
  }

  /** When the window of the last hit ends (ms since the epoch); it names that window for forgive. */
  get windowEnd(): number {
    return this.end;
  }

  /** Takes back one hit of `key` counted in the window ending at `windowEnd`; a later window owes it nothing. */
  forgive(key: string, windowEnd: number): void {
    const count = this.counts.get(key);
    if (windowEnd === this.end && count !== undefined && count > 0) this.counts.set(key, count - 1);
  }

  /** Keys refused at least once in the current window (none once it has ended); walks every key, for a scrape. */
  refusedKeys(): number {
    if (this.now() >= this.end) return 0;
    let refused = 0;
    for (const count of this.counts.values()) if (count > this.limit.max) refused++;
    return refused;
  }
}
