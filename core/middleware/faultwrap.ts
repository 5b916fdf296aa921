/**
 * `faultwrap`: every error that escapes the layers after it becomes a fault JSON body.
 *
 * Design. Filters are plain Express `(req, res, next)` middleware composed into a chain, so a
 * downstream error cannot unwind through this filter the way it would through a hono
 * `await next()`. Instead:
 *
 * 1. As a request passes, faultwrap installs `answerError` as the request's error sink
 *    (`installErrorSink`, see error-sink.ts: a shared function under a symbol, no
 *    per-request closure).
 * 2. The pipeline composer reports every later error — a synchronous throw, a rejected
 *    promise, or `next(error)` — through `raiseError(error, req, res, outerNext)`, which
 *    finds the sink and answers with a fault instead of passing the error outward.
 * 3. faultwrap also calls `next()` inside try/catch, so a synchronous throw is caught even
 *    under a composer that does not catch.
 *
 * Errors raised before faultwrap runs (no sink yet) go outward to the server, which calls
 * the same `answerError` (core/http/answer-error.ts) as its last resort.
 */
import type { RequestHandler } from 'express';
import { answerError } from '../http/answer-error.js';
import type { FilterFactory } from '../pipeline/types.js';
import { installErrorSink } from '../http/error-sink.js';

/** Factory of the `faultwrap` filter (no options). */
export const faultwrapFilter: FilterFactory = (): RequestHandler =>
  function faultwrap(req, res, next) {
    installErrorSink(req, answerError);
    try {
      next();
    } catch (error) {
      answerError(error, req, res);
    }
  };
faultwrapFilter.options = [];
