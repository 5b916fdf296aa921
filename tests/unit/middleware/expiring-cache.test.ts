import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ExpiringCache } from '../../../core/middleware/expiring-cache.js';

describe('ExpiringCache', () => {
  test('serves a value until its deadline, then loads it again', async () => {
    let now = 1000;
    const cache = new ExpiringCache<string>(10, () => now);
    let loads = 0;
    const load = async () => ({ value: `v${++loads}`, expiresAt: 2000 });
    assert.equal(await cache.get('k', load), 'v1');
    now = 1999;
    assert.equal(await cache.get('k', load), 'v1');
    now = 2000;
    assert.equal(await cache.get('k', load), 'v2');
  });

  test('keeps nothing whose deadline has passed, nor a failed load', async () => {
    const cache = new ExpiringCache<string>(10, () => 1000);
    await cache.get('past', async () => ({ value: 'x', expiresAt: 1000 }));
    await assert.rejects(cache.get('failed', () => Promise.reject(new Error('down'))));
    assert.equal(cache.size, 0);
  });

  test('drops the oldest entry past maxEntries', async () => {
    const cache = new ExpiringCache<string>(2, () => 0);
    for (const key of ['a', 'b', 'c'])
      await cache.get(key, async () => ({ value: key, expiresAt: 10 }));
    assert.equal(cache.size, 2);
    assert.equal(
      await cache.get('a', async () => ({ value: 'reloaded', expiresAt: 10 })),
      'reloaded'
    );
  });

  test('shares one load among concurrent look-ups of a key', async () => {
    const cache = new ExpiringCache<number>(10);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { value: 1, expiresAt: Date.now() + 60_000 };
    };
    await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)]);
    assert.equal(loads, 1);
  });
});
