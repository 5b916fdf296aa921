/**
 * `[ratelimit]`, declared beside the code that reads it: the `ratelimit` filter (ratelimit.ts) and the failed-authentication limit (failed-auth-limit.ts). Registered as the
 * entry point `wharf.config.options: ratelimit` (entry-points.json), the way a plugin
 * registers its options; read typed with `RATELIMIT_OPTIONS.of(config).ratelimit`.
 */
import { defineOptions } from '../option-group.js';

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
