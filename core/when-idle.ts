/**
 * Work that must not delay requests, run once the process has nothing else to do: an
 * unreferenced timer looks at the event loop's utilization every `checkMs` and runs the task
 * at the end of the first interval in which the loop was busy for at most `IDLE_UTILIZATION`
 * of it. A process kept busy never runs it (its owner runs it at stop if it must).
 */
import { performance } from 'node:perf_hooks';

/** How often the event loop's utilization is looked at, by default. */
export const IDLE_CHECK_MS = 250;

/** The share of an interval the loop may have been busy in and still count as idle. */
export const IDLE_UTILIZATION = 0.05;

/** Runs `task` once the event loop was idle for one interval; returns a function cancelling it. */
export function whenIdle(task: () => void, checkMs = IDLE_CHECK_MS): () => void {
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    if (busy > IDLE_UTILIZATION) return;
    clearInterval(timer);
    task();
  }, checkMs);
  timer.unref();
  return () => clearInterval(timer);
}
