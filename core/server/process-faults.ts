/**
 * An uncaught exception in a serving process. The process may be corrupt (state half
 * updated by the code that threw), so it must not go on serving, but the requests it is
 * answering are not to blame: it stops accepting, finishes them, and exits 1 to be replaced.
 *
 * Under a supervising primary (workers.ts) the process first asks for its replacement and
 * keeps accepting until the primary says the replacement serves (`drain`), so the port never
 * lacks a listener; alone, it drains at once. Further exceptions while draining are logged.
 */
import cluster from 'node:cluster';
import type { Logger } from '../logger.js';
import { attributeFault } from './fault-attribution.js';
import type { RunningServer } from './http-server.js';
import { isWorkerMessage, tellPrimary } from './worker-messages.js';

/** Exit status of a process that drained after an uncaught exception. */
export const FAULT_EXIT_CODE = 1;

/** What to do on an uncaught exception. */
export interface FaultHandlerOptions {
  /** How long each server lets its requests in flight finish before the process exits. */
  drainTimeoutMs: number;
  /** Where the fault is logged. */
  logger: Logger;
  /** Runs after every server closed, before exit (close pools, flush logs). */
  onStopped?: () => void | Promise<void>;
}

/** Installs the `uncaughtException` handler; returns a function removing it. */
export function installFaultHandler(
  servers: readonly RunningServer[],
  options: FaultHandlerOptions
): () => void {
  const { logger } = options;
  let faulted = false;
  const onException = (error: unknown, origin: string): void => {
    logger.error(
      'uncaught exception: this process stops accepting, finishes its requests and exits',
      {
        pid: process.pid,
        origin,
        ...attributeFault(error, servers)
      }
    );
    if (faulted) return;
    faulted = true;
    void drainOrder().then(() => drainAndExit(servers, options));
  };
  process.on('uncaughtException', onException);
  return () => process.off('uncaughtException', onException);
}

/** Resolves when this process may stop accepting: at once, or when the primary says so. */
function drainOrder(): Promise<void> {
  if (!cluster.isWorker || !process.connected) return Promise.resolve();
  return new Promise((resolve) => {
    const onMessage = (message: unknown): void => {
      if (isWorkerMessage(message) && message.wharf === 'drain') done();
    };
    const done = (): void => {
      process.off('message', onMessage);
      process.off('disconnect', done);
      resolve();
    };
    process.on('message', onMessage);
    process.once('disconnect', done);
    tellPrimary({ wharf: 'faulted' });
  });
}

async function drainAndExit(
  servers: readonly RunningServer[],
  options: FaultHandlerOptions
): Promise<void> {
  options.logger.info('draining after an uncaught exception', { pid: process.pid });
  try {
    await Promise.all(servers.map((server) => server.close(options.drainTimeoutMs)));
    await options.onStopped?.();
  } finally {
    process.exit(FAULT_EXIT_CODE);
  }
}
