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

  /** Whether this slice has run SLICE_MS or more: the loop should give the event loop a turn. */
  get usedUp(): boolean {
    return performance.now() - this.started >= SLICE_MS;
  }

  /** Gives the event loop a turn when this slice is used up. */
  async turn(): Promise<void> {
    if (!this.usedUp) return;
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
 * Calls `each` on every item, a chunk of CHUNK_SIZE items at a time, giving the event loop a
 * turn before a chunk whenever `slice` is used up. Until the slice runs out it goes straight
 * through, synchronously: it returns undefined when it got to the end that way (a short
 * list, the common case, costs its caller no promise and no await), else a promise of the
 * end, reached after its turns.
 */
export function eachInTurns<T>(
  items: readonly T[],
  slice: TimeSlice,
  each: (item: T) => void
): Promise<void> | undefined {
  for (let start = 0; start < items.length; start += CHUNK_SIZE) {
    if (slice.usedUp) return eachAfterTurns(items, start, slice, each);
    eachOfChunk(items, start, each);
  }
  return undefined;
}

/** The rest of `eachInTurns` from `start`, each chunk after the turn its slice calls for. */
async function eachAfterTurns<T>(
  items: readonly T[],
  start: number,
  slice: TimeSlice,
  each: (item: T) => void
): Promise<void> {
  for (let chunk = start; chunk < items.length; chunk += CHUNK_SIZE) {
    await slice.turn();
    eachOfChunk(items, chunk, each);
  }
}

function eachOfChunk<T>(items: readonly T[], start: number, each: (item: T) => void): void {
  const end = Math.min(items.length, start + CHUNK_SIZE);
  for (let index = start; index < end; index++) each(items[index]!);
}
