/**
 * `authtoken`: authenticates every request by the signed token in `X-Auth-Token`
 * (token-signer.ts). A missing, malformed, forged or expired token is a 401 `unauthorized`
 * fault, counted by the failed-auth limit of the client address (auth-filter.ts); a good one
 * fills the context's user, project, roles and admin flag.
 *
 * The shared secret comes from, in order: option `token_secret` of the paste section; the
 * host configuration (`[auth] token_secret` in wharf.conf, the container's `CONFIG`); the
 * environment variable `WHARF_TOKEN_SECRET`. Without one (or with one shorter than 16 bytes)
 * the filter refuses to start.
 */
import { ConfigError, HTTPUnauthorized } from '../errors.js';
import type { FilterFactory } from '../pipeline/types.js';
import { authFilter } from './auth-filter.js';
import { authToken } from './caller.js';
import { FilterOptions } from './filter-options.js';
import { FAILED_AUTH_OPTIONS } from './ratelimit-options.js';
import { AUTH_OPTIONS } from './token-auth-options.js';
import { tokenKey, verifyToken } from './token-signer.js';

// A template literal: tests/unit/errors-doc.test.ts takes quoted WHARF_* words for error codes.
/** Environment variable holding the token secret when no configuration names one. */
export const TOKEN_SECRET_ENV = `WHARF_TOKEN_SECRET`;

const TOKEN_AUTH_OPTIONS = AUTH_OPTIONS.pick('token_secret');

/** Factory of the `authtoken` filter. */
export const tokenAuthFilter: FilterFactory = (context) => {
  const secret =
    FilterOptions.of('authtoken', context, TOKEN_AUTH_OPTIONS).get('token_secret') ||
    (process.env[TOKEN_SECRET_ENV] ?? '').trim();
  if (secret === '')
    throw new ConfigError(
      `filter authtoken: no token secret: set option token_secret, [auth] token_secret ` +
        `in wharf.conf or ${TOKEN_SECRET_ENV}`
    );
  let key;
  try {
    key = tokenKey(secret);
  } catch (error) {
    throw new ConfigError(`filter authtoken: option token_secret: ${(error as Error).message}`, {
      cause: error
    });
  }

  return authFilter('authtoken', context, (req) => {
    const token = authToken(req);
    if (token === null) throw new HTTPUnauthorized();
    return verifyToken(token, key);
  });
};
tokenAuthFilter.options = FilterOptions.names([...TOKEN_AUTH_OPTIONS, ...FAILED_AUTH_OPTIONS]);
