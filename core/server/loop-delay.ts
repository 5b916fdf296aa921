/**
 * How long work currently waits for the event loop. A request whose bytes sit in a socket
 * buffer while the loop is busy with other requests is invisible to any in-flight count, yet
 * it is waiting: under load on cheap synchronous handlers the queue forms there, not in the
 * host. A timer that should fire every `intervalMs` fires late by about as long as that
 * queue takes to get through, so its lateness is the wait a request arriving now will have
 * had before wharf even parses it (Fastify's under-pressure measures the same thing).
 */

/** Samples the event loop's delay with an unref'd timer. */
export class LoopDelay {
  readonly #intervalMs: number;
  #lastMs = 0;
  #expected: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(intervalMs = 10) {
    this.#intervalMs = intervalMs;
    this.#expected = performance.now() + intervalMs;
  }

  /** Starts sampling; the timer never keeps the process alive. */
  start(): void {
    this.#expected = performance.now() + this.#intervalMs;
    this.#timer = setInterval(() => {
      const now = performance.now();
      this.#lastMs = Math.max(0, now - this.#expected);
      this.#expected = now + this.#intervalMs;
    }, this.#intervalMs).unref();
  }

  /** Stops sampling. */
  stop(): void {
    clearInterval(this.#timer);
  }

  /**
   * The wait now, in ms: the lateness of the last sample. After a stall the overdue timer
   * fires before the requests that queued up behind it are read, so they see the stall.
   */
  get currentMs(): number {
    return this.#lastMs;
  }
}
