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
import { sendFault } from '../http/faults.js';
import { getContext } from '../context.js';
import { HTTPTooManyRequests } from '../errors.js';
import type { Logger } from '../logger.js';
import type { FilterFactory } from '../pipeline/types.js';
import { clientAddress } from './client-address.js';
import { FilterOptions } from './filter-options.js';
import {
  openRateLimitStore,
  RATE_LIMIT_STORE_OPTIONS,
  storeFailureReporter
} from './ratelimit-open-store.js';
import type { RateLimitStore, WindowCounts } from './ratelimit-store.js';
import { retryAfterSeconds, windowOf, withinLimit, type WindowLimit } from './ratelimit-window.js';

/** Settings of a rate limiter: `limit` requests per `windowMs`, sliding or fixed. */
export interface RateLimiterOptions extends WindowLimit {
  /** Where hits are counted. */
  store: RateLimitStore;
  /** Warnings about a failing store go here. */
  logger: Logger;
  /** Clock in milliseconds (tests pass a fake one). Default `Date.now`. */
  now?: () => number;
}

/** Default `requests_per_minute` (the `[ratelimit]` default of wharf.conf). */
export const DEFAULT_REQUESTS_PER_MINUTE = 120;

function clientKey(req: IncomingMessage): string {
  const { projectId } = getContext(req);
  return projectId === null ? `address:${clientAddress(req)}` : `project:${projectId}`;
}

/** Builds the rate-limiting middleware from explicit settings. */
export function createRateLimiter(options: RateLimiterOptions): RequestHandler {
  const { store } = options;
  const now = options.now ?? Date.now;
  const storeFailed = storeFailureReporter(
    options.logger,
    'rate-limit store failed; requests pass unlimited'
  );

  function decide(res: ServerResponse, next: () => void, counts: WindowCounts, at: number): void {
    if (withinLimit(counts, at, options)) return next();
    const headers = { 'Retry-After': String(retryAfterSeconds(counts, at, options)) };
    sendFault(res, new HTTPTooManyRequests(undefined, { headers }));
  }

  return function ratelimit(req, res, next) {
    const at = now();
    const counts = store.hit(clientKey(req), windowOf(at, options));
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
  const store = openRateLimitStore(options, windowMs, context);
  return store instanceof Promise ? store.then(limiter) : limiter(store);
};
ratelimitFilter.options = [
  'enabled',
  'requests_per_minute',
  'burst',
  'strategy',
  ...RATE_LIMIT_STORE_OPTIONS
];
