/**
 * The error sink: where a composed pipeline sends an error that escapes a filter or its app.
 *
 * Contract for the pipeline composer. A filter is a plain Express `(req, res, next)`
 * middleware, so an error from a later layer cannot unwind back through it; instead the
 * composer reports every error of a request through `raiseError`:
 *
 * - a handler throws synchronously, returns a rejected promise, or calls `next(error)`
 *   -> `raiseError(error, req, res, outerNext)`;
 * - `raiseError` calls the sink installed on the request (the `faultwrap` filter installs
 *   one as it passes) or, when none is, hands the error outward with `outerNext(error)`, where
 *   the server's last-resort handler answers it.
 *
 * The sink is a shared function stored under a symbol on the request: nothing is allocated
 * per request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers an error for one request (writes a fault, or gives up on the connection). */
export type ErrorSink = (error: unknown, req: IncomingMessage, res: ServerResponse) => void;

const SINK = Symbol.for('wharf.error-sink');

type WithSink = IncomingMessage & { [SINK]?: ErrorSink };

/** Makes `sink` answer every error later layers of this request raise. */
export function installErrorSink(req: IncomingMessage, sink: ErrorSink): void {
  (req as WithSink)[SINK] = sink;
}

/**
 * Routes an error of a request: to its installed sink, else to `outer` (the enclosing
 * router's `next`).
 */
export function raiseError(
  error: unknown,
  req: IncomingMessage,
  res: ServerResponse,
  outer: (error: unknown) => void
): void {
  const sink = (req as WithSink)[SINK];
  if (sink === undefined) outer(error);
  else sink(error, req, res);
}
