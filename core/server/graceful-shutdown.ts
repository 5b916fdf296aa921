/**
 * Graceful shutdown of one HTTP server: stop accepting connections, answer every request
 * the server already has, then close; what still runs when the drain timeout expires gets
 * a fault. Nothing a client already sent is lost, so nothing is reset:
 *
 * - The listening socket closes at once, so new connections are refused.
 * - Every response from then on (those not started yet included) carries `Connection: close`,
 *   so its connection ends once it is written, and the client knows not to reuse it.
 * - A kept-alive connection with no request in flight is not cut: its client may have sent
 *   a request already, still on the wire. A request that arrives on it is answered (with
 *   `Connection: close`); one that stays idle closes at its keep-alive timeout, which the
 *   client was told (`Keep-Alive: timeout=N`) and expires before. This is HAProxy's
 *   `idle-close-on-response`; closing idle connections at once (Node's `server.close()`,
 *   nginx) resets one request per busy connection under keep-alive load.
 * - After `drainTimeoutMs`, each request still in flight gets a 503 fault (or, when its
 *   response had started, its connection is destroyed), then every connection still open
 *   is closed. The outcome counts those requests, so the caller can say the drain was cut.
 */
import { Server as NetServer } from 'node:net';
import type { Server } from 'node:http';
import { sendFault } from '../http/faults.js';
import { HTTPServiceUnavailable } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ConcurrencyLimit } from './concurrency-limit.js';
import { discardLateWrites } from './late-response.js';

/** How a drain ended. */
export interface DrainOutcome {
  /** Requests still in flight at the drain timeout, answered with a 503 fault or cut. */
  readonly cut: number;
}

/** Longest wait for the deadline faults to be written before their connections close. */
const FAULT_FLUSH_MS = 1000;

/** Drains and closes one server; `close` is idempotent. */
export class GracefulShutdown {
  readonly #server: Server;
  readonly #requests: ConcurrencyLimit;
  readonly #logger: Logger;
  #draining = false;
  #closed: Promise<DrainOutcome> | undefined;

  constructor(server: Server, requests: ConcurrencyLimit, logger: Logger) {
    this.#server = server;
    this.#requests = requests;
    this.#logger = logger;
  }

  /** True once `close` was called: new responses get `Connection: close`. */
  get draining(): boolean {
    return this.#draining;
  }

  /**
   * Stops accepting, drains and closes; resolves when every connection is closed. Later
   * calls return the first call's promise (its timeout applies).
   */
  close(drainTimeoutMs: number): Promise<DrainOutcome> {
    this.#closed ??= this.#drain(drainTimeoutMs);
    return this.#closed;
  }

  async #drain(drainTimeoutMs: number): Promise<DrainOutcome> {
    this.#draining = true;
    const server = this.#server;
    const address = describe(server);
    // net's close, not http's: http's would also cut the idle keep-alive connections.
    let allClosed = false;
    const closed = new Promise<void>((resolve) =>
      NetServer.prototype.close.call(server, () => {
        allClosed = true;
        resolve();
      })
    );
    const inFlight = this.#requests.responses();
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    this.#logger.info('draining HTTP server', {
      address,
      inFlight: inFlight.length,
      drainTimeoutMs
    });

    let cut = 0;
    let expire: () => void = () => {};
    const expired = new Promise<void>((resolve) => (expire = resolve));
    const deadline = setTimeout(expire, drainTimeoutMs);
    await Promise.race([closed, expired]);
    clearTimeout(deadline);
    if (!allClosed) {
      cut = await this.#cut(address, drainTimeoutMs);
      await closed;
    }
    // http's close clears its timeout-checking interval; the listener is already closed.
    server.close(() => {});
    this.#requests.stop();
    await this.#requests.closed();
    this.#logger.info('HTTP server closed', { address, cut });
    return { cut };
  }

  /** Faults every request still in flight, then closes every connection still open. */
  async #cut(address: string, drainTimeoutMs: number): Promise<number> {
    const server = this.#server;
    const late = this.#requests.responses();
    this.#logger.warn('drain timeout expired; answering the requests still in flight with 503', {
      address,
      inFlight: late.length,
      drainTimeoutMs
    });
    const flushed: Promise<void>[] = [];
    for (const res of late) {
      if (res.headersSent) {
        res.destroy();
        continue;
      }
      flushed.push(new Promise((resolve) => res.once('close', resolve).once('finish', resolve)));
      res.setHeader('Connection', 'close');
      sendFault(
        res,
        new HTTPServiceUnavailable(
          'The server is stopping and the request did not finish in time. Please try again.'
        )
      );
      discardLateWrites(res, this.#logger);
    }
    await Promise.race([Promise.all(flushed), delay(FAULT_FLUSH_MS)]);
    server.closeAllConnections();
    return late.length;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function describe(server: Server): string {
  const address = server.address();
  if (address === null || typeof address === 'string') return String(address);
  return `${address.address}:${address.port}`;
}
