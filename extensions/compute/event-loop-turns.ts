/**
 * Long loops a caller can make long (booting a batch of servers, reading and viewing a page
 * of a thousand) give the event loop a turn every few milliseconds: better-sqlite3 answers
 * synchronously, so a loop of awaited queries is a chain of microtasks that never lets a
 * timer, a socket or `/healthcheck` in. `setImmediate` runs after pending I/O callbacks, so
 * every turn lets them run.
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

/**
 * Calls `each` on every item, giving the event loop a turn first and then every SLICE_MS
 * (checked once per CHUNK_SIZE items). A list of at most one chunk runs straight through:
 * no turn, no await.
 */
export async function eachInTurns<T>(items: readonly T[], each: (item: T) => void): Promise<void> {
  if (items.length <= CHUNK_SIZE) {
    for (const item of items) each(item);
    return;
  }
  // What ran since the last turn (reading these items, a previous pass over them) counts
  // against the same 50 ms, and this loop cannot know how much of it there was.
  await nextTurn();
  const slice = new TimeSlice();
  for (const chunk of chunksOf(items)) {
    await slice.turn();
    for (const item of chunk) each(item);
  }
}
