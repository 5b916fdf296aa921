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
 * Options, declared with their defaults in ratelimit-options.ts (`RATELIMIT_FILTER_OPTIONS`;
 * paste section first, then wharf.conf `[ratelimit]`): `enabled` (off passes everything),
 * `requests_per_minute`, `burst` (default: requests_per_minute, a one-minute window),
 * `strategy` (`sliding` | `fixed`), `backend` (`memory` | `redis`), `redis_url`,
 * `redis_key_prefix`, `max_keys` (memory store bound), `on_backend_error` (`open` | `closed`).
 *
 * When the Redis store fails (down, or no answer within its 500 ms command timeout),
 * `on_backend_error = open` (the default) lets requests pass unlimited and `closed` answers
 * them 503 `serviceUnavailable` with `Retry-After` (code `WHARF_RATELIMIT_UNAVAILABLE`); the
 * outage is logged once when it starts and once when the store answers again, and the
 * limiter counts again by itself as soon as it does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { sendFault } from '../http/faults.js';
import { getContext } from '../context.js';
import { BackingServiceUnavailable, HTTPTooManyRequests } from '../errors.js';
import { CODES } from '../errors/codes.js';
import type { Logger } from '../logger.js';
import type { FilterFactory } from '../pipeline/types.js';
import { clientAddress } from './client-address.js';
import { FilterOptions } from './filter-options.js';
import { OutageLog } from './outage-log.js';
import { openRateLimitStore } from './ratelimit-open-store.js';
import { RATELIMIT_FILTER_OPTIONS } from './ratelimit-options.js';
import type { RateLimitStore, WindowCounts } from './ratelimit-store.js';
import { retryAfterSeconds, windowOf, withinLimit, type WindowLimit } from './ratelimit-window.js';

/** Settings of a rate limiter: `limit` requests per `windowMs`, sliding or fixed. */
export interface RateLimiterOptions extends WindowLimit {
  /** Where hits are counted. */
  store: RateLimitStore;
  /** When the store fails: let requests pass (`open`, the default) or answer 503 (`closed`). */
  onBackendError?: BackendErrorPolicy;
  /** The store's outages are logged here. */
  logger: Logger;
  /** Clock in milliseconds (tests pass a fake one). Default `Date.now`. */
  now?: () => number;
}

/** What the filter does with a request when its store fails. */
export type BackendErrorPolicy = 'open' | 'closed';

/** `Retry-After` of the 503 `on_backend_error = closed` answers while the store fails. */
export const RATELIMIT_RETRY_AFTER_SECONDS = 2;

function clientKey(req: IncomingMessage): string {
  const { projectId } = getContext(req);
  return projectId === null ? `address:${clientAddress(req)}` : `project:${projectId}`;
}

/** Builds the rate-limiting middleware from explicit settings. */
export function createRateLimiter(options: RateLimiterOptions): RequestHandler {
  const { store } = options;
  const now = options.now ?? Date.now;
  const closed = options.onBackendError === 'closed';
  const outages = new OutageLog(
    options.logger,
    'the store of the ratelimit filter',
    closed ? 'requests get 503 until it answers' : 'requests pass unlimited until it answers'
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
      (resolved) => {
        outages.succeeded();
        decide(res, next, resolved, at);
      },
      (error: unknown) => {
        outages.failed(error);
        if (!closed) return next();
        sendFault(
          res,
          new BackingServiceUnavailable(
            CODES.WHARF_RATELIMIT_UNAVAILABLE,
            'The rate limiter',
            RATELIMIT_RETRY_AFTER_SECONDS,
            { cause: error }
          )
        );
      }
    );
  };
}

/** Factory of the `ratelimit` filter. */
export const ratelimitFilter: FilterFactory = (context) => {
  const options = FilterOptions.of('ratelimit', context, RATELIMIT_FILTER_OPTIONS);
  // Read before `enabled` is looked at, so a bad value stops start-up either way.
  const perMinute = options.get('requests_per_minute');
  const burst = options.get('burst') ?? perMinute;
  const sliding = options.get('strategy') === 'sliding';
  const onBackendError = options.get('on_backend_error');
  if (!options.get('enabled'))
    return function ratelimitDisabled(_req, _res, next) {
      next();
    };
  const windowMs = Math.max(1, Math.round((burst * 60_000) / perMinute));
  const limiter = (store: RateLimitStore): RequestHandler =>
    createRateLimiter({
      limit: burst,
      windowMs,
      sliding,
      store,
      onBackendError,
      logger: context.logger
    });
  const store = openRateLimitStore(options, windowMs, context);
  return store instanceof Promise ? store.then(limiter) : limiter(store);
};
ratelimitFilter.options = FilterOptions.names(RATELIMIT_FILTER_OPTIONS);
