/**
 * The V8 heap settings `wharf serve` starts its workers with.
 *
 * Heap sizing: assembling a host allocates tens of MB that all stay live (with 1000
 * extensions the heap grows from about 10 MB to about 50 MB from a load plan, to about 80 MB
 * without one), and V8's initial old-generation limit is far below that: it marks the whole
 * heap while the host is assembled, once or twice, and the last full collection (about 40 ms
 * with 1000 extensions) falls before the port opens, in the first warm-up request. Starting
 * the old generation at 128 MB lets start-up finish without one. From the first full
 * collection on, V8 sizes the heap from what is live, as before; the cost is the garbage
 * kept until then (start-up's, and what requests promote), counted in the resident set.
 *
 * No memory reducer: once a worker has had a full collection, V8's memory reducer runs
 * memory-reducing full collections when the worker's allocation rate drops (an idle gap of
 * a few seconds). Such a collection shrinks the heap to the live size and drops much of the
 * worker's optimised code, so the first seconds of load after the gap cost the worker about
 * twice the CPU per request, much of it on V8's helper threads (recompiling, collecting in
 * a young generation grown back from its minimum): with 1000 extensions 94-208 us against
 * 34-57 (docs/performance.md, "The 1000-route host's background work, session 20"). A worker
 * keeps its heap at the size its load grew it to instead (V8 still collects it by its
 * limits). An operator who prefers the memory back starts the primary with
 * `--memory-reducer`.
 */

/** One option workers get, and the pattern of the options by which an operator chose that setting. */
interface WorkerOption {
  option: string;
  chosenBy: RegExp;
}

const WORKER_OPTIONS: readonly WorkerOption[] = [
  {
    option: '--initial-old-space-size=128',
    chosenBy: /^--(initial[-_]old[-_]space[-_]size|initial[-_]heap[-_]size)(=|$)/
  },
  { option: '--no-memory-reducer', chosenBy: /^--(no[-_])?memory[-_]reducer$/ }
];

/** Node options every worker of `wharf serve` gets (each unless the operator chose that setting). */
export const WORKER_NODE_OPTIONS: readonly string[] = WORKER_OPTIONS.map(({ option }) => option);

/**
 * A worker's exec arguments: the primary's own (`execArgv`), then each of `WORKER_NODE_OPTIONS`
 * whose setting those do not already choose (Node refuses these options in `NODE_OPTIONS`).
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const added = WORKER_OPTIONS.filter(
    ({ chosenBy }) => !execArgv.some((option) => chosenBy.test(option))
  );
  return [...execArgv, ...added.map(({ option }) => option)];
}
