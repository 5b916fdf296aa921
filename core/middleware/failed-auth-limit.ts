/**
 * The limit on failed authentication per client address: after `[ratelimit]
 * failed_auth_per_minute` failures in a sliding minute, every request from that address is
 * answered 429 `overLimit` (with `Retry-After` and `retryAfter`) before its credentials are
 * even looked at, so neither token guessing nor a flood of bad tokens gets through; it ends
 * on its own as the failures age out of the window. Requests refused this way do not count.
 *
 * It runs inside the auth filters (auth-filter.ts), ahead of the `ratelimit` filter, and is on
 * even when `[ratelimit] enabled` is off; `failed_auth_per_minute = 0` turns it off. The
 * address is `clientAddress()`: the socket's peer, or what a trusted proxy reported. Counts
 * live in the store of `[ratelimit] backend` (in memory, or shared through Redis); when the
 * store fails, requests pass, and the outage is logged once (outage-log.ts). The failure
 * that closes an address is logged as a warning naming it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendFault } from '../http/faults.js';
import { getContext } from '../context.js';
import { HTTPTooManyRequests } from '../errors.js';
import type { Logger } from '../logger.js';
import type { FactoryContext } from '../pipeline/types.js';
import { clientAddress } from './client-address.js';
import { FilterOptions } from './filter-options.js';
import { OutageLog } from './outage-log.js';
import { openRateLimitStore } from './ratelimit-open-store.js';
import { FAILED_AUTH_OPTIONS } from './ratelimit-options.js';
import type { RateLimitStore, WindowCounts } from './ratelimit-store.js';
import { retryAfterSeconds, windowOf, withinLimit, type WindowLimit } from './ratelimit-window.js';

/** Settings of a FailedAuthLimit. */
export interface FailedAuthLimitOptions {
  /** Failures accepted per minute from one address. */
  perMinute: number;
  /** Where failures are counted. */
  store: RateLimitStore;
  /** Warnings about a failing store go here. */
  logger: Logger;
  /** Clock in milliseconds (tests pass a fake one). Default `Date.now`. */
  now?: () => number;
}

/** Counts failed authentications per client address and refuses addresses over the limit. */
export class FailedAuthLimit {
  private readonly rule: WindowLimit;
  private readonly now: () => number;
  private readonly outages: OutageLog;

  constructor(private readonly options: FailedAuthLimitOptions) {
    this.rule = { limit: options.perMinute, windowMs: 60_000, sliding: true };
    this.now = options.now ?? Date.now;
    this.outages = new OutageLog(
      options.logger,
      'the store of the failed-auth limit',
      'authentication attempts pass unlimited until it answers'
    );
  }

  /**
   * Whether the client of `req` may try to authenticate; when it failed too often, answers
   * 429 itself and yields false. A promise only with a remote store.
   */
  admit(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> {
    const at = this.now();
    const counts = this.options.store.peek(clientAddress(req), windowOf(at, this.rule));
    if (!(counts instanceof Promise)) return this.decide(res, counts, at);
    return counts.then(
      (resolved) => {
        this.outages.succeeded();
        return this.decide(res, resolved, at);
      },
      (error: unknown) => {
        this.outages.failed(error);
        return true;
      }
    );
  }

  /** Counts one failed authentication of the client of `req`. */
  failed(req: IncomingMessage): void {
    const at = this.now();
    const address = clientAddress(req);
    const counted = this.options.store.hit(address, windowOf(at, this.rule));
    if (!(counted instanceof Promise)) return this.reportClosing(req, address, counted, at);
    counted.then(
      (resolved) => {
        this.outages.succeeded();
        this.reportClosing(req, address, resolved, at);
      },
      (error: unknown) => this.outages.failed(error)
    );
  }

  /** Logs, once, the failure that closes an address (admitted before it, refused after). */
  private reportClosing(req: IncomingMessage, address: string, counts: WindowCounts, at: number) {
    const next = { current: counts.current + 1, previous: counts.previous };
    if (!withinLimit(counts, at, this.rule) || withinLimit(next, at, this.rule)) return;
    this.options.logger.warn(
      `client ${address} failed authentication ${this.rule.limit} times within a minute; ` +
        `its requests are refused (429) for now`,
      {
        clientAddress: address,
        retryAfter: retryAfterSeconds(counts, at, this.rule),
        requestId: getContext(req).requestId
      }
    );
  }

  private decide(res: ServerResponse, counts: WindowCounts, at: number): boolean {
    // Admitted while one more failure would still be within the limit.
    if (withinLimit({ current: counts.current + 1, previous: counts.previous }, at, this.rule))
      return true;
    const headers = { 'Retry-After': String(retryAfterSeconds(counts, at, this.rule)) };
    sendFault(res, new HTTPTooManyRequests(undefined, { headers }));
    return false;
  }
}

/**
 * The limit the options of auth filter `filter` ask for (its paste section, then `[ratelimit]`
 * of wharf.conf): null when `failed_auth_per_minute` is 0, a promise with a Redis store.
 */
export function openFailedAuthLimit(
  filter: string,
  context: FactoryContext
): FailedAuthLimit | null | Promise<FailedAuthLimit> {
  const options = FilterOptions.of(filter, context, FAILED_AUTH_OPTIONS);
  const perMinute = options.get('failed_auth_per_minute');
  if (perMinute === 0) return null;
  const limit = (store: RateLimitStore): FailedAuthLimit =>
    new FailedAuthLimit({ perMinute, store, logger: context.logger });
  const store = openRateLimitStore(options, 60_000, context, 'failed-auth:');
  return store instanceof Promise ? store.then(limit) : limit(store);
}
