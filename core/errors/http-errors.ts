/**
 * The HTTP errors: each becomes a fault with its own status. Controllers and filters raise
 * these (or subclasses that name the reason with a finer code, in request-errors.ts).
 */
import { CODES } from './codes.js';
import { WharfError, type WharfErrorOptions } from './wharf-error.js';

/** An error that becomes a fault with its own status; raise these from controllers. */
export class HTTPError extends WharfError {
  constructor(code: string, statusCode: number, message: string, options: WharfErrorOptions = {}) {
    super(code, message, statusCode, options);
  }
}

/** 400: the request is malformed or invalid. */
export class HTTPBadRequest extends HTTPError {
  constructor(message = 'Bad request', options: WharfErrorOptions = {}) {
    super(CODES.WHARF_BAD_REQUEST, 400, message, options);
  }
}

/** 401: missing or invalid credentials. */
export class HTTPUnauthorized extends HTTPError {
  constructor(message = 'Authentication required', options: WharfErrorOptions = {}) {
    super(CODES.WHARF_UNAUTHORIZED, 401, message, options);
  }
}

/** 403: the caller may not do this. */
export class HTTPForbidden extends HTTPError {
  constructor(message = 'Forbidden', options: WharfErrorOptions = {}) {
    super(CODES.WHARF_FORBIDDEN, 403, message, options);
  }
}

/** 404: no such resource, route or method. */
export class HTTPNotFound extends HTTPError {
  constructor(message = 'The resource could not be found.', options: WharfErrorOptions = {}) {
    super(CODES.WHARF_NOT_FOUND, 404, message, options);
  }
}

/** 405: the path exists but not for this method; carries the `Allow` header. */
export class HTTPMethodNotAllowed extends HTTPError {
  constructor(allowed: string[], options: WharfErrorOptions = {}) {
    super(
      CODES.WHARF_METHOD_NOT_ALLOWED,
      405,
      'The method specified is not allowed for this resource.',
      {
        ...options,
        headers: { Allow: allowed.join(', '), ...options.headers }
      }
    );
  }
}

/** 406: the requested microversion is outside the supported range. */
export class HTTPNotAcceptable extends HTTPError {
  constructor(message: string, options: WharfErrorOptions = {}) {
    super(CODES.WHARF_NOT_ACCEPTABLE, 406, message, options);
  }
}

/** 409: the resource is in a state that forbids the request. */
export class HTTPConflict extends HTTPError {
  constructor(
    message = 'There was a conflict when trying to complete your request.',
    options: WharfErrorOptions = {}
  ) {
    super(CODES.WHARF_CONFLICT, 409, message, options);
  }
}

/** 413: the request body is too large. */
export class HTTPRequestEntityTooLarge extends HTTPError {
  constructor(message = 'Request is too large.', options: WharfErrorOptions = {}) {
    super(CODES.WHARF_REQUEST_TOO_LARGE, 413, message, options);
  }
}

/** 408: the request did not arrive within the server's request timeout. */
export class HTTPRequestTimeout extends HTTPError {
  constructor(message = 'The request did not arrive in time.', options: WharfErrorOptions = {}) {
    super(CODES.WHARF_REQUEST_TIMEOUT, 408, message, options);
  }
}

/** 414: the request URL is too long. */
export class HTTPURITooLong extends HTTPError {
  constructor(message = 'The request URI is too long.', options: WharfErrorOptions = {}) {
    super(CODES.WHARF_URI_TOO_LONG, 414, message, options);
  }
}

/** 431: the request head (request line and headers) is larger than the server accepts. */
export class HTTPHeadersTooLarge extends HTTPError {
  constructor(message = 'The request head is too large.', options: WharfErrorOptions = {}) {
    super(CODES.WHARF_HEADERS_TOO_LARGE, 431, message, options);
  }
}

/** 415: the Content-Type is not JSON. */
export class HTTPUnsupportedMediaType extends HTTPError {
  constructor(message = 'Unsupported Content-Type', options: WharfErrorOptions = {}) {
    super(CODES.WHARF_UNSUPPORTED_MEDIA_TYPE, 415, message, options);
  }
}

/** 429: the caller exceeded a rate limit; carries `Retry-After`. */
export class HTTPTooManyRequests extends HTTPError {
  constructor(message = 'This request was rate-limited.', options: WharfErrorOptions = {}) {
    super(CODES.WHARF_RATE_LIMITED, 429, message, options);
  }
}

/** 500: an unexpected failure; the message never reaches the client. */
export class HTTPInternalServerError extends HTTPError {
  constructor(message = 'Unexpected API Error.', options: WharfErrorOptions = {}) {
    super(CODES.WHARF_INTERNAL_ERROR, 500, message, options);
  }
}

/** 501: the operation is not implemented by this deployment. */
export class HTTPNotImplemented extends HTTPError {
  constructor(message = 'Not implemented.', options: WharfErrorOptions = {}) {
    super(CODES.WHARF_NOT_IMPLEMENTED, 501, message, options);
  }
}

/** 503: the server is overloaded or stopping; carries `Retry-After`. */
export class HTTPServiceUnavailable extends HTTPError {
  constructor(
    message = 'The server is currently unavailable. Please try again later.',
    options: WharfErrorOptions = {}
  ) {
    super(CODES.WHARF_SERVICE_UNAVAILABLE, 503, message, options);
  }
}
