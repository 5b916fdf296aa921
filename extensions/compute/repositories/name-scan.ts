/**
 * A server listing filtered by name, found without holding the event loop and without
 * running the caller's pattern on any backtracking engine: neither SQLite (which has no
 * regular expressions) nor PostgreSQL (whose `~` is not linear-time) matches it. The rows
 * are read in newest-first keyset batches and their names tested here with RE2, yielding to
 * the event loop whenever a slice of work has run for SCAN_SLICE_MS: a pattern that is slow
 * on every name makes its own request slow, never anyone else's.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { NamePattern } from './name-pattern.js';
import type { PageRead } from './newest-first.js';

/** Rows read per query while scanning. */
export const SCAN_BATCH_SIZE = 1000;

/** The longest the scan runs before it lets the event loop serve others, in ms. */
export const SCAN_SLICE_MS = 10;

/** What the scan reads of a row: its name, and the keys of newest-first order. */
export interface ScannedRow {
  readonly id: string;
  readonly name: string;
  readonly created_at: string | Date;
}

/**
 * The ids of the first `limit` rows `read` pages through (all when undefined) whose name `pattern`
 * finds, in its order. Only the three columns are read: building whole rows costs
 * ten times more, so the caller fetches them for the matches alone.
 */
export async function scanByName(
  read: PageRead<ScannedRow>,
  pattern: NamePattern,
  limit: number | undefined
): Promise<string[]> {
  const matched: string[] = [];
  if (limit === 0) return matched;
  let sliceStart = performance.now();
  let after: ScannedRow | undefined;
  for (;;) {
    const batch = await read(after, SCAN_BATCH_SIZE);
    for (const row of batch) {
      if (pattern.test(row.name)) {
        matched.push(row.id);
        if (matched.length === limit) return matched;
      }
      if (performance.now() - sliceStart > SCAN_SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
    if (batch.length < SCAN_BATCH_SIZE) return matched;
    after = batch.at(-1);
  }
}
