/**
 * A bounded cache of values that expire: each entry lives until its own deadline, and past
 * `maxEntries` the oldest entry goes first. Concurrent look-ups of one missing key share a
 * single load, so a burst of requests with one new token asks the identity service once.
 */

/** A loaded value and the time (ms since the epoch) it stops being served from the cache. */
export interface Expiring<V> {
  value: V;
  expiresAt: number;
}

/** The bounded, expiring, single-flight cache. */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, Expiring<V>>();
  private readonly loading = new Map<string, Promise<V>>();

  /**
   * @param maxEntries entries kept at most (the oldest is dropped first)
   * @param now the clock, in ms since the epoch (tests pass their own)
   */
  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now
  ) {}

  /**
   * The cached value of `key`, or the one `load` yields, kept until its `expiresAt` (a
   * deadline already past keeps nothing). A rejected load is not cached.
   */
  async get(key: string, load: () => Promise<Expiring<V>>): Promise<V> {
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      if (cached.expiresAt > this.now()) return cached.value;
      this.entries.delete(key);
    }
    const pending = this.loading.get(key);
    if (pending !== undefined) return pending;
    const loaded = load()
      .then((entry) => {
        if (entry.expiresAt > this.now()) this.store(key, entry);
        return entry.value;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, loaded);
    return loaded;
  }

  /** How many entries are held (expired ones included until looked up or pushed out). */
  get size(): number {
    return this.entries.size;
  }

  private store(key: string, entry: Expiring<V>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
