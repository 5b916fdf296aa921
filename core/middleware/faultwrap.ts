/**
 * `faultwrap`: every error that escapes the layers after it becomes a fault JSON body.
 *
 * Design. Filters are plain Express `(req, res, next)` middleware composed into a chain, so a
 * downstream error cannot unwind through this filter the way it would through a hono
 * `await next()`. Instead:
 *
 * 1. As a request passes, faultwrap installs `handleError` as the request's error sink
 *    (`installErrorSink`, see error-sink.ts: a shared function under a symbol, no
 *    per-request closure).
 * 2. The pipeline composer reports every later error — a synchronous throw, a rejected
 *    promise, or `next(error)` — through `raiseError(error, req, res, outerNext)`, which
 *    finds the sink and answers with a fault instead of passing the error outward.
 * 3. faultwrap also calls `next()` inside try/catch, so a synchronous throw is caught even
 *    under a composer that does not catch.
 *
 * Errors raised before faultwrap runs (no sink yet) go outward to the server, which calls
 * the same `handleError` as its last resort.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { answeredClientGone, buildFault, sendFault } from '../api/faults.js';
import { getContext } from '../context.js';
import type { FilterFactory } from '../pipeline/types.js';
import { installErrorSink } from './error-sink.js';

/**
 * Answers any error of a request with a fault. Server-side failures (non-HTTP errors and
 * 5xx HTTP errors) are logged at error level with their stack and the request id; the body
 * says nothing internal. When the response has already started, the connection is destroyed
 * (the client sees a truncated response, not a corrupt one); when it has already ended, the
 * error is only logged.
 */
export function handleError(error: unknown, req: IncomingMessage, res: ServerResponse): void {
  const context = getContext(req);
  if (answeredClientGone(error, res, context)) return;
  const { status } = buildFault(error);
  const detail = {
    requestId: context.requestId,
    error: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined
  };
  if (res.writableEnded) {
    context.logger.warn('error after the response was sent', detail);
    return;
  }
  if (status >= 500) context.logger.error('unexpected error handling request', detail);
  else context.logger.debug('HTTP exception thrown', { requestId: detail.requestId, status });
  if (res.headersSent) {
    context.logger.warn('response already started: closing the connection', detail);
    res.destroy();
    return;
  }
  sendFault(res, error);
}

/** Factory of the `faultwrap` filter (no options). */
export const faultwrapFilter: FilterFactory = (): RequestHandler =>
  function faultwrap(req, res, next) {
    installErrorSink(req, handleError);
    try {
      next();
    } catch (error) {
      handleError(error, req, res);
    }
  };
faultwrapFilter.options = [];
