/**
 * Why a request was refused, each with its own code on top of an HTTP error's status: a body
 * that is malformed or too deep, a bad microversion, a bad token, a backing service down, a
 * client that went away.
 */
import { CODES } from './codes.js';
import { WharfError, type WharfErrorOptions } from './wharf-error.js';
import {
  HTTPBadRequest,
  HTTPNotAcceptable,
  HTTPServiceUnavailable,
  HTTPUnauthorized
} from './http-errors.js';

/** The codes of the backing services the host itself uses. */
export type BackingServiceCode =
  typeof CODES.WHARF_KEYSTONE_UNAVAILABLE | typeof CODES.WHARF_RATELIMIT_UNAVAILABLE;

/**
 * 503: a backing service (`service`: Keystone, the rate limiter's Redis) cannot be reached or did not
 * answer in time; carries `Retry-After`. The client sees a fault naming the service, never
 * the cause, which the log keeps.
 */
export class BackingServiceUnavailable extends HTTPServiceUnavailable {
  /** Which service: one code per service, declared in codes.ts. */
  override readonly code: BackingServiceCode;
  constructor(
    code: BackingServiceCode,
    service: string,
    retryAfterSeconds: number,
    options: WharfErrorOptions = {}
  ) {
    super(`${service} is unavailable. Please try again later.`, {
      ...options,
      headers: { 'Retry-After': String(retryAfterSeconds), ...options.headers }
    });
    this.code = code;
  }
}

/**
 * The client went away before its request was read (it closed the connection mid-body).
 * Nothing can be answered; the host logs one info line. 499 is nginx's "client closed
 * request", recorded for the log and never sent.
 */
export class ClientDisconnectedError extends WharfError {
  constructor(options: WharfErrorOptions = {}) {
    super(
      CODES.WHARF_CLIENT_DISCONNECTED,
      'the client closed the connection before sending the whole request body',
      499,
      options
    );
  }
}

/** 400 `Malformed request body`: invalid JSON, or an action body that is not one key. */
export class MalformedBodyError extends HTTPBadRequest {
  override readonly code = CODES.WHARF_MALFORMED_BODY;
}

/** 400: the JSON body nests deeper than the limit; refused before it is parsed. */
export class BodyTooDeepError extends HTTPBadRequest {
  override readonly code = CODES.WHARF_BODY_TOO_DEEP;
}

/** 400: the `method_override` filter got a `_method` that names no HTTP method. */
export class BadMethodOverrideError extends HTTPBadRequest {
  override readonly code = CODES.WHARF_BAD_METHOD_OVERRIDE;
}

/** 400 `There is no such action: KEY`. */
export class NoSuchActionError extends HTTPBadRequest {
  override readonly code = CODES.WHARF_NO_SUCH_ACTION;
}

/** 400: the project id in the URL differs from the caller's project. */
export class ProjectIdMismatchError extends HTTPBadRequest {
  override readonly code = CODES.WHARF_PROJECT_ID_MISMATCH;
}

/** 400: the body or query string fails the method's JSON schema. */
export class ValidationFailedError extends HTTPBadRequest {
  override readonly code = CODES.WHARF_VALIDATION_FAILED;
}

/** 400: the requested microversion is not of the form `MajorNum.MinorNum`. */
export class InvalidApiVersionError extends HTTPBadRequest {
  override readonly code = CODES.WHARF_INVALID_API_VERSION;
}

/** 406: the requested microversion is well formed but outside the supported range. */
export class ApiVersionNotSupportedError extends HTTPNotAcceptable {
  override readonly code = CODES.WHARF_API_VERSION_NOT_SUPPORTED;
}

/** 401: the `X-Auth-Token` of the `authtoken` filter is malformed or badly signed. */
export class TokenInvalidError extends HTTPUnauthorized {
  override readonly code = CODES.WHARF_TOKEN_INVALID;
}

/** 401: the signed token is past its `exp`. */
export class TokenExpiredError extends HTTPUnauthorized {
  override readonly code = CODES.WHARF_TOKEN_EXPIRED;
}
