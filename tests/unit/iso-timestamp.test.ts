import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isoTimestamp } from '../../core/iso-timestamp.js';

describe('isoTimestamp', () => {
  test("is Date's toISOString for every millisecond, across seconds, days and years", () => {
    const starts = [Date.UTC(2026, 11, 6, 18, 20, 59), Date.UTC(1999, 11, 31, 23, 59, 59), 0];
    for (const start of starts) {
      for (let now = start - 3; now < start + 1500; now += 1)
        assert.equal(isoTimestamp(now), new Date(now).toISOString());
    }
  });

  test('reads the clock by default', () => {
    const before = Date.now();
    const stamp = Date.parse(isoTimestamp());
    assert.ok(stamp >= before && stamp <= Date.now());
  });
});
