/**
 * `sizelimit`: refuses request bodies larger than `max_request_body_size` bytes (declared in
 * sizelimit-options.ts: 114688, 112 KiB, nova's default) with a 413 `overLimit` fault.
 *
 * - A `Content-Length` over the limit is answered at once, before any body is read.
 * - A body without a length (chunked) is counted as the HTTP parser pushes it into the
 *   request stream: this filter replaces the request's `push` with a counting one (a shared
 *   function; the count lives under a symbol on the request). The chunk that crosses the
 *   limit and everything after it are dropped, never buffered; the 413 is sent at once and
 *   the body stream never ends, so no reader sees a truncated body as if it were whole.
 *
 * A 413 leaves the connection open while the rest of the body arrives, read and thrown
 * away, for at most a few seconds (see lingering-close.ts): closing it at once would reset
 * a client still uploading before it read the fault. When the response has already been
 * sent, a body still being read that crosses the limit closes the connection instead (an
 * unread one Node discards by itself, unbuffered).
 */
import { IncomingMessage, type ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { sendFault } from '../http/faults.js';
import { HTTPRequestEntityTooLarge } from '../errors.js';
import type { FilterFactory } from '../pipeline/types.js';
import { FilterOptions } from './filter-options.js';
import { lingerAfterAnswer } from './lingering-close.js';
import { SIZELIMIT_OPTIONS } from './sizelimit-options.js';

interface BodyBudget {
  res: ServerResponse;
  remaining: number;
  over: boolean;
}

const BUDGET = Symbol('wharf.sizelimit.budget');

type Limited = IncomingMessage & { [BUDGET]: BodyBudget };

const push = IncomingMessage.prototype.push;

/** Answers 413; the rest of the body is read and discarded, for a bounded time. */
function refuse(req: IncomingMessage, res: ServerResponse): void {
  lingerAfterAnswer(req, res);
  sendFault(res, new HTTPRequestEntityTooLarge('Request is too large.'));
}

// Installed as the request's own `push`: `this` is the request.
function countingPush(this: Limited, chunk: unknown, encoding?: BufferEncoding): boolean {
  const budget = this[BUDGET];
  if (budget.over) return true;
  if (chunk !== null) {
    budget.remaining -= (chunk as Buffer).length;
    if (budget.remaining < 0) {
      budget.over = true;
      cutOff(this, budget.res);
      return true;
    }
  }
  return push.call(this, chunk, encoding);
}

function cutOff(req: IncomingMessage, res: ServerResponse): void {
  if (!res.headersSent) {
    refuse(req, res);
    return;
  }
  // Too late for a fault: end the connection once whatever was answered is written.
  if (res.writableFinished) req.socket.destroy();
  else res.once('finish', () => req.socket.destroy());
}

/** Factory of the `sizelimit` filter. */
export const sizelimitFilter: FilterFactory = (context): RequestHandler => {
  const limit = FilterOptions.of('sizelimit', context, SIZELIMIT_OPTIONS.specs).get(
    'max_request_body_size'
  );
  return function sizelimit(req, res, next) {
    const declared = req.headers['content-length'];
    if (declared !== undefined) {
      if (Number(declared) > limit) refuse(req, res);
      else next();
      return;
    }
    if (req.headers['transfer-encoding'] !== undefined) {
      // Body bytes the parser pushed before this filter ran count too.
      const remaining = limit - req.readableLength;
      if (remaining < 0) {
        refuse(req, res);
        return;
      }
      (req as unknown as Limited)[BUDGET] = { res, remaining, over: false };
      req.push = countingPush;
    }
    next();
  };
};
sizelimitFilter.options = FilterOptions.names(SIZELIMIT_OPTIONS.specs);
