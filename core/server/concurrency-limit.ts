/**
 * The in-flight request limit of one HTTP server (`[wsgi] max_concurrent_requests`): every
 * admitted request is counted from the moment the server hands it on until its response
 * finishes or the request closes (client gone, connection cut), and a request arriving
 * while `max` are in flight gets a 503 `serviceUnavailable` fault with `Retry-After`
 * instead of reaching the handler. Shedding load early keeps latency bounded for the
 * requests already accepted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendFault } from '../api/faults.js';
import { ConfigError, HTTPServiceUnavailable } from '../errors.js';

/** Seconds a client refused for load is told to wait before retrying. */
export const OVERLOAD_RETRY_AFTER_SECONDS = 1;

/** Counts requests in flight in one server and refuses those past `max`. */
export class ConcurrencyLimit {
  /** Most requests in flight at once; 0 means no limit (requests are still counted). */
  readonly max: number;
  readonly #inFlight = new Map<IncomingMessage, ServerResponse>();
  // Listeners shared by every request (`this` is the emitter). Deleting from a map is
  // idempotent, so a request is released once whichever event comes first. The request's
  // 'close' covers what the response's events miss: a pipelined request whose response
  // never got the socket emits neither 'finish' nor 'close' on its response.
  readonly #responseFinished: (this: ServerResponse) => void;
  readonly #requestClosed: (this: IncomingMessage) => void;

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 0) {
      throw new ConfigError(`[wsgi] max_concurrent_requests must be an integer >= 0, got ${max}`);
    }
    this.max = max;
    const inFlight = this.#inFlight;
    this.#responseFinished = function responseFinished(this: ServerResponse): void {
      inFlight.delete(this.req);
    };
    this.#requestClosed = function requestClosed(this: IncomingMessage): void {
      inFlight.delete(this);
    };
  }

  /** Requests in flight now. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /**
   * Counts the request in and returns true, or, when `max` are already in flight, answers
   * 503 with `Retry-After` and returns false (the request is not counted).
   */
  admit(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.max > 0 && this.#inFlight.size >= this.max) {
      sendFault(
        res,
        new HTTPServiceUnavailable('The server is currently unavailable. Please try again later.', {
          headers: { 'Retry-After': String(OVERLOAD_RETRY_AFTER_SECONDS) }
        })
      );
      return false;
    }
    this.#inFlight.set(req, res);
    res.on('finish', this.#responseFinished);
    req.on('close', this.#requestClosed);
    return true;
  }

  /** The responses of the requests in flight now (a snapshot). */
  responses(): ServerResponse[] {
    return [...this.#inFlight.values()];
  }

  /**
   * Resolves once every request in flight now has closed. Meant for after the server cut
   * its connections: a cut connection closes its requests, a moment after the server
   * reports itself closed.
   */
  async closed(): Promise<void> {
    // A plain listener, not events.once: a cut request also emits 'error', which is no failure here.
    const pending = [...this.#inFlight.keys()];
    await Promise.all(pending.map((req) => new Promise((resolve) => req.once('close', resolve))));
  }
}
