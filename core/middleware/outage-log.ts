/**
 * The log of a backing service's outages (Keystone, the Redis of the rate limiter): one
 * warning when the service starts failing, one info line when it answers again, and nothing
 * for the failures in between, however many requests meet them.
 */
import type { Logger } from '../logger.js';

/** Why a call failed, with the network cause fetch wraps (`ECONNREFUSED`, a timeout). */
export function failureReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { message, cause } = error;
  const inner =
    cause instanceof Error ? `: ${(cause as NodeJS.ErrnoException).code ?? cause.message}` : '';
  return `${message}${inner}`;
}

/** Tracks whether one service is down and logs each change. */
export class OutageLog {
  private down = false;

  /**
   * @param service what the lines name (`Keystone at http://…`)
   * @param consequence what requests meet while it is down (`requests get 503 until it answers`)
   */
  constructor(
    private readonly logger: Logger,
    private readonly service: string,
    private readonly consequence: string
  ) {}

  /** Notes a failed call: a warning if it starts an outage. */
  failed(error: unknown): void {
    if (this.down) return;
    this.down = true;
    this.logger.warn(
      `${this.service} is unavailable: ${failureReason(error)}; ${this.consequence}`
    );
  }

  /** Notes a call that succeeded: an info line if it ends an outage. */
  succeeded(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.info(`${this.service} answers again`);
  }
}
