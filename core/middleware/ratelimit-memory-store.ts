/**
 * The in-memory rate-limit store: one entry per key, holding its current and previous
 * window counts, in a Map kept in window order (an entry moves to the end when it rolls into
 * a new window). Memory stays bounded: entries older than the previous window are evicted
 * from the front of the Map as new windows begin (amortised constant time, no timers), and
 * past `maxKeys` the oldest entry goes.
 */
import type { RateLimitStore, WindowCounts } from './ratelimit-store.js';

interface Entry {
  window: number;
  current: number;
  previous: number;
}

const NO_HITS: WindowCounts = Object.freeze({ current: 0, previous: 0 });

/** Default bound on the number of keys counted at once. */
export const DEFAULT_MAX_KEYS = 100_000;

/** A process-local RateLimitStore. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly entries = new Map<string, Entry>();

  /** @param maxKeys most keys held at once (the oldest is dropped beyond it) */
  constructor(private readonly maxKeys = DEFAULT_MAX_KEYS) {}

  /** How many keys are held (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }

  /** Counts one hit; returns the key's own entry, valid until the next call. */
  hit(key: string, window: number): WindowCounts {
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = { window, current: 0, previous: 0 };
      this.insert(key, entry);
    } else if (window > entry.window) {
      entry.previous = window === entry.window + 1 ? entry.current : 0;
      entry.current = 0;
      entry.window = window;
      this.entries.delete(key);
      this.insert(key, entry);
    }
    entry.current += 1;
    return entry;
  }

  /** The counts of `key` in window `window`, without counting a hit. */
  peek(key: string, window: number): WindowCounts {
    const entry = this.entries.get(key);
    if (entry === undefined || window > entry.window + 1) return NO_HITS;
    if (window === entry.window + 1) return { current: 0, previous: entry.current };
    return { current: entry.current, previous: entry.previous };
  }

  /** Forgets every count. */
  async close(): Promise<void> {
    this.entries.clear();
  }

  private insert(key: string, entry: Entry): void {
    for (const [oldKey, old] of this.entries) {
      if (old.window >= entry.window - 1 && this.entries.size < this.maxKeys) break;
      this.entries.delete(oldKey);
    }
    this.entries.set(key, entry);
  }
}
