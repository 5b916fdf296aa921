/**
 * The V8 heap sizing `wharf serve` starts its workers with. Assembling a host allocates tens
 * of MB that all stay live (with 1000 extensions the heap grows from about 10 MB to about
 * 50 MB from a load plan, to about 80 MB without one), and V8's initial old-generation limit
 * is far below that: it marks the whole heap while the host is assembled, once or twice,
 * and the last full collection (about 40 ms with 1000 extensions) falls before the port
 * opens, in the first warm-up request. Starting the old generation at 128 MB lets start-up
 * finish without one. From the first full collection on, V8 sizes the heap from what is
 * live, as before; the cost is the garbage kept until then (start-up's, and what requests
 * promote), counted in the resident set.
 */

/** Node options every worker of `wharf serve` gets (unless the operator sized the heap). */
export const WORKER_HEAP_FLAGS: readonly string[] = ['--initial-old-space-size=128'];

// The options that size the heap at start: an operator's own choice wins over wharf's.
const HEAP_SIZING = /^--(initial[-_]old[-_]space[-_]size|initial[-_]heap[-_]size)(=|$)/;

/**
 * A worker's exec arguments: the primary's own (`execArgv`), then `WORKER_HEAP_FLAGS`
 * unless those already size the heap (Node refuses these options in `NODE_OPTIONS`).
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  if (execArgv.some((option) => HEAP_SIZING.test(option))) return [...execArgv];
  return [...execArgv, ...WORKER_HEAP_FLAGS];
}
