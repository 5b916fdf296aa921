/**
 * `noauth2`: nova's NoAuthMiddleware, for development and client testing without keystone.
 * It trusts whatever `X-Auth-Token` says:
 *
 * - `user:project`, or a bare `token` that is both user and project;
 * - `X-Auth-Project-Id`, when present, names the project (as nova does);
 * - user `admin` gets roles `admin` and `member` (an admin context), anyone else `member`;
 * - a missing or empty token, or one with an empty user, is a 401 `unauthorized` fault,
 *   counted by the failed-auth limit of the client address (auth-filter.ts).
 *
 * Because anyone may claim to be `admin`, a host serving `noauth2` listens on loopback unless
 * told otherwise (see `[wsgi] host`).
 */
import type { IncomingMessage } from 'node:http';
import { HTTPUnauthorized } from '../errors.js';
import type { FilterFactory } from '../pipeline/types.js';
import { authFilter } from './auth-filter.js';
import { authToken, type Caller } from './caller.js';
import { FilterOptions } from './filter-options.js';
import { FAILED_AUTH_OPTIONS } from './ratelimit-options.js';

/** The caller `X-Auth-Token` (and `X-Auth-Project-Id`) claim to be. */
function claimedCaller(req: IncomingMessage): Caller {
  const token = authToken(req) ?? '';
  const colon = token.indexOf(':');
  const user = colon === -1 ? token : token.slice(0, colon);
  if (user === '') throw new HTTPUnauthorized();
  const projectHeader = req.headers['x-auth-project-id'];
  const project =
    (typeof projectHeader === 'string' && projectHeader) ||
    (colon === -1 ? '' : token.slice(colon + 1)) ||
    user;
  return { user, project, roles: user === 'admin' ? ['admin', 'member'] : ['member'] };
}

/** Factory of the `noauth2` filter (options: those of the failed-auth limit). */
export const noauthFilter: FilterFactory = (context) =>
  authFilter('noauth2', context, claimedCaller);
noauthFilter.options = FilterOptions.names(FAILED_AUTH_OPTIONS);
noauthFilter.trustsClaimedIdentity = true;
