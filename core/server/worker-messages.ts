/**
 * What a worker tells its primary over the cluster IPC channel, and back. A worker says
 * when it serves (`ready`) and when it must be replaced (`faulted`: an uncaught exception
 * left it possibly corrupt); the primary says when that worker may stop accepting
 * (`drain`: its replacement serves, or waiting for one took too long).
 */
import cluster from 'node:cluster';

/** The worker finished starting: every server listens. */
export interface ReadyMessage {
  readonly wharf: 'ready';
}

/** The worker had an uncaught exception: fork its replacement, then tell it to drain. */
export interface FaultedMessage {
  readonly wharf: 'faulted';
}

/** From the primary: stop accepting and drain now. */
export interface DrainMessage {
  readonly wharf: 'drain';
}

/** Any message of the protocol. */
export type WorkerMessage = ReadyMessage | FaultedMessage | DrainMessage;

/** True when `message` belongs to this protocol (other code may use the channel too). */
export function isWorkerMessage(message: unknown): message is WorkerMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    ['ready', 'faulted', 'drain'].includes((message as { wharf?: unknown }).wharf as string)
  );
}

/** Sends `message` to the primary; does nothing outside a cluster worker. */
export function tellPrimary(message: ReadyMessage | FaultedMessage): void {
  if (cluster.isWorker && process.connected) process.send!(message);
}
