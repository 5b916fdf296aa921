import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RestartBackoff } from '../../../core/server/restart-backoff.js';

/** A backoff with a 10 s window, two free restarts, 500 ms base and 4 s ceiling. */
function givenBackoff(): RestartBackoff {
  return new RestartBackoff({
    windowMs: 10_000,
    freeRestarts: 2,
    baseDelayMs: 500,
    maxDelayMs: 4000
  });
}

describe('RestartBackoff', () => {
  test('replaces the first deaths of a streak at once', () => {
    const backoff = givenBackoff();
    assert.equal(backoff.delayAfterDeath(1000), 0);
    assert.equal(backoff.delayAfterDeath(1100), 0);
  });

  test('doubles the delay for each further death in quick succession, up to the ceiling', () => {
    const backoff = givenBackoff();
    let now = 0;
    const delays: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const delay = backoff.delayAfterDeath(now);
      delays.push(delay);
      now += delay + 50;
    }
    assert.deepEqual(delays, [0, 0, 500, 1000, 2000, 4000, 4000]);
  });

  test('keeps backing off when a worker dies soon after a delayed replacement', () => {
    const backoff = givenBackoff();
    backoff.delayAfterDeath(0);
    backoff.delayAfterDeath(0);
    assert.equal(backoff.delayAfterDeath(0), 500);
    // The replacement started at 500 ms and lived 9 s: still the same streak.
    assert.equal(backoff.delayAfterDeath(9500), 1000);
  });

  test('ends the streak after a quiet window', () => {
    const backoff = givenBackoff();
    for (let i = 0; i < 4; i += 1) backoff.delayAfterDeath(i);
    assert.equal(backoff.delayAfterDeath(60_000), 0);
  });

  test('replaces one death at once by default', () => {
    const backoff = new RestartBackoff();
    assert.equal(backoff.delayAfterDeath(0), 0);
    assert.equal(backoff.delayAfterDeath(100), 500);
  });
});
