/**
 * Long loops a caller can make long (booting a batch of servers) give the event loop a turn
 * every few milliseconds: better-sqlite3 answers synchronously, so a loop of awaited
 * queries is a chain of microtasks that never lets a timer, a socket or `/healthcheck` in.
 * `setImmediate` runs after pending I/O callbacks, so every turn lets them run.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Rows one multi-row INSERT of a batch carries. */
export const CHUNK_SIZE = 50;

/**
 * The longest a loop runs between two turns, in ms: a fifth of the 50 ms the event loop
 * may be held, leaving room for one slow statement on a loaded machine.
 */
export const SLICE_MS = 10;

/** A loop's time slice: `turn()` yields once the slice is used up, else returns at once. */
export class TimeSlice {
  private started = performance.now();

  /** Gives the event loop a turn when this slice has run SLICE_MS or more. */
  async turn(): Promise<void> {
    if (performance.now() - this.started < SLICE_MS) return;
    await nextTurn();
    this.started = performance.now();
  }
}

/** Splits `items` into chunks of at most `size`. */
export function chunksOf<T>(items: readonly T[], size: number = CHUNK_SIZE): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}
