import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CHUNK_SIZE,
  eachInTurns,
  SLICE_MS,
  TimeSlice
} from '../../../extensions/compute/event-loop-turns.js';

/** A slice that is used up after `fresh` checks of `usedUp`. */
function givenSliceUsedUpAfter(fresh: number): TimeSlice {
  const slice = new TimeSlice();
  let checks = 0;
  Object.defineProperty(slice, 'usedUp', { get: () => checks++ >= fresh });
  return slice;
}

/** Whether a `setImmediate` callback queued before `run` got to run before `run` ended. */
async function turnedDuring(run: () => Promise<void>): Promise<boolean> {
  let turned = false;
  setImmediate(() => (turned = true));
  await run();
  return turned;
}

describe('eachInTurns', () => {
  test('visits a list the slice lasts for synchronously and returns no promise', () => {
    const seen: number[] = [];
    const items = Array.from({ length: 3 * CHUNK_SIZE }, (_, index) => index);
    const result = eachInTurns(items, new TimeSlice(), (item) => seen.push(item));
    assert.equal(result, undefined);
    assert.deepEqual(seen, items);
  });

  test('gives the event loop a turn once the slice is used up, then visits the rest', async () => {
    const seen: number[] = [];
    const items = Array.from({ length: 2 * CHUNK_SIZE + 1 }, (_, index) => index);
    let result: Promise<void> | undefined;
    const turned = await turnedDuring(async () => {
      result = eachInTurns(items, givenSliceUsedUpAfter(1), (item) => seen.push(item));
      assert.equal(seen.length, CHUNK_SIZE, 'the first chunk runs before the slice is over');
      assert.ok(result instanceof Promise);
      await result;
    });
    assert.ok(turned);
    assert.deepEqual(seen, items);
  });

  test('turns before the first item when the slice was used up already', async () => {
    const seen: string[] = [];
    const result = eachInTurns(['a'], givenSliceUsedUpAfter(0), (item) => seen.push(item));
    assert.deepEqual(seen, []);
    await result;
    assert.deepEqual(seen, ['a']);
  });
});

describe('TimeSlice', () => {
  test('is used up after SLICE_MS, and fresh again after its turn', async () => {
    const slice = new TimeSlice();
    assert.equal(slice.usedUp, false);
    const until = performance.now() + SLICE_MS;
    while (performance.now() < until);
    assert.equal(slice.usedUp, true);
    await slice.turn();
    assert.equal(slice.usedUp, false);
  });
});
