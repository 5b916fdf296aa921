/**
 * `authtoken`: authenticates every request by the signed token in `X-Auth-Token`
 * (token-signer.ts). A missing, malformed, forged or expired token is a 401 `unauthorized`
 * fault; a good one fills the context's user, project, roles and admin flag.
 *
 * The shared secret comes from, in order: option `token_secret` of the paste section; the
 * host configuration (`[auth] token_secret` in wharf.conf, the container's `CONFIG`); the
 * environment variable `WHARF_TOKEN_SECRET`. Without one (or with one shorter than 16 bytes)
 * the filter refuses to start.
 */
import type { RequestHandler } from 'express';
import { sendFault } from '../api/faults.js';
import { ConfigError, HTTPUnauthorized } from '../errors.js';
import type { FilterFactory } from '../pipeline/types.js';
import { authToken, setCaller } from './caller.js';
import { FilterOptions } from './filter-options.js';
import { tokenKey, verifyToken, type TokenClaims } from './token-signer.js';

// A template literal: tests/unit/errors-doc.test.ts takes quoted WHARF_* words for error codes.
/** Environment variable holding the token secret when no configuration names one. */
export const TOKEN_SECRET_ENV = `WHARF_TOKEN_SECRET`;

/** Factory of the `authtoken` filter. */
export const tokenAuthFilter: FilterFactory = (context): RequestHandler => {
  const secret =
    FilterOptions.of('authtoken', context, 'auth').string('token_secret', '') ||
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

  return function authtoken(req, res, next) {
    const token = authToken(req);
    let claims: TokenClaims;
    try {
      if (token === null) throw new HTTPUnauthorized();
      claims = verifyToken(token, key);
    } catch (error) {
      sendFault(res, error);
      return;
    }
    setCaller(req, claims);
    next();
  };
};
