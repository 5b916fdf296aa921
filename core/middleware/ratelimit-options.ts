/**
 * `[ratelimit]`, declared beside the code that reads it: the `ratelimit` filter (ratelimit.ts) and the failed-authentication limit (failed-auth-limit.ts). Registered as the
 * entry point `wharf.config.options: ratelimit` (entry-points.json), the way a plugin
 * registers its options; read typed with `RATELIMIT_OPTIONS.of(config).ratelimit`.
 *
 * Below the group, the options each reader takes: the wharf.conf ones picked from the group,
 * and those only a paste section sets (`burst`, `strategy`, `redis_key_prefix`, `max_keys`).
 */
import type { FilterOptionSpec } from './filter-options.js';
import { defineOptions } from '../option-group.js';
import { DEFAULT_MAX_KEYS } from './ratelimit-memory-store.js';
import { DEFAULT_REDIS_KEY_PREFIX } from './ratelimit-store.js';

/** The options of `[ratelimit]`. */
export const RATELIMIT_OPTIONS = defineOptions('wharf', [
  {
    section: 'ratelimit',
    name: 'enabled',
    type: 'bool',
    default: false,
    help: 'Limit requests per project (the `ratelimit` filter passes everything when off).'
  },
  {
    section: 'ratelimit',
    name: 'requests_per_minute',
    type: 'int',
    min: 1,
    default: 120,
    help: 'Requests one project may make per minute; more get 429 with `Retry-After`.'
  },
  {
    section: 'ratelimit',
    name: 'backend',
    type: 'enum',
    choices: ['memory', 'redis'],
    default: 'memory',
    help: '`memory` counts per process; `redis` shares the counts across workers and hosts.'
  },
  {
    section: 'ratelimit',
    name: 'redis_url',
    type: 'string',
    pattern: /^rediss?:\/\/.+/,
    patternHelp: 'a `redis://` or `rediss://` URL',
    default: 'redis://127.0.0.1:6379',
    help: 'Redis server of the `redis` backend.'
  },
  {
    section: 'ratelimit',
    name: 'on_backend_error',
    type: 'enum',
    choices: ['open', 'closed'],
    default: 'open',
    help: 'When the Redis store fails (down, or no answer within 500 ms): `open` lets requests pass unlimited, `closed` answers them 503 with `Retry-After`. Either way the outage is logged once and the limit applies again as soon as Redis answers.'
  },
  {
    section: 'ratelimit',
    name: 'failed_auth_per_minute',
    type: 'int',
    min: 0,
    default: 30,
    help: 'Failed authentications (401) one client address may make per minute; past it every request from that address gets 429 with `Retry-After` until its failures age out. On even when `enabled` is off; counted in `backend`; 0 turns it off.'
  }
]);

/** The options `openRateLimitStore` reads: where counts are kept. */
export const RATE_LIMIT_STORE_OPTIONS = [
  ...RATELIMIT_OPTIONS.pick('backend', 'redis_url'),
  {
    name: 'redis_key_prefix',
    type: 'string',
    default: DEFAULT_REDIS_KEY_PREFIX,
    help: 'Prefix of every Redis counter key (paste section only).'
  },
  {
    name: 'max_keys',
    type: 'int',
    min: 1,
    default: DEFAULT_MAX_KEYS,
    help: 'Most keys the `memory` backend counts at once; past it the oldest goes (paste section only).'
  }
] as const satisfies readonly FilterOptionSpec[];

/** The options of the `ratelimit` filter. */
export const RATELIMIT_FILTER_OPTIONS = [
  ...RATELIMIT_OPTIONS.pick('enabled', 'requests_per_minute'),
  {
    name: 'burst',
    type: 'int',
    min: 1,
    defaultText: '`requests_per_minute`',
    help: 'Most requests accepted at once; the window is `burst * 60 / requests_per_minute` seconds (paste section only).'
  },
  {
    name: 'strategy',
    type: 'enum',
    choices: ['sliding', 'fixed'],
    default: 'sliding',
    help: '`sliding` weighs the previous window by its overlap, `fixed` counts each window alone (paste section only).'
  },
  ...RATELIMIT_OPTIONS.pick('on_backend_error'),
  ...RATE_LIMIT_STORE_OPTIONS
] as const satisfies readonly FilterOptionSpec[];

/** The options of the failed-authentication limit, read by every auth filter. */
export const FAILED_AUTH_OPTIONS = [
  ...RATELIMIT_OPTIONS.pick('failed_auth_per_minute'),
  ...RATE_LIMIT_STORE_OPTIONS
] as const satisfies readonly FilterOptionSpec[];
