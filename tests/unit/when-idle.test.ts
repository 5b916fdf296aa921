/**
 * whenIdle: the task runs once the event loop was idle for one interval, not while the loop
 * is kept busy, and not at all once cancelled.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { whenIdle } from '../../core/when-idle.js';

/** Keeps the event loop busy for `ms` in 10 ms slices, letting timers run between them. */
function busyFor(ms: number): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((resolve) => {
    const slice = (): void => {
      const end = Date.now() + 10;
      while (Date.now() < end);
      if (Date.now() < until) setImmediate(slice);
      else resolve();
    };
    slice();
  });
}

describe('whenIdle', () => {
  test('runs the task once the loop was idle for an interval', async () => {
    let ran = false;
    whenIdle(() => (ran = true), 20);
    await sleep(200);
    assert.equal(ran, true);
  });

  test('does not run the task while the loop is busy', async () => {
    let ran = false;
    whenIdle(() => (ran = true), 20);
    await busyFor(300);
    assert.equal(ran, false, 'it ran while the loop was busy');
    await sleep(200);
    assert.equal(ran, true);
  });

  test('never runs a cancelled task', async () => {
    let ran = false;
    const cancel = whenIdle(() => (ran = true), 20);
    cancel();
    await sleep(100);
    assert.equal(ran, false);
  });
});
