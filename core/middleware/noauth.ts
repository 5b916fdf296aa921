/**
 * `noauth2`: nova's NoAuthMiddleware, for development and client testing without keystone.
 * It trusts whatever `X-Auth-Token` says:
 *
 * - `user:project`, or a bare `token` that is both user and project;
 * - `X-Auth-Project-Id`, when present, names the project (as nova does);
 * - user `admin` gets roles `admin` and `member` (an admin context), anyone else `member`;
 * - a missing or empty token, or one with an empty user, is a 401 `unauthorized` fault.
 */
import type { RequestHandler } from 'express';
import { sendFault } from '../api/faults.js';
import { HTTPUnauthorized } from '../errors.js';
import type { FilterFactory } from '../pipeline/types.js';
import { authToken, setCaller } from './caller.js';

/** Factory of the `noauth2` filter (no options). */
export const noauthFilter: FilterFactory = (): RequestHandler =>
  function noauth2(req, res, next) {
    const token = authToken(req) ?? '';
    const colon = token.indexOf(':');
    const user = colon === -1 ? token : token.slice(0, colon);
    if (user === '') {
      sendFault(res, new HTTPUnauthorized());
      return;
    }
    const projectHeader = req.headers['x-auth-project-id'];
    const project =
      (typeof projectHeader === 'string' && projectHeader) ||
      (colon === -1 ? '' : token.slice(colon + 1)) ||
      user;
    setCaller(req, { user, project, roles: user === 'admin' ? ['admin', 'member'] : ['member'] });
    next();
  };
