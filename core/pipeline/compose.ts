/**
 * Composes a pipeline's filters and its app into one Express-compatible handler, the way
 * hono's `compose()` does: the chain is fixed when the pipeline is built, a layer that calls
 * `next()` twice gets a `NextCalledTwiceError`, and any error a layer throws, rejects with,
 * or passes to `next(error)` leaves the chain at once. It goes to the request's error sink
 * when a `faultwrap` filter has installed one (see http/error-sink.ts), otherwise
 * through the outer `next(error)`, where the server turns it into a fault.
 * `next('route')` and `next('router')` leave the chain through the outer `next` unchanged.
 *
 * A layer's `next()` returns nothing (as in Express): a filter that wants to act after the
 * response listens to `res`'s `finish` event.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HTTPInternalServerError, NextCalledTwiceError } from '../errors.js';
import { raiseError } from '../http/error-sink.js';
import { isPromiseLike } from '../promise-like.js';

/** Builds one handler running `handlers` in order; `labels` name them in errors. */
export function compose(
  handlers: readonly RequestHandler[],
  labels: readonly string[] = handlers.map((handler, index) => handler.name || `layer ${index}`)
): RequestHandler {
  const last = handlers.length - 1;
  if (last < 0) {
    return function emptyPipeline(_req: Request, _res: Response, next: NextFunction): void {
      next();
    };
  }

  // Each layer gets its own `next` per request: `next()` receives no request, so a function
  // shared across requests could not tell which request (or which layer) is calling it, and
  // the double-call check needs exactly that. Everything else is fixed here, at build time.
  function dispatch(index: number, req: Request, res: Response, out: NextFunction): void {
    let called = false;
    const next = (error?: unknown): void => {
      if (called) throw new NextCalledTwiceError(labels[index]!);
      called = true;
      if (error === 'route' || error === 'router') out(error);
      else if (error) raiseError(error, req, res, out);
      else if (index === last) out();
      else dispatch(index + 1, req, res, out);
    };
    try {
      const result = handlers[index]!(req, res, next);
      if (isPromiseLike(result)) {
        result.then(undefined, (reason: unknown) =>
          raiseError(asError(reason, labels[index]!), req, res, out)
        );
      }
    } catch (error) {
      raiseError(asError(error, labels[index]!), req, res, out);
    }
  }

  return function composed(req: Request, res: Response, next: NextFunction): void {
    dispatch(0, req, res, next);
  };
}

/** A thrown `undefined` or `null` would read as "no error" downstream; name it instead. */
function asError(reason: unknown, label: string): unknown {
  return reason ?? new HTTPInternalServerError(`${label} failed with ${String(reason)}`);
}
