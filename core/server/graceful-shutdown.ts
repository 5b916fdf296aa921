/**
 * Graceful shutdown of one HTTP server: stop accepting connections, let the requests in
 * flight finish, then close; whatever is still open when the drain timeout expires is cut.
 *
 * - The listening socket closes at once, so new connections are refused.
 * - Idle keep-alive connections close at once: nothing is lost, and a client that would
 *   reuse one opens a new connection elsewhere (another worker or machine).
 * - A response not yet started, in flight or arriving during the drain, carries
 *   `Connection: close`, so its connection ends once it is written.
 * - A response whose head went out before the drain began ends its connection when it
 *   finishes (after writing, never cutting data), unless that connection has another
 *   request in flight.
 * - After `drainTimeoutMs` every connection still open is destroyed.
 */
import type { Server, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import type { ConcurrencyLimit } from './concurrency-limit.js';

/** Drains and closes one server; `close` is idempotent. */
export class GracefulShutdown {
  readonly #server: Server;
  readonly #requests: ConcurrencyLimit;
  readonly #logger: Logger;
  #draining = false;
  #closed: Promise<void> | undefined;

  constructor(server: Server, requests: ConcurrencyLimit, logger: Logger) {
    this.#server = server;
    this.#requests = requests;
    this.#logger = logger;
  }

  /** True once `close` was called: new requests get `Connection: close`. */
  get draining(): boolean {
    return this.#draining;
  }

  /**
   * Stops accepting, drains and closes; resolves when every connection is closed. Later
   * calls return the first call's promise (its timeout applies).
   */
  close(drainTimeoutMs: number): Promise<void> {
    this.#closed ??= this.#drain(drainTimeoutMs);
    return this.#closed;
  }

  async #drain(drainTimeoutMs: number): Promise<void> {
    this.#draining = true;
    const server = this.#server;
    const address = describe(server);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const inFlight = this.#requests.responses();
    for (const res of inFlight) this.#closeConnectionAfter(res);
    this.#logger.info('draining HTTP server', {
      address,
      inFlight: inFlight.length,
      drainTimeoutMs
    });

    const force = setTimeout(() => {
      this.#logger.warn('drain timeout expired; closing the connections still open', {
        address,
        inFlight: this.#requests.inFlight,
        drainTimeoutMs
      });
      server.closeAllConnections();
    }, drainTimeoutMs);
    await closed;
    clearTimeout(force);
    await this.#requests.closed();
    this.#logger.info('HTTP server closed', { address });
  }

  #closeConnectionAfter(res: ServerResponse): void {
    if (!res.headersSent) {
      res.setHeader('Connection', 'close');
      return;
    }
    const requests = this.#requests;
    res.once('finish', function endIdleConnection(this: ServerResponse) {
      const socket = this.req.socket;
      const busy = requests.responses().some((other) => other.req.socket === socket);
      if (!busy && !socket.destroyed) socket.end();
    });
  }
}

function describe(server: Server): string {
  const address = server.address();
  if (address === null || typeof address === 'string') return String(address);
  return `${address.address}:${address.port}`;
}
