/**
 * Admission of one HTTP server (`[wsgi] max_concurrent_requests`, `[wsgi] max_queue_wait`),
 * with eventlet's pool semantics: a request takes one of `max` slots from the moment its
 * head is parsed (so waiting for its body counts) until its response finishes or the request
 * closes; when none is free it waits, first come first served, up to `maxQueueWaitMs` for
 * one, then gets a 503 `serviceUnavailable` fault with `Retry-After`.
 *
 * Requests also wait where no count sees them: in socket buffers while the event loop is
 * busy (see loop-delay.ts). When that wait already exceeds `maxQueueWaitMs`, a request is
 * refused at once: it waited its share before wharf could see it, and a cheap 503 now
 * shortens the wait of everyone behind it. Refusing early keeps the latency of the requests
 * admitted bounded instead of letting every queue grow.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendFault } from '../http/faults.js';
import { ConfigError, HTTPServiceUnavailable } from '../errors.js';
import { LoopDelay } from './loop-delay.js';

/**
 * Event-loop delay never counted as overload, whatever `maxQueueWaitMs` says: a healthy loop
 * has jitter (a garbage collection, a large response), and wharf holds the loop for at most
 * about this long by design.
 */
export const LOOP_DELAY_FLOOR_MS = 50;

/** Seconds a client refused for load is told to wait before retrying. */
export const OVERLOAD_RETRY_AFTER_SECONDS = 1;

// A request in flight, linked into its limit's list in order of admission. The list is
// intrusive (the slot hangs on the request; a request belongs to one server's limit)
// rather than a Map keyed by the request: the in-flight count swings between 0 and its
// peak every turn of the event loop, so a Map grew, shrank and rehashed, and hashed each
// request object (docs/performance.md, "In-flight requests in a list, session 14").
interface Slot {
  req: IncomingMessage;
  res: ServerResponse;
  previous: Slot | null;
  next: Slot | null;
  linked: boolean;
}

const SLOT = Symbol('wharf.concurrency-limit.slot');

type Tracked = IncomingMessage & { [SLOT]?: Slot };

interface Waiting {
  req: IncomingMessage;
  res: ServerResponse;
  timer: NodeJS.Timeout;
}

/** Runs an admitted request (the server's handler). */
export type AdmittedRequest = (req: IncomingMessage, res: ServerResponse) => void;

/** Counts requests in flight in one server, queues and refuses those past `max`. */
export class ConcurrencyLimit {
  /** Most requests in flight at once; 0 means no limit (requests are still counted). */
  readonly max: number;
  /** Longest wait for a slot, in ms; 0 refuses at once and ignores the event loop's delay. */
  readonly maxQueueWaitMs: number;
  #first: Slot | null = null;
  #last: Slot | null = null;
  #inFlight = 0;
  readonly #queue: Waiting[] = [];
  readonly #loop = new LoopDelay();
  readonly #runLater: AdmittedRequest;
  // Listeners shared by every request (`this` is the emitter). Unlinking a slot is
  // idempotent, so a request is released once whichever event comes first. The request's
  // 'close' covers what the response's events miss: a pipelined request whose response
  // never got the socket emits neither 'finish' nor 'close' on its response.
  readonly #responseFinished: (this: ServerResponse) => void;
  readonly #requestClosed: (this: IncomingMessage) => void;

  /** `runLater` runs a request admitted after waiting for a slot. */
  constructor(max: number, maxQueueWaitMs: number, runLater: AdmittedRequest) {
    if (!Number.isInteger(max) || max < 0) {
      throw new ConfigError(`[wsgi] max_concurrent_requests must be an integer >= 0, got ${max}`);
    }
    this.max = max;
    this.maxQueueWaitMs = maxQueueWaitMs;
    this.#runLater = runLater;
    const release = (req: Tracked): void => {
      const slot = req[SLOT];
      if (slot !== undefined && slot.linked) {
        this.#unlink(slot);
        this.#next();
      }
    };
    this.#responseFinished = function responseFinished(this: ServerResponse): void {
      release(this.req);
    };
    this.#requestClosed = function requestClosed(this: IncomingMessage): void {
      release(this);
    };
    if (max > 0 && maxQueueWaitMs > 0) this.#loop.start();
  }

  /** Requests in flight now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Requests waiting for a slot now. */
  get waiting(): number {
    return this.#queue.length;
  }

  /**
   * True when the request has a slot now (the caller runs it). Otherwise it waits up to
   * `maxQueueWaitMs` for one and then runs through `runLater`, or it is answered 503 with
   * `Retry-After` (at once, or when its wait is over).
   */
  admit(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.max > 0) {
      const free = this.#inFlight < this.max && this.#queue.length === 0;
      if (this.maxQueueWaitMs === 0) {
        if (!free) return refuse(res);
      } else {
        const waitedMs = this.#loop.currentMs;
        if (waitedMs > Math.max(this.maxQueueWaitMs, LOOP_DELAY_FLOOR_MS)) return refuse(res);
        if (!free) return this.#enqueue(req, res, this.maxQueueWaitMs - waitedMs);
      }
    }
    this.track(req, res);
    return true;
  }

  /** Counts a request in flight without asking for a slot (requests that bypass admission). */
  track(req: IncomingMessage, res: ServerResponse): void {
    this.#link(req, res);
    res.on('finish', this.#responseFinished);
    req.on('close', this.#requestClosed);
  }

  /** The responses of the requests in flight now (a snapshot). */
  responses(): ServerResponse[] {
    const responses: ServerResponse[] = [];
    for (let slot = this.#first; slot !== null; slot = slot.next) responses.push(slot.res);
    return responses;
  }

  /** Stops measuring the event loop (the server is closed). */
  stop(): void {
    this.#loop.stop();
  }

  /**
   * Resolves once every request in flight now has closed. Meant for after the server cut
   * its connections: a cut connection closes its requests, a moment after the server
   * reports itself closed.
   */
  async closed(): Promise<void> {
    // A plain listener, not events.once: a cut request also emits 'error', which is no failure here.
    const pending: IncomingMessage[] = [];
    for (let slot = this.#first; slot !== null; slot = slot.next) pending.push(slot.req);
    await Promise.all(pending.map((req) => new Promise((resolve) => req.once('close', resolve))));
  }

  // Tracking a request again keeps its place and takes its new response, as a Map would.
  #link(req: Tracked, res: ServerResponse): void {
    const tracked = req[SLOT];
    if (tracked !== undefined && tracked.linked) {
      tracked.res = res;
      return;
    }
    const slot: Slot = { req, res, previous: this.#last, next: null, linked: true };
    req[SLOT] = slot;
    if (this.#last === null) this.#first = slot;
    else this.#last.next = slot;
    this.#last = slot;
    this.#inFlight++;
  }

  #unlink(slot: Slot): void {
    slot.linked = false;
    if (slot.previous === null) this.#first = slot.next;
    else slot.previous.next = slot.next;
    if (slot.next === null) this.#last = slot.previous;
    else slot.next.previous = slot.previous;
    // A released request keeps no other in memory.
    slot.previous = null;
    slot.next = null;
    this.#inFlight--;
  }

  #enqueue(req: IncomingMessage, res: ServerResponse, waitMs: number): false {
    const waiting: Waiting = {
      req,
      res,
      timer: setTimeout(() => this.#giveUp(waiting, true), Math.max(0, waitMs))
    };
    this.#queue.push(waiting);
    req.once('close', () => this.#giveUp(waiting, false));
    return false;
  }

  #next(): void {
    while (this.#queue.length > 0 && this.#inFlight < this.max) {
      const waiting = this.#queue.shift()!;
      clearTimeout(waiting.timer);
      this.track(waiting.req, waiting.res);
      this.#runLater(waiting.req, waiting.res);
    }
  }

  #giveUp(waiting: Waiting, answer: boolean): void {
    const index = this.#queue.indexOf(waiting);
    if (index === -1) return;
    this.#queue.splice(index, 1);
    clearTimeout(waiting.timer);
    if (answer) refuse(waiting.res);
  }
}

function refuse(res: ServerResponse): false {
  sendFault(
    res,
    new HTTPServiceUnavailable('The server is currently unavailable. Please try again later.', {
      headers: { 'Retry-After': String(OVERLOAD_RETRY_AFTER_SECONDS) }
    })
  );
  return false;
}
