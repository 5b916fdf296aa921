import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MemoryRateLimitStore } from '../../../core/middleware/ratelimit-memory-store.js';

/** The counts of one hit, copied (the store reuses its entries). */
function hit(store: MemoryRateLimitStore, key: string, window: number) {
  const { current, previous } = store.hit(key, window);
  return { current, previous };
}

describe('MemoryRateLimitStore', () => {
  test('counts hits per key within a window', () => {
    const store = new MemoryRateLimitStore();
    assert.deepEqual(hit(store, 'a', 5), { current: 1, previous: 0 });
    assert.deepEqual(hit(store, 'a', 5), { current: 2, previous: 0 });
    assert.deepEqual(hit(store, 'b', 5), { current: 1, previous: 0 });
  });

  test('carries the count into the next window as previous', () => {
    const store = new MemoryRateLimitStore();
    hit(store, 'a', 5);
    hit(store, 'a', 5);
    assert.deepEqual(hit(store, 'a', 6), { current: 1, previous: 2 });
  });

  test('forgets counts older than the previous window', () => {
    const store = new MemoryRateLimitStore();
    hit(store, 'a', 5);
    assert.deepEqual(hit(store, 'a', 7), { current: 1, previous: 0 });
  });

  test('counts a hit from an earlier window in the current one', () => {
    const store = new MemoryRateLimitStore();
    hit(store, 'a', 5);
    assert.deepEqual(hit(store, 'a', 4), { current: 2, previous: 0 });
  });

  test('peeks at the counts without counting a hit', () => {
    const store = new MemoryRateLimitStore();
    assert.deepEqual(store.peek('a', 5), { current: 0, previous: 0 });
    hit(store, 'a', 5);
    hit(store, 'a', 5);
    assert.deepEqual(store.peek('a', 5), { current: 2, previous: 0 });
    assert.deepEqual(store.peek('a', 6), { current: 0, previous: 2 });
    assert.deepEqual(store.peek('a', 7), { current: 0, previous: 0 });
    assert.deepEqual(hit(store, 'a', 5), { current: 3, previous: 0 });
  });

  test('evicts keys whose windows have expired', () => {
    const store = new MemoryRateLimitStore();
    for (let index = 0; index < 100; index += 1) hit(store, `key-${index}`, 1);
    hit(store, 'late', 2);
    assert.equal(store.size, 101, 'the previous window is still needed');
    hit(store, 'later', 3);
    assert.equal(store.size, 2);
  });

  test('holds at most maxKeys keys, dropping the oldest', () => {
    const store = new MemoryRateLimitStore(3);
    for (const key of ['a', 'b', 'c', 'd']) hit(store, key, 1);
    assert.equal(store.size, 3);
    assert.deepEqual(hit(store, 'a', 1), { current: 1, previous: 0 }, 'a was dropped');
  });

  test('empties on close', async () => {
    const store = new MemoryRateLimitStore();
    hit(store, 'a', 1);
    await store.close();
    assert.equal(store.size, 0);
  });
});
