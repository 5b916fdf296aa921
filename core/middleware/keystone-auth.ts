/**
 * `keystone_authtoken` (nova's `authtoken`, keystonemiddleware's `auth_token`): validates
 * the `X-Auth-Token` of every request against Keystone (keystone-client.ts) and fills the
 * request context from what Keystone says: user, project, roles and both domains.
 *
 * - A missing token, one Keystone does not accept, or one scoped to no project is a 401
 *   `unauthorized` fault with `WWW-Authenticate: Keystone uri="<www_authenticate_uri>"`,
 *   counted by the failed-auth limit of the client address (auth-filter.ts).
 * - Keystone unreachable, slow past `http_connect_timeout`, or failing: 503 with
 *   `Retry-After`, never a 500.
 * - A validation is cached for `token_cache_time` seconds, never past the token's expiry;
 *   0 asks Keystone on every request.
 *
 * Options come from the paste section, then `[keystone_authtoken]` of wharf.conf, as
 * nova.conf holds them: `auth_url`, `username` and `password` are required at start-up;
 * Keystone is first asked on the first request.
 */
import { createHash } from 'node:crypto';
import { ConfigError, HTTPUnauthorized, TokenInvalidError } from '../errors.js';
import type { FilterFactory } from '../pipeline/types.js';
import { authFilter } from './auth-filter.js';
import { authToken, type Caller } from './caller.js';
import { ExpiringCache } from './expiring-cache.js';
import { FilterOptions } from './filter-options.js';
import { KEYSTONE_AUTHTOKEN_OPTIONS } from './keystone-auth-options.js';
import { FAILED_AUTH_OPTIONS } from './ratelimit-options.js';
import { KeystoneClient, type KeystoneToken } from './keystone-client.js';

/** Validated tokens one process keeps at most. */
export const TOKEN_CACHE_ENTRIES = 10_000;

/** The 401 for a token Keystone did not vouch for, pointing the client at Keystone. */
function refused(
  wwwAuthenticate: string,
  message: string,
  Refusal: typeof HTTPUnauthorized = TokenInvalidError
): HTTPUnauthorized {
  return new Refusal(message, { headers: { 'WWW-Authenticate': wwwAuthenticate } });
}

/** The caller a project-scoped Keystone token names. */
function callerOf(token: KeystoneToken & { projectId: string }): Caller {
  return {
    user: token.userId,
    project: token.projectId,
    roles: token.roles,
    ...(token.userDomainId === null ? {} : { userDomain: token.userDomainId }),
    ...(token.projectDomainId === null ? {} : { projectDomain: token.projectDomainId })
  };
}

/** Factory of the `keystone_authtoken` filter. */
export const keystoneAuthFilter: FilterFactory = (context) => {
  const options = FilterOptions.of('keystone_authtoken', context, KEYSTONE_AUTHTOKEN_OPTIONS.specs);
  const required = (name: 'auth_url' | 'username' | 'password'): string => {
    const value = options.get(name);
    if (value === '')
      throw new ConfigError(
        `filter keystone_authtoken: option ${name} is required: set it in ` +
          `[keystone_authtoken] of wharf.conf or in the filter's paste section`
      );
    return value;
  };
  const authUrl = required('auth_url');
  if (!/^https?:\/\/./.test(authUrl)) options.fail('auth_url', authUrl, 'expected an http(s) URL');
  const client = new KeystoneClient(
    {
      authUrl,
      username: required('username'),
      password: required('password'),
      projectName: options.get('project_name'),
      userDomainName: options.get('user_domain_name'),
      projectDomainName: options.get('project_domain_name'),
      timeoutMs: options.get('http_connect_timeout') * 1000
    },
    context.logger
  );
  const header = `Keystone uri="${options.get('www_authenticate_uri') || authUrl}"`;
  const cacheMs = options.get('token_cache_time') * 1000;
  const cache = new ExpiringCache<KeystoneToken | null>(TOKEN_CACHE_ENTRIES);

  return authFilter('keystone_authtoken', context, async (req) => {
    const token = authToken(req);
    if (token === null) throw refused(header, 'Authentication required', HTTPUnauthorized);
    const key = createHash('sha256').update(token).digest('base64url');
    const found = await cache.get(key, async () => {
      const value = await client.validate(token);
      return { value, expiresAt: Math.min(value?.expiresAt ?? 0, Date.now() + cacheMs) };
    });
    if (found === null) throw refused(header, 'The token is invalid.');
    if (found.projectId === null) throw refused(header, 'The token is not scoped to a project.');
    return callerOf({ ...found, projectId: found.projectId });
  });
};
keystoneAuthFilter.options = FilterOptions.names([
  ...KEYSTONE_AUTHTOKEN_OPTIONS.specs,
  ...FAILED_AUTH_OPTIONS
]);
