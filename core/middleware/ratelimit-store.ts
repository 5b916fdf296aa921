/**
 * Where the `ratelimit` filter counts requests. Time is cut into numbered windows of a fixed
 * length (window n covers `[n * windowMs, (n + 1) * windowMs)`); a store counts hits per key
 * and window and remembers the window before, which is all a sliding-window estimate needs.
 * The in-memory store serves one process; the Redis store shares counts between workers and
 * machines.
 */

/** Default prefix of every counter key of the Redis store (`redis_key_prefix`). */
export const DEFAULT_REDIS_KEY_PREFIX = 'wharf:ratelimit:';

/** Hits of one key: in the current window (this hit included) and in the one before. */
export interface WindowCounts {
  /** Hits in the current window, this one included. */
  readonly current: number;
  /** Hits in the window before it. */
  readonly previous: number;
}

/** A counter of hits per key and window. */
export interface RateLimitStore {
  /**
   * Counts one hit of `key` in window number `window` and returns the counts. Synchronous
   * stores return the counts themselves (valid until the next call), remote ones a promise.
   */
  hit(key: string, window: number): WindowCounts | Promise<WindowCounts>;
  /** The counts of `key` in window number `window`, without counting a hit. */
  peek(key: string, window: number): WindowCounts | Promise<WindowCounts>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}
