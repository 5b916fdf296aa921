/**
 * The Redis rate-limit store, for counts shared by every worker and machine. Each key and
 * window is one Redis counter; one Lua script increments the current window's counter, sets
 * its expiry on the first hit (two windows, so it can still serve as "previous") and reads
 * the previous window's counter, atomically, in one round trip. Keys share a hash tag, so the
 * script also runs on Redis Cluster.
 */
import { Redis } from 'ioredis';
import {
  DEFAULT_REDIS_KEY_PREFIX,
  type RateLimitStore,
  type WindowCounts
} from './ratelimit-store.js';

const HIT_SCRIPT = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
return {current, previous}
`;

type WithHitCommand = Redis & {
  wharfRateLimitHit(current: string, previous: string, ttlMs: number): Promise<[number, number]>;
};

/** Options of the Redis store. */
export interface RedisRateLimitStoreOptions {
  /** Window length in milliseconds (the same the filter uses). */
  windowMs: number;
  /** Prefix of every counter key. Default `wharf:ratelimit:`. */
  prefix?: string;
}

/** A RateLimitStore on Redis (ioredis). */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly client: WithHitCommand;
  private readonly prefix: string;
  private readonly ttlMs: number;

  /** Uses `client` (connected or connecting); `close()` quits it. */
  constructor(client: Redis, options: RedisRateLimitStoreOptions) {
    client.defineCommand('wharfRateLimitHit', { lua: HIT_SCRIPT, numberOfKeys: 2 });
    this.client = client as WithHitCommand;
    this.prefix = options.prefix ?? DEFAULT_REDIS_KEY_PREFIX;
    this.ttlMs = options.windowMs * 2;
  }

  /**
   * Connects to `url` for rate limiting: commands fail at once while Redis is unreachable
   * (no offline queue, short timeout), so the filter can let requests through instead of
   * holding them.
   */
  static connect(url: string, options: RedisRateLimitStoreOptions): RedisRateLimitStore {
    const client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
      disconnectTimeout: 500
    });
    return new RedisRateLimitStore(client, options);
  }

  /** The underlying client (to watch its `error` events). */
  get redis(): Redis {
    return this.client;
  }

  /** Counts one hit atomically; resolves with both windows' counts. */
  async hit(key: string, window: number): Promise<WindowCounts> {
    const tag = this.tagOf(key);
    const [current, previous] = await this.client.wharfRateLimitHit(
      `${tag}${window}`,
      `${tag}${window - 1}`,
      this.ttlMs
    );
    return { current, previous };
  }

  /** Reads both windows' counts of `key` without counting a hit. */
  async peek(key: string, window: number): Promise<WindowCounts> {
    const tag = this.tagOf(key);
    const [current, previous] = await this.client.mget(`${tag}${window}`, `${tag}${window - 1}`);
    return { current: Number(current ?? 0), previous: Number(previous ?? 0) };
  }

  /** Quits the connection. */
  async close(): Promise<void> {
    if (this.client.status === 'end') return;
    await this.client.quit().catch(() => this.client.disconnect());
  }

  /** The prefix of `key`'s counters; the hash tag keeps both windows in one cluster slot. */
  private tagOf(key: string): string {
    return `${this.prefix}{${key}}:`;
  }
}
