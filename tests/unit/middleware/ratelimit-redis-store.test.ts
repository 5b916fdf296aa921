/**
 * The Redis rate-limit store against a private `redis-server` the test starts
 * (tests/helpers/redis-server.ts): skipped with the reason when Redis is not installed,
 * except under CI, where a missing Redis fails the suite.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import request from 'supertest';
import { RedisRateLimitStore } from '../../../core/middleware/ratelimit-redis-store.js';
import { createRateLimiter } from '../../../core/middleware/ratelimit.js';
import { givenRedisServer, redisSkip, type RedisServer } from '../../helpers/redis-server.js';
import { givenApp, quietLogger } from './given.js';

describe('RedisRateLimitStore', { skip: redisSkip() }, () => {
  let redis: RedisServer;
  let client: Redis;
  let store: RedisRateLimitStore;
  const prefix = 'wharf-test:';

  before(async () => {
    redis = await givenRedisServer();
    client = new Redis(redis.url);
    store = new RedisRateLimitStore(client, { windowMs: 1000, prefix });
  });
  after(async () => {
    await store?.close();
    await redis?.remove();
  });

  test('counts hits per key and window, with the previous window', async () => {
    assert.deepEqual(await store.hit('a', 10), { current: 1, previous: 0 });
    assert.deepEqual(await store.hit('a', 10), { current: 2, previous: 0 });
    assert.deepEqual(await store.hit('b', 10), { current: 1, previous: 0 });
    assert.deepEqual(await store.hit('a', 11), { current: 1, previous: 2 });
  });

  test('peeks at both windows without counting a hit', async () => {
    assert.deepEqual(await store.peek('p', 30), { current: 0, previous: 0 });
    await store.hit('p', 30);
    assert.deepEqual(await store.peek('p', 31), { current: 0, previous: 1 });
    assert.deepEqual(await store.hit('p', 31), { current: 1, previous: 1 });
    assert.deepEqual(await store.peek('p', 31), { current: 1, previous: 1 });
  });

  test('expires a window counter after two windows', async () => {
    await store.hit('ttl', 20);
    const ttl = await client.pttl(`${prefix}{ttl}:20`);
    assert.ok(ttl > 0 && ttl <= 2000, `pttl ${ttl}`);
  });

  test('limits requests through the filter', async () => {
    const app = givenApp([
      createRateLimiter({ limit: 1, windowMs: 60_000, sliding: true, store, logger: quietLogger })
    ]);
    await request(app).get('/').expect(200);
    await request(app).get('/').expect(429);
  });
});

describe('RedisRateLimitStore without a server', () => {
  test('fails at once, so the filter lets requests through', async () => {
    const store = RedisRateLimitStore.connect('redis://127.0.0.1:1', { windowMs: 1000 });
    store.redis.on('error', () => {});
    try {
      await assert.rejects(store.hit('a', 1));
      const app = givenApp([
        createRateLimiter({ limit: 1, windowMs: 1000, sliding: true, store, logger: quietLogger })
      ]);
      await request(app).get('/').expect(200);
      await request(app).get('/').expect(200);
    } finally {
      await store.close();
    }
  });
});
