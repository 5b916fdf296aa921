/**
 * Per-request deadlines (`[wsgi] request_deadline`, per extension `[extensions]
 * request_deadlines`). A request whose extension code is still running at its deadline is
 * answered with a 504 computeFault at once, so its client has an answer and its concurrency
 * slot is freed; the fault is counted against the extension running then, and whatever the
 * code produces later is discarded (the plan runner logs it).
 *
 * Only requests that go asynchronous are watched (code that answers synchronously cannot be
 * interrupted anyway), and a single shared timer sweeps them, a tenth of the shortest
 * deadline apart: a request costs one small object and a set insertion, no timer of its own.
 * The timer is unref'd and stops when nothing is watched, so it never keeps a process alive.
 */
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { RequestContext } from '../context.js';
import { ConfigError, RequestDeadlineExceeded } from '../errors.js';
import { runOutsideScopes, type FaultRecorder } from '../extension-scope.js';
import { sendFault } from '../http/faults.js';

/** How long requests may run, in milliseconds; 0 means no deadline. */
export interface DeadlinePolicy {
  /** The deadline of every extension not listed in `perExtension`. */
  defaultMs: number;
  /** Deadlines by extension alias (the extension owning the request's handler). */
  perExtension: ReadonlyMap<string, number>;
}

/** One watched request. */
export class Watched {
  /** True once the deadline answered the request: anything later is discarded. */
  expired = false;

  constructor(
    /** The response the deadline answers. */
    readonly res: ServerResponse,
    /** The request's context. */
    readonly context: RequestContext,
    /** Alias of the extension whose code runs now (the one blamed at expiry). */
    public extension: string,
    /** `performance.now()` at which the deadline passes. */
    readonly endsAt: number,
    /** The deadline, for the fault's message. */
    readonly deadlineMs: number
  ) {}
}

const MIN_TICK_MS = 5;
const MAX_TICK_MS = 1000;

/** Watches the deadlines of the asynchronous requests of one API router. */
export class RequestDeadlines {
  private readonly pending = new Set<Watched>();
  private readonly tickMs: number;
  private timer: NodeJS.Timeout | null = null;
  private readonly sweepNow = (): void => this.sweep();

  constructor(
    /** The default deadline and the deadline of each extension that has its own. */
    readonly policy: DeadlinePolicy,
    private readonly faults: FaultRecorder
  ) {
    const positive = [policy.defaultMs, ...policy.perExtension.values()].filter((ms) => ms > 0);
    const shortest = positive.length > 0 ? Math.min(...positive) : MAX_TICK_MS * 10;
    this.tickMs = Math.min(MAX_TICK_MS, Math.max(MIN_TICK_MS, Math.floor(shortest / 10)));
  }

  /** The deadline of requests handled by `extension`, in milliseconds (0: none). */
  deadlineMsOf(extension: string): number {
    return this.policy.perExtension.get(extension) ?? this.policy.defaultMs;
  }

  /**
   * Starts watching a request whose `extension` code went asynchronous, counting from now;
   * returns null when that extension has no deadline.
   */
  watch(res: ServerResponse, context: RequestContext, extension: string): Watched | null {
    const deadlineMs = this.deadlineMsOf(extension);
    if (deadlineMs <= 0) return null;
    const watched = new Watched(
      res,
      context,
      extension,
      performance.now() + deadlineMs,
      deadlineMs
    );
    this.pending.add(watched);
    // Started outside the request's scope: the timer serves every request.
    this.timer ??= runOutsideScopes(() => setInterval(this.sweepNow, this.tickMs).unref());
    return watched;
  }

  /** Stops watching a request that finished in time. */
  release(watched: Watched): void {
    this.pending.delete(watched);
  }

  /** Requests watched now. */
  get watching(): number {
    return this.pending.size;
  }

  /** Stops the timer (the host is stopping); watched requests are forgotten. */
  close(): void {
    this.pending.clear();
    this.stop();
  }

  private sweep(): void {
    const now = performance.now();
    for (const watched of this.pending) if (watched.endsAt <= now) this.expire(watched);
    if (this.pending.size === 0) this.stop();
  }

  private stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private expire(watched: Watched): void {
    this.pending.delete(watched);
    watched.expired = true;
    const { res, context, extension, deadlineMs } = watched;
    const seconds = deadlineMs / 1000;
    context.extension = extension;
    context.logger.error(
      `request deadline of ${seconds} s exceeded in extension ${extension}; answered 504`,
      { extension, requestId: context.requestId }
    );
    this.faults.recordFault(extension, 'deadline', context.requestId);
    if (res.writableEnded || res.destroyed) return;
    if (res.headersSent) res.destroy();
    else sendFault(res, new RequestDeadlineExceeded(seconds));
  }
}

/**
 * Parses `[extensions] request_deadlines` (`alias:seconds` items) into seconds by alias;
 * throws ConfigError naming the bad item.
 */
export function parseDeadlineList(items: readonly string[]): Record<string, number> {
  const deadlines: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const item of items) {
    const colon = item.lastIndexOf(':');
    const alias = item.slice(0, colon).trim();
    const text = item.slice(colon + 1).trim();
    const seconds = Number(text);
    if (colon <= 0 || alias === '' || text === '' || !Number.isFinite(seconds) || seconds < 0) {
      throw new ConfigError(
        `[extensions] request_deadlines: "${item}" must be alias:seconds, seconds a number >= 0`
      );
    }
    deadlines[alias] = seconds;
  }
  return deadlines;
}
