/**
 * What the log says about a fault that escaped every request's error handling (an uncaught
 * exception, typically thrown from a timer or callback an extension scheduled): the error,
 * and which requests this process had in flight when it happened, with their request ids,
 * since one of them most likely scheduled the code that threw.
 */
import type { RunningServer } from './http-server.js';

/** Most in-flight requests named in one fault's log line. */
const MAX_NAMED_REQUESTS = 20;

/** Log fields attributing `error` to what this process was doing. */
export interface FaultAttribution {
  error: string;
  stack: string | undefined;
  /** The requests in flight when the fault happened (at most 20). */
  inFlight: ReturnType<RunningServer['inFlightRequests']>;
}

/** Builds the log fields of a process-level fault. */
export function attributeFault(
  error: unknown,
  servers: readonly RunningServer[]
): FaultAttribution {
  return {
    error: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
    inFlight: servers.flatMap((server) => server.inFlightRequests()).slice(0, MAX_NAMED_REQUESTS)
  };
}
