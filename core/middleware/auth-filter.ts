/**
 * What every auth filter does around its own check of the credentials: refuse a client
 * address that failed authentication too often (failed-auth-limit.ts) before looking at its
 * credentials, answer a failed check with its 401 `unauthorized` fault and count it, and
 * record the caller of a good one in the request context.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { sendFault } from '../api/faults.js';
import { HTTPUnauthorized } from '../errors.js';
import type { FactoryContext } from '../pipeline/types.js';
import { setCaller, type Caller } from './caller.js';
import { openFailedAuthLimit, type FailedAuthLimit } from './failed-auth-limit.js';

/** Checks the credentials of `req`: the caller, or a thrown HTTPUnauthorized. */
export type Authenticate = (req: IncomingMessage) => Caller;

/**
 * The auth filter `name` (also its function's name, which pipeline errors show) around
 * `authenticate`; a promise when the failed-auth limit counts in Redis.
 */
export function authFilter(
  name: string,
  context: FactoryContext,
  authenticate: Authenticate
): RequestHandler | Promise<RequestHandler> {
  const build = (limit: FailedAuthLimit | null): RequestHandler => {
    const filter: RequestHandler = (req, res, next) => {
      const check = (): void => {
        let caller: Caller;
        try {
          caller = authenticate(req);
        } catch (error) {
          if (error instanceof HTTPUnauthorized) limit?.failed(req);
          sendFault(res, error);
          return;
        }
        setCaller(req, caller);
        next();
      };
      if (limit === null) check();
      else limit.admit(req, res, check);
    };
    return Object.defineProperty(filter, 'name', { value: name });
  };
  const limit = openFailedAuthLimit(name, context);
  return limit instanceof Promise ? limit.then(build) : build(limit);
}
