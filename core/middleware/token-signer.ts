/**
 * wharf's signed tokens: `wharf1.<payload>.<signature>`, where the payload is the base64url
 * JSON `{user, project, roles, exp}` (`exp` in Unix seconds) and the signature the base64url
 * HMAC-SHA256 of `wharf1.<payload>` under a shared secret. The `authtoken` filter verifies
 * them; `wharf token issue` issues them.
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { ConfigError, TokenExpiredError, TokenInvalidError } from '../errors.js';

/** The version prefix of every token. */
export const TOKEN_PREFIX = 'wharf1';

/** Shortest secret accepted, in bytes. */
export const MIN_TOKEN_SECRET_LENGTH = 16;

/** What a token says about its bearer. */
export interface TokenClaims {
  /** The user's id. */
  user: string;
  /** The project the token is scoped to. */
  project: string;
  /** The bearer's roles in that project. */
  roles: string[];
  /** Expiry, Unix seconds. */
  exp: number;
}

/** What `issueToken` needs. */
export interface IssueTokenOptions {
  /** The user's id. */
  user: string;
  /** The project the token is scoped to. */
  project: string;
  /** Default `['member']`. */
  roles?: string[];
  /** Lifetime in whole seconds. */
  ttlSeconds: number;
}

/** A secret as text, or as a key prepared once with `tokenKey`. */
export type TokenSecret = string | KeyObject;

/** Prepares a secret for repeated use; refuses one shorter than 16 bytes. */
export function tokenKey(secret: string): KeyObject {
  if (Buffer.byteLength(secret) < MIN_TOKEN_SECRET_LENGTH)
    throw new ConfigError(
      `token secret is too short: at least ${MIN_TOKEN_SECRET_LENGTH} bytes are required`
    );
  return createSecretKey(Buffer.from(secret));
}

const PAYLOAD_AT = TOKEN_PREFIX.length + 1;

function invalid(): TokenInvalidError {
  return new TokenInvalidError('The token is invalid.');
}

function sign(body: string, secret: TokenSecret): string {
  const key = typeof secret === 'string' ? tokenKey(secret) : secret;
  return createHmac('sha256', key).update(body).digest('base64url');
}

function isClaims(value: unknown): value is TokenClaims {
  const claims = value as TokenClaims;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof claims.user === 'string' &&
    claims.user !== '' &&
    typeof claims.project === 'string' &&
    claims.project !== '' &&
    Array.isArray(claims.roles) &&
    claims.roles.every((role) => typeof role === 'string') &&
    Number.isFinite(claims.exp)
  );
}

/** Issues a token valid for `ttlSeconds` from `now` (milliseconds, default the clock). */
export function issueToken(
  options: IssueTokenOptions,
  secret: TokenSecret,
  now = Date.now()
): string {
  if (!Number.isSafeInteger(options.ttlSeconds) || options.ttlSeconds <= 0)
    throw new ConfigError(`token ttl must be a positive whole number of seconds`);
  const claims = {
    user: options.user,
    project: options.project,
    roles: options.roles ?? ['member'],
    exp: Math.floor(now / 1000) + options.ttlSeconds
  };
  if (!isClaims(claims)) throw new ConfigError('token user and project must not be empty');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const body = `${TOKEN_PREFIX}.${payload}`;
  return `${body}.${sign(body, secret)}`;
}

/**
 * The claims of a valid token. Throws HTTPUnauthorized with code `WHARF_TOKEN_INVALID`
 * (malformed, bad signature) or `WHARF_TOKEN_EXPIRED`. The signature is checked, in constant
 * time, before the payload is parsed.
 */
export function verifyToken(token: string, secret: TokenSecret, now = Date.now()): TokenClaims {
  const lastDot = token.lastIndexOf('.');
  const body = token.slice(0, lastDot);
  if (lastDot === -1 || !body.startsWith(`${TOKEN_PREFIX}.`) || body.includes('.', PAYLOAD_AT))
    throw invalid();
  const given = Buffer.from(token.slice(lastDot + 1));
  const expected = Buffer.from(sign(body, secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body.slice(PAYLOAD_AT), 'base64url').toString());
  } catch {
    throw invalid();
  }
  if (!isClaims(claims)) throw invalid();
  if (claims.exp * 1000 <= now) throw new TokenExpiredError('The token has expired.');
  return claims;
}
