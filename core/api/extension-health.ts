/**
 * Runtime health of API extensions: faults counted per extension over a sliding window, and
 * quarantine. After `threshold` faults within `windowMs` an extension is quarantined for
 * `cooldownMs`: its routes and actions answer 503 with `Retry-After`, its pre- and
 * post-processors are skipped, then it is released with a clean slate. Every fault, every
 * quarantine and every release is logged with the counts.
 *
 * Faults are what an extension's own code did: an undeclared error or 500 from its handler
 * or processor, a request still running at its deadline, an unhandled rejection or an
 * uncaught exception attributed to it. Clients cannot cause one by sending bad requests.
 */
import type { FaultKind, FaultRecorder } from '../extension-scope.js';
import { runOutsideScopes } from '../extension-scope.js';
import type { Logger } from '../logger.js';

/** When an extension is quarantined and for how long. */
export interface QuarantinePolicy {
  /** Faults within the window that quarantine an extension; 0 counts faults but never quarantines. */
  threshold: number;
  /** Length of the sliding window faults are counted in, in milliseconds. */
  windowMs: number;
  /** How long a quarantine lasts, in milliseconds. */
  cooldownMs: number;
}

/** The health of one extension, as the admin document shows it. */
export interface HealthView {
  /** `quarantined` while its cool-down runs, else `active`. */
  status: 'active' | 'quarantined';
  /** Faults within the window now. */
  faults: number;
  /** Faults since the host started. */
  faultsTotal: number;
  /** Times it was quarantined since the host started. */
  quarantines: number;
  /** ISO time the quarantine ends, or null. */
  quarantinedUntil: string | null;
  /** The latest fault: its kind and ISO time, or null. */
  lastFault: { kind: FaultKind; at: string } | null;
}

/** Timestamps kept per extension at most; the window's count saturates there. */
const MAX_TIMESTAMPS = 1024;

class State {
  readonly times: number[] = [];
  total = 0;
  quarantines = 0;
  until = 0;
  last: { kind: FaultKind; at: number } | null = null;
}

/** Fault counts and quarantine of every extension of one API router. */
export class ExtensionHealth implements FaultRecorder {
  private readonly states = new Map<string, State>();
  private readonly timers = new Set<NodeJS.Timeout>();
  // Read on every request: while nothing is quarantined, checks cost one comparison.
  private quarantined = 0;

  constructor(
    /** How many faults in what window quarantine an extension, and for how long. */
    readonly policy: QuarantinePolicy,
    private readonly logger: Logger
  ) {}

  /** Counts a fault of `extension`, logs it, and quarantines the extension at the threshold. */
  recordFault(extension: string, kind: FaultKind, requestId: string | null): void {
    const now = Date.now();
    const state = this.stateOf(extension);
    state.total += 1;
    state.last = { kind, at: now };
    state.times.push(now);
    if (state.times.length > MAX_TIMESTAMPS) state.times.shift();
    const faults = this.prune(state, now);
    const { threshold, windowMs, cooldownMs } = this.policy;
    const windowSeconds = windowMs / 1000;
    this.logger.warn(
      `fault (${kind}) in extension ${extension}: ${faults} in the last ${windowSeconds} s`,
      { extension, requestId, fault: kind, faults, threshold }
    );
    if (threshold === 0 || faults < threshold || state.until > now) return;
    state.until = now + cooldownMs;
    state.quarantines += 1;
    this.quarantined += 1;
    this.logger.error(
      `extension ${extension} quarantined for ${cooldownMs / 1000} s after ${faults} faults in ${windowSeconds} s`,
      { extension, faults, quarantinedUntil: new Date(state.until).toISOString() }
    );
    // Created outside the request's scope: the release is nobody's request.
    const timer = runOutsideScopes(() =>
      setTimeout(() => this.release(extension, timer), cooldownMs).unref()
    );
    this.timers.add(timer);
  }

  /** Seconds until `extension` leaves quarantine (rounded up), or 0 when it is not quarantined. */
  retryAfter(extension: string): number {
    if (this.quarantined === 0) return 0;
    const until = this.states.get(extension)?.until ?? 0;
    const left = until - Date.now();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /** True while `extension` is quarantined. */
  isQuarantined(extension: string): boolean {
    return this.quarantined !== 0 && (this.states.get(extension)?.until ?? 0) > Date.now();
  }

  /** The health of `extension` now. */
  view(extension: string): HealthView {
    const now = Date.now();
    const state = this.states.get(extension) ?? new State();
    const quarantined = state.until > now;
    return {
      status: quarantined ? 'quarantined' : 'active',
      faults: this.prune(state, now),
      faultsTotal: state.total,
      quarantines: state.quarantines,
      quarantinedUntil: quarantined ? new Date(state.until).toISOString() : null,
      lastFault: state.last && { kind: state.last.kind, at: new Date(state.last.at).toISOString() }
    };
  }

  /** Cancels pending releases (the host is stopping). */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private release(extension: string, timer: NodeJS.Timeout): void {
    this.timers.delete(timer);
    const state = this.stateOf(extension);
    state.until = 0;
    state.times.length = 0;
    this.quarantined -= 1;
    this.logger.info(`extension ${extension} released from quarantine`, {
      extension,
      faults: 0
    });
  }

  /** Drops the timestamps that left the window; returns the count left. */
  private prune(state: State, now: number): number {
    const oldest = now - this.policy.windowMs;
    let drop = 0;
    while (drop < state.times.length && state.times[drop]! <= oldest) drop += 1;
    if (drop > 0) state.times.splice(0, drop);
    return state.times.length;
  }

  private stateOf(extension: string): State {
    let state = this.states.get(extension);
    if (state === undefined) {
      state = new State();
      this.states.set(extension, state);
    }
    return state;
  }
}
