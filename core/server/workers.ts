/**
 * Worker processes (`[wsgi] workers`): one machine serves from N processes sharing each
 * listening port through node:cluster, as nova-api ran N WSGI workers. The primary serves
 * nothing; it supervises (see supervisor.ts): it replaces workers that die or fault, stops
 * the whole service when no worker can start, and forwards stop signals.
 *
 * With one worker the primary is optional: `supervise: true` (what `wharf serve` asks) runs
 * the single worker under a primary too, so an uncaught exception replaces the process
 * instead of ending the service; without it the process serves by itself.
 *
 * A worker reports to the primary once `startWorker()` resolved (it serves). When
 * `startWorker()` fails, the worker exits with the status the command line gives that
 * failure (2 for a wharf error, 1 otherwise) once the error was reported: the IPC channel
 * would otherwise keep a worker that serves nothing alive.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { ConfigError, WharfError } from '../errors.js';
import { Supervisor, type SupervisorOptions } from './supervisor.js';
import { tellPrimary } from './worker-messages.js';

/** How the primary supervises its workers. */
export interface RunWorkersOptions extends SupervisorOptions {
  /** Run even a single worker under a supervising primary. Default false. */
  supervise?: boolean;
}

/**
 * Runs `startWorker` in `count` worker processes (`auto`: one per available CPU). In a worker,
 * or with one worker and no `supervise`, runs `startWorker()` in this process and returns its
 * promise; in the primary, resolves once the workers are forked, and the primary supervises
 * until stopped.
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
  if (cluster.isWorker) return runAsWorker(startWorker);
  if (workers === 1 && !options.supervise) return startWorker();
  new Supervisor(workers, options).start();
}

async function runAsWorker(startWorker: () => Promise<void>): Promise<void> {
  try {
    await startWorker();
  } catch (error) {
    // The caller reports the error in this same turn; the exit waits for the next one.
    const status = error instanceof WharfError ? 2 : 1;
    setImmediate(() => process.exit(status));
    throw error;
  }
  tellPrimary({ wharf: 'ready' });
}
