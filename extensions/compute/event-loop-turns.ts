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

const requestSlices = new WeakMap<object, TimeSlice>();

/**
 * The time slice of one request, started by its first call: every long loop of the request
 * (reading a page, building its views, each post-processor extending them) counts against
 * the same slice, so a request that is short as a whole runs straight through with no turn
 * (a turn keeps the request's objects alive across other requests' work, which is what the
 * garbage collector pays for), and a long one still turns every SLICE_MS. What the request
 * ran before its first call (the pipeline, a fraction of a millisecond) is not counted.
 */
export function requestSlice(request: object): TimeSlice {
  let slice = requestSlices.get(request);
  if (slice === undefined) requestSlices.set(request, (slice = new TimeSlice()));
  return slice;
}

/**
 * Calls `each` on every item, giving the event loop a turn whenever `slice` is used up
 * (checked once per CHUNK_SIZE items). A list of at most one chunk runs straight through:
 * no turn, no await.
 */
export async function eachInTurns<T>(
  items: readonly T[],
  slice: TimeSlice,
  each: (item: T) => void
): Promise<void> {
  if (items.length <= CHUNK_SIZE) {
    for (const item of items) each(item);
    return;
  }
  for (const chunk of chunksOf(items)) {
    await slice.turn();
    for (const item of chunk) each(item);
  }
}
