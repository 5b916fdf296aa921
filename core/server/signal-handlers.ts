/**
 * Process signals for a serving process: SIGTERM or SIGINT drains every server of the
 * process (several APIs on several ports), runs `onStopped`, then exits 0, or
 * `DRAIN_CUT_EXIT_CODE` when the drain timeout cut requests still running (they got a 503).
 * A second signal while draining exits at once with 1, so an operator can always stop a
 * stuck process.
 *
 * In a cluster worker a second signal is ignored: a terminal's Ctrl-C reaches the whole
 * process group and the primary forwards it as well, so a worker sees two signals for one
 * stop; the primary decides when to stop waiting (see workers.ts).
 */
import cluster from 'node:cluster';
import type { Logger } from '../logger.js';
import type { RunningServer } from './http-server.js';

/** The signals that stop a serving process. */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/** Exit status of a process whose drain timeout expired with requests still running. */
export const DRAIN_CUT_EXIT_CODE = 3;

/** What to do when a stop signal arrives. */
export interface SignalHandlerOptions {
  /** How long each server lets its requests in flight finish. */
  drainTimeoutMs: number;
  /** Where the signal and the drain are logged. */
  logger: Logger;
  /** Runs after every server closed, before exit (close pools, flush logs). */
  onStopped?: () => void | Promise<void>;
}

/**
 * Installs SIGTERM and SIGINT handlers that drain `servers` and exit; returns a function
 * that removes them again.
 */
export function installSignalHandlers(
  servers: readonly RunningServer[],
  options: SignalHandlerOptions
): () => void {
  const { logger } = options;
  let stopping = false;

  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      if (cluster.isWorker) {
        logger.debug(`received ${signal} again; the primary decides when to stop waiting`);
        return;
      }
      logger.warn(`received ${signal} again; exiting without waiting for requests in flight`);
      process.exit(1);
    }
    stopping = true;
    const inFlight = servers.reduce((sum, server) => sum + server.inFlight(), 0);
    logger.info(`received ${signal}; stopping`, {
      pid: process.pid,
      servers: servers.length,
      inFlight,
      drainTimeoutMs: options.drainTimeoutMs
    });
    stop(servers, options).then(
      (cut) => process.exit(cut > 0 ? DRAIN_CUT_EXIT_CODE : 0),
      (error: unknown) => {
        logger.error('stopping failed', { error: String(error) });
        process.exit(1);
      }
    );
  };

  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return () => {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  };
}

/** Drains every server and runs `onStopped`; resolves with the requests the drain cut. */
async function stop(
  servers: readonly RunningServer[],
  options: SignalHandlerOptions
): Promise<number> {
  const outcomes = await Promise.all(servers.map((server) => server.close(options.drainTimeoutMs)));
  await options.onStopped?.();
  const cut = outcomes.reduce((sum, outcome) => sum + outcome.cut, 0);
  if (cut > 0)
    options.logger.warn('stopped; the drain timeout cut requests still running', { cut });
  else options.logger.info('stopped');
  return cut;
}
