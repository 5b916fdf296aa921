import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortedByKey } from '../../../core/api/sort-by-key.js';

test('computes the key once per item', () => {
  const items = Array.from({ length: 200 }, (_, index) => (index * 7919) % 200);
  let calls = 0;
  sortedByKey(items, (item) => {
    calls += 1;
    return String(item).padStart(3, '0');
  });
  assert.equal(calls, items.length);
});

test('orders by code units, as a plain string comparison, and keeps equal keys in order', () => {
  const items = [
    { key: 'b', id: 1 },
    { key: 'B', id: 2 },
    { key: 'a', id: 3 },
    { key: 'b', id: 4 },
    { key: '/x/{id} GET', id: 5 },
    { key: '/x GET', id: 6 }
  ];
  const sorted = sortedByKey(items, (item) => item.key);
  assert.deepEqual(
    sorted.map((item) => item.id),
    [6, 5, 2, 3, 1, 4]
  );
  assert.deepEqual(
    items.map((item) => item.id),
    [1, 2, 3, 4, 5, 6],
    'the input is left as it was'
  );
});
