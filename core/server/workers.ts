/**
 * Worker processes (`[wsgi] workers`): one machine serves from N processes sharing each
 * listening port through node:cluster, as nova-api ran N WSGI workers. With one worker there
 * is no cluster at all: the process serves by itself.
 *
 * The primary serves nothing; it supervises:
 * - it forks N workers, each running `startWorker()`;
 * - it replaces a worker that exits while the primary is not stopping, at once unless
 *   deaths come in quick succession (see restart-backoff.ts);
 * - if a worker dies before any worker ever listened, the pool cannot start (a port in
 *   use, a bad configuration): it stops the others and exits 1 instead of looping;
 * - on SIGTERM or SIGINT it forwards the signal to every worker (each drains its servers,
 *   see signal-handlers.ts) and exits 0 once all have exited; workers still running after
 *   the drain timeout plus a margin are killed and it exits 1; a second signal kills them
 *   at once and exits 1;
 * - on SIGHUP it forwards the signal to every worker (see reload-signal.ts).
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import { forwardReloadToWorkers } from './reload-signal.js';
import { RestartBackoff, type RestartBackoffOptions } from './restart-backoff.js';
import { STOP_SIGNALS } from './signal-handlers.js';

/** Time a stopping primary grants its workers beyond their drain timeout. */
export const WORKER_STOP_MARGIN_MS = 5_000;

/** How the primary supervises its workers. */
export interface RunWorkersOptions {
  logger: Logger;
  /** The drain timeout each worker applies to its servers. */
  drainTimeoutMs: number;
  /** Tuning of the replacement backoff; by default a streak of N deaths is free. */
  backoff?: RestartBackoffOptions;
}

/**
 * Runs `startWorker` in `count` worker processes (`auto`: one per available CPU). In a worker
 * or with one worker, runs `startWorker()` in this process and returns its promise; in the
 * primary, resolves once the workers are forked, and the primary supervises until stopped.
 */
export async function runWorkers(
  count: number | 'auto',
  startWorker: () => Promise<void>,
  options: RunWorkersOptions
): Promise<void> {
  const workers = count === 'auto' ? availableParallelism() : count;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new ConfigError(`[wsgi] workers must be an integer >= 1 or "auto", got ${count}`);
  }
  if (workers === 1 || cluster.isWorker) return startWorker();
  supervise(workers, options);
}

function supervise(count: number, options: RunWorkersOptions): void {
  const { logger } = options;
  const live = new Set<Worker>();
  const pendingForks = new Set<NodeJS.Timeout>();
  const backoff = new RestartBackoff({ freeRestarts: count, ...options.backoff });
  let serving = false;
  let stopExitCode: number | undefined;

  const fork = (): void => {
    const worker = cluster.fork();
    live.add(worker);
    logger.info(`started worker ${worker.id}`, { pid: worker.process.pid });
  };

  const replace = (worker: Worker, how: string): void => {
    const delay = backoff.delayAfterDeath();
    const when = delay > 0 ? ` in ${delay} ms` : '';
    logger.warn(`worker ${worker.id} died (${how}); replacing it${when}`, {
      pid: worker.process.pid
    });
    if (delay === 0) return fork();
    const timer = setTimeout(() => {
      pendingForks.delete(timer);
      fork();
    }, delay);
    pendingForks.add(timer);
  };

  const stop = (signal: NodeJS.Signals, exitCode: number): void => {
    stopExitCode = exitCode;
    for (const timer of pendingForks) clearTimeout(timer);
    pendingForks.clear();
    if (live.size === 0) process.exit(exitCode);
    for (const worker of live) worker.process.kill(signal);
    const patienceMs = options.drainTimeoutMs + WORKER_STOP_MARGIN_MS;
    setTimeout(() => {
      logger.error(`workers still running ${patienceMs} ms after ${signal}; killing them`, {
        pids: [...live].map((worker) => worker.process.pid)
      });
      kill(live);
      process.exit(1);
    }, patienceMs);
  };

  cluster.once('listening', () => {
    serving = true;
  });
  cluster.on('exit', (worker, code, signal) => {
    live.delete(worker);
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (stopExitCode !== undefined) {
      logger.info(`worker ${worker.id} exited (${how})`, { pid: worker.process.pid });
      if (live.size === 0) process.exit(stopExitCode);
    } else if (serving) {
      replace(worker, how);
    } else {
      logger.error(`worker ${worker.id} exited (${how}) before any worker was serving; stopping`, {
        pid: worker.process.pid
      });
      stop('SIGTERM', 1);
    }
  });

  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopExitCode !== undefined) {
      logger.warn(`received ${signal} again; killing the workers`);
      kill(live);
      process.exit(1);
    }
    logger.info(`received ${signal}; stopping ${live.size} workers`);
    stop(signal, 0);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  forwardReloadToWorkers(logger);
  for (let i = 0; i < count; i += 1) fork();
}

function kill(workers: Iterable<Worker>): void {
  for (const worker of workers) worker.process.kill('SIGKILL');
}
