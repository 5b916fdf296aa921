/**
 * SIGHUP: reload what can change without a restart, today the TLS certificates of every
 * server of the process (see tls.ts); connections stay open and requests are not
 * interrupted. A primary with workers forwards the signal to each worker, which reloads its
 * own servers.
 *
 * Without a listener SIGHUP would end the process (Node's default), so a serving process
 * and a primary always listen for it, TLS or not.
 */
import cluster from 'node:cluster';
import type { Logger } from '../logger.js';

/** The signal that asks a serving process to reload. */
export const RELOAD_SIGNAL: NodeJS.Signals = 'SIGHUP';

/** Something that reloads on SIGHUP (a running server). */
export interface Reloadable {
  /** Reloads; returns whether something was reloaded and is now in use. */
  reload(): boolean;
}

/** Reloads every one of `servers` on SIGHUP; returns a function removing the handler. */
export function installReloadHandler(servers: readonly Reloadable[], logger: Logger): () => void {
  const onSignal = (): void => {
    const reloaded = servers.filter((server) => server.reload()).length;
    logger.info(`received ${RELOAD_SIGNAL}; reloaded ${reloaded} of ${servers.length} servers`, {
      pid: process.pid
    });
  };
  process.on(RELOAD_SIGNAL, onSignal);
  return () => process.off(RELOAD_SIGNAL, onSignal);
}

/** In a cluster primary: forwards SIGHUP to every worker; returns a function undoing it. */
export function forwardReloadToWorkers(logger: Logger): () => void {
  const onSignal = (): void => {
    const workers = Object.values(cluster.workers ?? {});
    logger.info(`received ${RELOAD_SIGNAL}; forwarding it to ${workers.length} workers`);
    for (const worker of workers) worker?.process.kill(RELOAD_SIGNAL);
  };
  process.on(RELOAD_SIGNAL, onSignal);
  return () => process.off(RELOAD_SIGNAL, onSignal);
}
