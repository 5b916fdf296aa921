/**
 * What every auth filter does around its own check of the credentials: refuse a client
 * address that failed authentication too often (failed-auth-limit.ts) before looking at its
 * credentials, answer a failed check with its 401 `unauthorized` fault and count it, and
 * record the caller of a good one in the request context. A warm-up request (sent by the
 * server itself before it listens, see core/http/warm-up-requests.ts) is the warm-up
 * caller, a member of a project nobody owns, with no credentials checked.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { sendFault } from '../http/faults.js';
import { HTTPUnauthorized } from '../errors.js';
import type { FactoryContext } from '../pipeline/types.js';
import { setCaller, type Caller } from './caller.js';
import { openFailedAuthLimit, type FailedAuthLimit } from './failed-auth-limit.js';
import { isWarmUpRequest, WARM_UP_CALLER } from '../http/warm-up-requests.js';

/**
 * Checks the credentials of `req`: the caller, or a thrown (rejected) HTTPUnauthorized; a
 * check that asks another service answers with a promise.
 */
export type Authenticate = (req: IncomingMessage) => Caller | Promise<Caller>;

/**
 * The auth filter `name` (also its function's name, which pipeline errors show) around
 * `authenticate`, limited by `limit` (null: no limit on failures).
 */
export function createAuthFilter(
  name: string,
  authenticate: Authenticate,
  limit: FailedAuthLimit | null
): RequestHandler {
  const refuse = (req: IncomingMessage, res: ServerResponse, error: unknown): void => {
    if (error instanceof HTTPUnauthorized) limit?.failed(req);
    sendFault(res, error);
  };
  const check: RequestHandler = (req, res, next) => {
    let caller: Caller | Promise<Caller>;
    if (isWarmUpRequest(req)) {
      setCaller(req, { ...WARM_UP_CALLER, roles: [...WARM_UP_CALLER.roles] });
      next();
      return;
    }
    try {
      caller = authenticate(req);
    } catch (error) {
      refuse(req, res, error);
      return;
    }
    if (!(caller instanceof Promise)) {
      setCaller(req, caller);
      next();
      return;
    }
    return caller.then(
      (found) => {
        setCaller(req, found);
        next();
      },
      (error: unknown) => refuse(req, res, error)
    );
  };
  const filter: RequestHandler =
    limit === null
      ? check
      : (req, res, next) => {
          const admitted = limit.admit(req, res);
          if (admitted === true) return check(req, res, next);
          // Returned, so the pipeline answers anything the deferred check throws.
          if (admitted !== false)
            return admitted.then((yes) => (yes ? check(req, res, next) : undefined));
        };
  return Object.defineProperty(filter, 'name', { value: name });
}

/**
 * The auth filter `name` around `authenticate`, with the failed-auth limit its options (and
 * `[ratelimit]`) ask for; a promise when that limit counts in Redis.
 */
export function authFilter(
  name: string,
  context: FactoryContext,
  authenticate: Authenticate
): RequestHandler | Promise<RequestHandler> {
  const build = (limit: FailedAuthLimit | null): RequestHandler =>
    createAuthFilter(name, authenticate, limit);
  const limit = openFailedAuthLimit(name, context);
  return limit instanceof Promise ? limit.then(build) : build(limit);
}
