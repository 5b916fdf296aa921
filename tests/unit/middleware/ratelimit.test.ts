import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RequestHandler } from 'express';
import request from 'supertest';
import { getContext } from '../../../core/context.js';
import { ConfigError } from '../../../core/errors.js';
import { FilterOptions } from '../../../core/middleware/filter-options.js';
import { MemoryRateLimitStore } from '../../../core/middleware/ratelimit-memory-store.js';
import { openRateLimitStore } from '../../../core/middleware/ratelimit-open-store.js';
import { RATE_LIMIT_STORE_OPTIONS } from '../../../core/middleware/ratelimit-options.js';
import type { RedisRateLimitStore } from '../../../core/middleware/ratelimit-redis-store.js';
import type { RateLimitStore } from '../../../core/middleware/ratelimit-store.js';
import { createRateLimiter, ratelimitFilter } from '../../../core/middleware/ratelimit.js';
import {
  givenApp,
  givenConfigContainer,
  givenFactoryContext,
  givenFilter,
  givenLogCapture,
  quietLogger
} from './given.js';

/** A clock the test moves by hand. */
function givenClock(start = 0) {
  const clock = { now: start, advance: (ms: number) => (clock.now += ms) };
  return clock;
}

/** Sets the caller's project from `X-Project`, as an auth filter would. */
const projectFromHeader: RequestHandler = function projectFromHeader(req, _res, next) {
  const project = req.headers['x-project'];
  if (typeof project === 'string') getContext(req).projectId = project;
  next();
};

function givenLimitedApp(
  options: { limit: number; windowMs: number; sliding?: boolean; store?: RateLimitStore },
  clock = givenClock()
) {
  const limiter = createRateLimiter({
    limit: options.limit,
    windowMs: options.windowMs,
    sliding: options.sliding ?? true,
    store: options.store ?? new MemoryRateLimitStore(),
    logger: quietLogger,
    now: () => clock.now
  });
  return givenApp([projectFromHeader, limiter]);
}

describe('ratelimit filter', () => {
  test('answers over the limit with 429, Retry-After, then lets requests through again', async () => {
    const clock = givenClock();
    const app = givenLimitedApp({ limit: 2, windowMs: 1000 }, clock);
    await request(app).get('/').expect(200);
    await request(app).get('/').expect(200);
    const refused = await request(app).get('/').expect(429);
    assert.equal(refused.headers['retry-after'], '2');
    assert.deepEqual(refused.body, {
      overLimit: { code: 429, message: 'This request was rate-limited.', retryAfter: '2' }
    });
    clock.advance(2000);
    await request(app).get('/').expect(200);
  });

  test('counts fixed windows alone', async () => {
    const clock = givenClock(250);
    const app = givenLimitedApp({ limit: 2, windowMs: 1000, sliding: false }, clock);
    await request(app).get('/').expect(200);
    await request(app).get('/').expect(200);
    const refused = await request(app).get('/').expect(429);
    assert.equal(refused.headers['retry-after'], '1');
    clock.advance(750);
    await request(app).get('/').expect(200);
  });

  test('weighs the previous window in the sliding strategy', async () => {
    const clock = givenClock(900);
    const app = givenLimitedApp({ limit: 2, windowMs: 1000 }, clock);
    await request(app).get('/').expect(200);
    await request(app).get('/').expect(200);
    clock.advance(200);
    await request(app).get('/').expect(429);
  });

  test('counts each project apart and falls back to the client address', async () => {
    const app = givenLimitedApp({ limit: 1, windowMs: 60_000 });
    await request(app).get('/').set('X-Project', 'a').expect(200);
    await request(app).get('/').set('X-Project', 'a').expect(429);
    await request(app).get('/').set('X-Project', 'b').expect(200);
    await request(app).get('/').expect(200);
    await request(app).get('/').expect(429);
  });

  test('waits for an asynchronous store', async () => {
    const memory = new MemoryRateLimitStore();
    const store: RateLimitStore = {
      hit: async (key, window) => ({ ...memory.hit(key, window) }),
      peek: async (key, window) => memory.peek(key, window),
      close: () => memory.close()
    };
    const app = givenLimitedApp({ limit: 1, windowMs: 60_000, store });
    await request(app).get('/').expect(200);
    await request(app).get('/').expect(429);
  });

  test('lets requests through and warns once when the store fails', async () => {
    const capture = givenLogCapture();
    const failing: RateLimitStore = {
      hit: () => Promise.reject(new Error('connection refused')),
      peek: () => Promise.reject(new Error('connection refused')),
      close: async () => {}
    };
    const limiter = createRateLimiter({
      limit: 1,
      windowMs: 1000,
      sliding: true,
      store: failing,
      logger: capture.logger
    });
    const app = givenApp([limiter]);
    await request(app).get('/').expect(200);
    await request(app).get('/').expect(200);
    assert.equal(capture.lines.filter((line) => line.level === 'warn').length, 1);
  });

  test('on_backend_error closed: 503 with Retry-After while the store fails, limits again after', async () => {
    const capture = givenLogCapture();
    const memory = new MemoryRateLimitStore();
    let failing = true;
    const flaky: RateLimitStore = {
      hit: (key, window) =>
        failing
          ? Promise.reject(new Error('ECONNREFUSED'))
          : Promise.resolve(memory.hit(key, window)),
      peek: (key, window) => memory.peek(key, window),
      close: () => memory.close()
    };
    const limiter = createRateLimiter({
      limit: 1,
      windowMs: 60_000,
      sliding: true,
      store: flaky,
      onBackendError: 'closed',
      logger: capture.logger
    });
    const app = givenApp([limiter]);
    for (let i = 0; i < 3; i++) {
      const refused = await request(app).get('/').expect(503);
      assert.equal(refused.headers['retry-after'], '2');
      assert.equal(refused.body.serviceUnavailable.code, 503);
    }
    failing = false;
    await request(app).get('/').expect(200);
    await request(app).get('/').expect(429);
    assert.deepEqual(
      capture.lines.map((line) => [line.level, line.message]),
      [
        [
          'warn',
          'the store of the ratelimit filter is unavailable: ECONNREFUSED; requests get 503 until it answers'
        ],
        ['info', 'the store of the ratelimit filter answers again']
      ]
    );
  });
});

describe('ratelimitFilter factory', () => {
  test('limits to burst requests per burst/rate minutes', async () => {
    const app = givenApp([
      await givenFilter(ratelimitFilter, { enabled: 'true', requests_per_minute: '1', burst: '1' })
    ]);
    await request(app).get('/').expect(200);
    const refused = await request(app).get('/').expect(429);
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter > 60 && retryAfter <= 120, `Retry-After ${retryAfter}`);
  });

  test('refuses an on_backend_error other than open or closed', async () => {
    await assert.rejects(
      givenFilter(ratelimitFilter, { on_backend_error: 'ignore' }),
      (error: unknown) => error instanceof ConfigError && /on_backend_error/.test(error.message)
    );
  });

  test('without a loaded configuration it is off, as `[ratelimit] enabled` declares', async () => {
    const app = givenApp([await givenFilter(ratelimitFilter, { requests_per_minute: '1' })]);
    await request(app).get('/').expect(200);
    await request(app).get('/').expect(200);
  });

  test('reads [ratelimit] of wharf.conf behind its paste options', async () => {
    const child = givenConfigContainer({ ratelimit: { enabled: false, requests_per_minute: 1 } });
    const off = givenApp([await givenFilter(ratelimitFilter, {}, { container: child })]);
    await request(off).get('/').expect(200);
    await request(off).get('/').expect(200);
    const on = givenApp([
      await givenFilter(ratelimitFilter, { enabled: 'true' }, { container: child })
    ]);
    await request(on).get('/').expect(200);
    await request(on).get('/').expect(429);
  });

  test('refuses bad options', () => {
    const bad: [Record<string, string>, string][] = [
      [{ requests_per_minute: '0' }, 'requests_per_minute'],
      [{ burst: 'lots' }, 'burst'],
      [{ strategy: 'leaky' }, 'strategy'],
      [{ backend: 'mongo' }, 'backend'],
      [{ backend: 'redis', redis_url: 'http://cache:6379' }, 'redis_url']
    ];
    for (const [localConf, option] of bad) {
      assert.throws(
        () => ratelimitFilter(givenFactoryContext({ enabled: 'true', ...localConf })),
        (error: unknown) =>
          error instanceof ConfigError &&
          new RegExp(`filter ratelimit: option ${option}`).test(error.message)
      );
    }
  });

  test('without a loaded configuration, backend redis uses the declared redis_url', async () => {
    const closers: (() => void | Promise<void>)[] = [];
    const context = {
      ...givenFactoryContext({ backend: 'redis' }),
      onClose: (close: () => void | Promise<void>) => closers.push(close)
    };
    const options = FilterOptions.of('ratelimit', context, RATE_LIMIT_STORE_OPTIONS);
    const store = (await openRateLimitStore(options, 60_000, context)) as RedisRateLimitStore;
    try {
      assert.equal(store.redis.options.host, '127.0.0.1');
      assert.equal(store.redis.options.port, 6379);
    } finally {
      for (const close of closers) await close();
    }
  });
});
