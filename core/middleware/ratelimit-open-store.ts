/**
 * Opening the rate-limit store the options ask for, shared by the `ratelimit` filter and the
 * limit on failed authentication: `backend = memory` (per process, bounded by `max_keys`) or
 * `redis` (shared by workers and hosts, at `redis_url`, keys under `redis_key_prefix`).
 * ioredis is loaded only when Redis is used; its commands fail at once while Redis is
 * unreachable and after 500 ms when it does not answer. What a failure does to a request is
 * the caller's choice (outage-log.ts logs each outage once).
 */
import { once } from 'node:events';
import type { FactoryContext } from '../pipeline/types.js';
import type { FilterOptions } from './filter-options.js';
import { MemoryRateLimitStore } from './ratelimit-memory-store.js';
import type { RATE_LIMIT_STORE_OPTIONS } from './ratelimit-options.js';
import type { RateLimitStore } from './ratelimit-store.js';

/**
 * The store of `options` (those of `RATE_LIMIT_STORE_OPTIONS`, ratelimit-options.ts) counting
 * windows of `windowMs`; `namespace` is added to Redis keys so two limits never share
 * counters. A promise only for Redis.
 */
export function openRateLimitStore(
  options: FilterOptions<typeof RATE_LIMIT_STORE_OPTIONS>,
  windowMs: number,
  context: Pick<FactoryContext, 'logger' | 'onClose'>,
  namespace = ''
): RateLimitStore | Promise<RateLimitStore> {
  if (options.get('backend') === 'memory') return new MemoryRateLimitStore(options.get('max_keys'));
  const url = options.get('redis_url');
  const prefix = `${options.get('redis_key_prefix')}${namespace}`;
  return import('./ratelimit-redis-store.js').then(({ RedisRateLimitStore }) => {
    const store = RedisRateLimitStore.connect(url, { windowMs, prefix });
    // ioredis reports connection trouble as events; the failing hits are what get logged.
    store.redis.on('error', (error: Error) =>
      context.logger.debug(`ratelimit redis: ${error.message}`)
    );
    context.onClose?.(() => store.close());
    // Commands fail at once until the connection is up: the first requests must not meet
    // an outage that is only the connection being opened. A Redis down at start-up fails
    // the first attempt (an `error` event), and the host starts without it.
    return once(store.redis, 'ready').then(
      () => store,
      () => store
    );
  });
}
