/**
 * What the log says about a fault that escaped every request's error handling (an uncaught
 * exception, typically thrown from a timer or callback an extension scheduled): the error,
 * the extension whose code threw and its request (from the extension scope: Node runs the
 * listener in the async context of the throw), and which requests this process had in
 * flight, with their request ids, for faults raised outside any extension's scope.
 */
import { blameCurrentExtension } from '../extension-scope.js';
import type { RunningServer } from './http-server.js';

/** Most in-flight requests named in one fault's log line. */
const MAX_NAMED_REQUESTS = 20;

/** Log fields attributing `error` to what this process was doing. */
export interface FaultAttribution {
  error: string;
  stack: string | undefined;
  /** Alias of the extension whose code threw; null when it ran outside every extension. */
  extension: string | null;
  /** Request id of the request whose extension code threw, when known. */
  requestId: string | null;
  /** The requests in flight when the fault happened (at most 20). */
  inFlight: ReturnType<RunningServer['inFlightRequests']>;
}

/**
 * Builds the log fields of a process-level fault, blaming (and counting a fault against)
 * the extension in whose scope it was thrown.
 */
export function attributeFault(
  error: unknown,
  servers: readonly RunningServer[]
): FaultAttribution {
  const culprit = blameCurrentExtension('exception');
  return {
    error: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
    extension: culprit?.extension ?? null,
    requestId: culprit?.requestId ?? null,
    inFlight: servers.flatMap((server) => server.inFlightRequests()).slice(0, MAX_NAMED_REQUESTS)
  };
}
