/**
 * `ratelimit`: limits each project (the client address before or without auth) to a rate,
 * answering excess requests with a 429 `overLimit` fault whose `Retry-After` header and
 * `retryAfter` field say, in whole seconds, when the next request will pass.
 *
 * A rate is `requests_per_minute` with a `burst`: the most requests accepted at once. They
 * set the window: `burst` requests per `burst * 60 / requests_per_minute` seconds. The
 * default `sliding` strategy weighs the previous window's count by how much of it still
 * overlaps the last window length (no double burst at window edges); `fixed` counts each
 * window alone. Every request counts, refused ones included.
 *
 * Options (paste section first, then wharf.conf `[ratelimit]`): `enabled` (default true;
 * false passes everything), `requests_per_minute` (default 120), `burst` (default:
 * requests_per_minute, a one-minute window), `strategy` (`sliding` | `fixed`), `backend`
 * (`memory` | `redis`), `redis_url` (required for redis), `redis_key_prefix`, `max_keys`
 * (memory store bound).
 * When the Redis store fails, requests pass and a warning is logged (at most every 10 s).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { sendFault } from '../api/faults.js';
import { getContext } from '../context.js';
import { HTTPTooManyRequests } from '../errors.js';
import type { Logger } from '../logger.js';
import type { FactoryContext, FilterFactory } from '../pipeline/types.js';
import { FilterOptions } from './filter-options.js';
import { DEFAULT_MAX_KEYS, MemoryRateLimitStore } from './ratelimit-memory-store.js';
import type { RateLimitStore, WindowCounts } from './ratelimit-store.js';

/** Settings of a rate limiter. */
export interface RateLimiterOptions {
  /** Requests accepted per window. */
  limit: number;
  /** Window length, milliseconds. */
  windowMs: number;
  /** Sliding-window estimate (true) or fixed windows (false). */
  sliding: boolean;
  /** Where hits are counted. */
  store: RateLimitStore;
  /** Warnings about a failing store go here. */
  logger: Logger;
  /** Clock in milliseconds (tests pass a fake one). Default `Date.now`. */
  now?: () => number;
}

const WARN_EVERY_MS = 10_000;

/** Default `requests_per_minute` (the `[ratelimit]` default of wharf.conf). */
export const DEFAULT_REQUESTS_PER_MINUTE = 120;

/** Milliseconds until a next request would pass, given the counts after a refused one. */
function retryAfterMs(
  counts: WindowCounts,
  elapsedMs: number,
  limit: number,
  windowMs: number,
  sliding: boolean
): number {
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

function clientKey(req: IncomingMessage): string {
  const { projectId } = getContext(req);
  return projectId === null ? `address:${req.socket.remoteAddress ?? ''}` : `project:${projectId}`;
}

/** Builds the rate-limiting middleware from explicit settings. */
export function createRateLimiter(options: RateLimiterOptions): RequestHandler {
  const { limit, windowMs, sliding, store, logger } = options;
  const now = options.now ?? Date.now;
  let lastWarning = -Infinity;

  function decide(res: ServerResponse, next: () => void, counts: WindowCounts, at: number): void {
    const elapsed = at % windowMs;
    const weight = sliding ? 1 - elapsed / windowMs : 0;
    if (counts.previous * weight + counts.current <= limit) return next();
    const wait = retryAfterMs(counts, elapsed, limit, windowMs, sliding);
    const headers = { 'Retry-After': String(Math.max(1, Math.ceil(wait / 1000))) };
    sendFault(res, new HTTPTooManyRequests(undefined, { headers }));
  }

  function storeFailed(error: unknown, at: number): void {
    if (at - lastWarning < WARN_EVERY_MS) return;
    lastWarning = at;
    logger.warn('rate-limit store failed; requests pass unlimited', {
      error: error instanceof Error ? error.message : String(error)
    });
  }

  return function ratelimit(req, res, next) {
    const at = now();
    const counts = store.hit(clientKey(req), Math.floor(at / windowMs));
    if (!(counts instanceof Promise)) return decide(res, next, counts, at);
    counts.then(
      (resolved) => decide(res, next, resolved, at),
      (error: unknown) => {
        storeFailed(error, at);
        next();
      }
    );
  };
}

/** Factory of the `ratelimit` filter. */
export const ratelimitFilter: FilterFactory = (context) => {
  const options = FilterOptions.of('ratelimit', context, 'ratelimit');
  if (!options.boolean('enabled', true))
    return function ratelimitDisabled(_req, _res, next) {
      next();
    };
  const perMinute = options.integer('requests_per_minute', DEFAULT_REQUESTS_PER_MINUTE, { min: 1 });
  const burst = options.integer('burst', perMinute, { min: 1 });
  const sliding =
    options.choice('strategy', ['sliding', 'fixed'] as const, 'sliding') === 'sliding';
  const windowMs = Math.max(1, Math.round((burst * 60_000) / perMinute));
  const limiter = (store: RateLimitStore): RequestHandler =>
    createRateLimiter({ limit: burst, windowMs, sliding, store, logger: context.logger });
  return options.choice('backend', ['memory', 'redis'] as const, 'memory') === 'redis'
    ? redisStore(options, windowMs, context.logger, context.onClose).then(limiter)
    : limiter(new MemoryRateLimitStore(options.integer('max_keys', DEFAULT_MAX_KEYS, { min: 1 })));
};

/** Checks the Redis options now, then loads ioredis (only hosts that use it pay for it). */
function redisStore(
  options: FilterOptions,
  windowMs: number,
  logger: Logger,
  onClose: FactoryContext['onClose']
): Promise<RateLimitStore> {
  const url = options.string('redis_url', '');
  if (!/^rediss?:\/\//.test(url)) options.fail('redis_url', url, 'a redis:// or rediss:// URL');
  const prefix = options.string('redis_key_prefix', '');
  return import('./ratelimit-redis-store.js').then(
    ({ RedisRateLimitStore, DEFAULT_REDIS_KEY_PREFIX }) => {
      const store = RedisRateLimitStore.connect(url, {
        windowMs,
        prefix: prefix || DEFAULT_REDIS_KEY_PREFIX
      });
      // ioredis reports connection trouble as events; the failing hits are what get logged.
      store.redis.on('error', (error: Error) => logger.debug(`ratelimit redis: ${error.message}`));
      onClose?.(() => store.close());
      return store;
    }
  );
}
