/**
 * `keystonecontext`: nova's NovaKeystoneContext, the filter after `authtoken` that turns
 * the identity authtoken established into the request context. wharf's `authtoken` fills
 * the context itself, so what remains is nova's guard: a request that reaches this filter
 * without an authenticated caller is a 401 `unauthorized` fault.
 */
import type { RequestHandler } from 'express';
import { getContext } from '../context.js';
import { HTTPUnauthorized } from '../errors.js';
import type { FilterFactory } from '../pipeline/types.js';

/** Factory of the `keystonecontext` filter (no options). */
export const keystoneContextFilter: FilterFactory = (): RequestHandler =>
  function keystoneContext(req, _res, next) {
    if (getContext(req).userId === null) next(new HTTPUnauthorized());
    else next();
  };
keystoneContextFilter.options = [];
