/**
 * The arithmetic of a windowed rate limit, shared by the `ratelimit` filter and the limit on
 * failed authentication. Time is cut into windows of `windowMs` (window-numbering in
 * ratelimit-store.ts); `limit` hits pass per window. The sliding strategy weighs the previous
 * window's count by how much of it still overlaps the last `windowMs` (no double burst at
 * window edges); the fixed one counts each window alone.
 */
import type { WindowCounts } from './ratelimit-store.js';

/** A limit of `limit` hits per `windowMs`. */
export interface WindowLimit {
  readonly limit: number;
  readonly windowMs: number;
  /** Sliding-window estimate (true) or fixed windows (false). */
  readonly sliding: boolean;
}

/** The number of the window `at` (milliseconds) falls in. */
export function windowOf(at: number, { windowMs }: WindowLimit): number {
  return Math.floor(at / windowMs);
}

/** Whether `counts` (taken at `at`) are within the limit. */
export function withinLimit(counts: WindowCounts, at: number, rule: WindowLimit): boolean {
  const weight = rule.sliding ? 1 - (at % rule.windowMs) / rule.windowMs : 0;
  return counts.previous * weight + counts.current <= rule.limit;
}

/** Milliseconds until one more hit would pass, given `counts` taken `elapsedMs` into a window. */
function retryAfterMs(counts: WindowCounts, elapsedMs: number, rule: WindowLimit): number {
  const { limit, windowMs, sliding } = rule;
  const previous = sliding ? counts.previous : 0;
  // Still in this window: the previous window's weight must fall far enough.
  if (counts.current + 1 <= limit && previous > 0) {
    const passAt = windowMs * (1 - (limit - counts.current - 1) / previous);
    if (passAt < windowMs) return Math.max(0, passAt - elapsedMs);
  }
  // In the next window this one becomes the previous and weighs in the same way.
  const carried = sliding ? counts.current : 0;
  const passAt = carried > limit - 1 ? windowMs * (1 - (limit - 1) / carried) : 0;
  return windowMs - elapsedMs + passAt;
}

/**
 * Whole seconds (at least 1) until one more hit would pass, given `counts` taken at `at`:
 * what `Retry-After` says.
 */
export function retryAfterSeconds(counts: WindowCounts, at: number, rule: WindowLimit): number {
  return Math.max(1, Math.ceil(retryAfterMs(counts, at % rule.windowMs, rule) / 1000));
}
