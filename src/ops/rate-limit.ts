/**
 * A fixed-window counter per key, bounded in memory (the oldest keys go first): how often a
 * sign-in code may be asked for one IIN and from one client. Pure but for its own state; the
 * clock is passed in. One process holds its own counts (one server per database: docs/adr/0020).
 */
export interface RateLimit {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

export class WindowCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts one request for `key`; false when the key is over its limit in this window. */
  take(key: string, now: number): boolean {
    const current = this.windows.get(key);
    if (!current || now - current.start >= this.limit.windowMs) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) {
        const oldest = this.windows.keys().next();
        if (!oldest.done) this.windows.delete(oldest.value);
      }
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    current.count += 1;
    return current.count <= this.limit.max;
  }
}
