/**
 * How long to wait before replacing a worker that died. A worker that dies now and then is
 * replaced at once; when deaths come in quick succession (a crash loop: a bad deployment, a
 * dependency down) each further replacement waits twice as long as the last, up to a
 * ceiling, so the primary does not spin forking processes that die at once. A quiet spell
 * as long as the window after the last replacement started ends the streak.
 */

/** Tuning of the backoff; every field has a default. */
export interface RestartBackoffOptions {
  /** A death this soon after the previous replacement started continues the streak. Default 10 s. */
  windowMs?: number;
  /** Deaths of a streak replaced without delay. Default 1. */
  freeRestarts?: number;
  /** Delay of the first delayed replacement. Default 500 ms. */
  baseDelayMs?: number;
  /** Longest delay. Default 30 s. */
  maxDelayMs?: number;
}

/** Records worker deaths and says how long to wait before each replacement. */
export class RestartBackoff {
  readonly #windowMs: number;
  readonly #freeRestarts: number;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  #streak = 0;
  #lastRestartAt = Number.NEGATIVE_INFINITY;

  constructor(options: RestartBackoffOptions = {}) {
    this.#windowMs = options.windowMs ?? 10_000;
    this.#freeRestarts = options.freeRestarts ?? 1;
    this.#baseDelayMs = options.baseDelayMs ?? 500;
    this.#maxDelayMs = options.maxDelayMs ?? 30_000;
  }

  /** Records a death at `now` and returns the delay, in ms, before its replacement starts. */
  delayAfterDeath(now: number = Date.now()): number {
    this.#streak = now - this.#lastRestartAt < this.#windowMs ? this.#streak + 1 : 1;
    const excess = this.#streak - this.#freeRestarts;
    const delay =
      excess <= 0 ? 0 : Math.min(this.#maxDelayMs, this.#baseDelayMs * 2 ** (excess - 1));
    this.#lastRestartAt = now + delay;
    return delay;
  }
}
