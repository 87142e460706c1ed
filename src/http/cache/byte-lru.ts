/**
 * A least-recently-used map bounded by bytes, not entries: the keys of the
 * answer cache come from clients (paths, queries, Host), so only a byte budget
 * keeps memory bounded however many distinct requests arrive. Each entry's
 * cost is given by the caller (body bytes plus its key) and may grow when a
 * compressed variant is added (`grow`); the oldest entries go first.
 */
export class ByteLru<V> {
  private readonly entries = new Map<string, { value: V; cost: number }>();
  private used = 0;

  constructor(readonly budget: number) {}

  /** Bytes held now; never above the budget. */
  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Re-insert: a Map iterates in insertion order, so the first key is the least recent.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` at `cost` bytes; false (and nothing stored) when it alone exceeds the budget. */
  set(key: string, value: V, cost: number): boolean {
    this.delete(key);
    if (cost > this.budget) return false;
    this.entries.set(key, { value, cost });
    this.used += cost;
    this.evict();
    return true;
  }

  /** Adds `extra` bytes to an entry's cost (a compressed variant); evicts others to make room. */
  grow(key: string, extra: number): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.cost + extra > this.budget) {
      this.delete(key);
      return;
    }
    entry.cost += extra;
    this.used += extra;
    this.evict(key);
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.cost;
  }

  clear(): void {
    this.entries.clear();
    this.used = 0;
  }

  private evict(keep?: string): void {
    for (const [key, entry] of this.entries) {
      if (this.used <= this.budget) return;
      if (key === keep) continue;
      this.entries.delete(key);
      this.used -= entry.cost;
    }
  }
}
