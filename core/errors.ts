/**
 * Every error wharf raises, in one place. Each class carries a stable `code` (WHARF_*) that
 * callers and tests match on, the HTTP `statusCode` it maps to when it reaches a client, and
 * the `cause` it wraps. Codes are declared here and nowhere else (never at a throw site);
 * `docs/errors.md` lists the same codes, and a test keeps the two in step.
 *
 * Errors are branded: an error from another copy of wharf (a drop-in that bundles its own)
 * is recognised by `isWharfError`, so it renders as its own fault, not as a generic 500.
 */
import { applyBrand, brandSymbol, hasBrand } from './brand.js';

/** Options every wharf error accepts. */
export interface WharfErrorOptions {
  /** The error this one wraps. */
  cause?: unknown;
  /** HTTP headers a fault built from this error must carry (e.g. `Retry-After`). */
  headers?: Record<string, string>;
}

/** Base class: a message, a stable code and an HTTP status. */
export class WharfError extends Error {
  /** Stable machine-readable code, `WHARF_*`. */
  readonly code: string;
  /** HTTP status a client sees when this error escapes a request. */
  readonly statusCode: number;
  /** Extra response headers for the fault built from this error. */
  readonly headers: Record<string, string>;

  constructor(code: string, message: string, statusCode = 500, options: WharfErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.statusCode = statusCode;
    this.headers = options.headers ?? {};
  }
}

const WHARF_ERROR_BRAND = brandSymbol('error');
applyBrand(WharfError, WHARF_ERROR_BRAND);

/**
 * True for a WharfError of any copy of wharf, and for any subclass of it (a domain error
 * that declares its status once, such as the compute library's).
 */
export function isWharfError(value: unknown): value is WharfError {
  return value instanceof Error && hasBrand(value, WHARF_ERROR_BRAND);
}

// ---------------------------------------------------------------- plugin layer

/** A manifest (entry-points.json or a package.json "wharf" field) is unreadable or malformed. */
export class ManifestError extends WharfError {
  /** The manifest file at fault. */
  readonly file: string;
  constructor(file: string, message: string, options: WharfErrorOptions = {}) {
    super('WHARF_MANIFEST_INVALID', `${file}: ${message}`, 500, options);
    this.file = file;
  }
}

/** An entry point's module path leaves the folder of the package that declares it. */
export class EntryPointOutsidePackageError extends WharfError {
  constructor(file: string, key: string, target: string) {
    super(
      'WHARF_ENTRY_POINT_OUTSIDE_PACKAGE',
      `${file}: entry point ${key} = "${target}" resolves outside its package folder`
    );
  }
}

/** A manager found no extension where it needs at least one. */
export class NoMatches extends WharfError {
  constructor(message: string) {
    super('WHARF_NO_MATCHES', message);
  }
}

/** A driver manager found more than one extension for its name. */
export class MultipleMatches extends WharfError {
  constructor(message: string) {
    super('WHARF_MULTIPLE_MATCHES', message);
  }
}

/** One entry point name is declared by two sources and the resolver refuses to choose. */
export class EntryPointConflictError extends WharfError {
  constructor(message: string) {
    super('WHARF_ENTRY_POINT_CONFLICT', message);
  }
}

/** An extension failed to import, export, instantiate or pass its check (strict mode). */
export class ExtensionLoadError extends WharfError {
  constructor(message: string, options: WharfErrorOptions = {}) {
    super('WHARF_EXTENSION_LOAD_FAILED', message, 500, options);
  }
}

/**
 * A constructor parameter of an extension has no injection token (no `@inject`, no
 * `static inject` list, no `emitDecoratorMetadata` type), so it would be built with
 * `undefined`; names the extension, the parameter and the missing declaration.
 */
export class InjectionTokenMissingError extends WharfError {
  constructor(message: string) {
    super('WHARF_INJECTION_TOKEN_MISSING', message);
  }
}

/** A named manager was asked for names that no entry point provides. */
export class MissingEntryPointsError extends WharfError {
  constructor(message: string) {
    super('WHARF_MISSING_ENTRY_POINTS', message);
  }
}

// ------------------------------------------------------------- API assembly

/** Two extensions claim the same alias, collection, action or route. */
export class ExtensionConflictError extends WharfError {
  /** The extensions in conflict. */
  readonly extensions: string[];
  constructor(message: string, extensions: string[] = []) {
    super('WHARF_EXTENSION_CONFLICT', message);
    this.extensions = extensions;
  }
}

/** Two routes share one method and path. */
export class RouteConflictError extends WharfError {
  /** The owners (extensions) of the two routes. */
  readonly extensions: string[];
  constructor(message: string, extensions: string[] = []) {
    super('WHARF_ROUTE_CONFLICT', message);
    this.extensions = extensions;
  }
}

/** A controller or extension declaration is invalid (bad decorator use, bad version range). */
export class InvalidDeclarationError extends WharfError {
  constructor(message: string) {
    super('WHARF_INVALID_DECLARATION', message);
  }
}

/** A URL cannot be generated: no route has the name, or a parameter is missing or breaks a requirement. */
export class UrlGenerationError extends WharfError {
  constructor(message: string) {
    super('WHARF_URL_GENERATION', message);
  }
}

// ------------------------------------------------------ configuration, pipeline

/** The configuration (wharf.conf, environment, flags) names an unknown option or a bad value. */
export class ConfigError extends WharfError {
  constructor(message: string, options: WharfErrorOptions = {}) {
    super('WHARF_CONFIG_INVALID', message, 500, options);
  }
}

/** The paste pipeline file is invalid: names the file, section and line. */
export class PasteConfigError extends WharfError {
  constructor(message: string, options: WharfErrorOptions = {}) {
    super('WHARF_PASTE_CONFIG_INVALID', message, 500, options);
  }
}

/** An extension's `prepare()` failed, so the host cannot start (storage that cannot open...). */
export class ExtensionPrepareError extends WharfError {
  constructor(extension: string, options: WharfErrorOptions = {}) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(
      'WHARF_EXTENSION_PREPARE_FAILED',
      `extension ${extension} cannot start: ${reason}`,
      500,
      options
    );
  }
}

/** A server cannot listen on its address (in use, not permitted, unknown host). */
export class ListenError extends WharfError {
  constructor(address: string, reason: string, options: WharfErrorOptions = {}) {
    super('WHARF_LISTEN_FAILED', `cannot listen on ${address}: ${reason}`, 500, options);
  }
}

/** A file a command writes (`--out`, `--plan`) cannot be written; names the file. */
export class OutputFileError extends WharfError {
  constructor(file: string, reason: string, options: WharfErrorOptions = {}) {
    super('WHARF_OUTPUT_FILE', `${file}: cannot write: ${reason}`, 500, options);
  }
}

/** `wharf new extension NAME`: the name cannot be a package, alias and collection name. */
export class ExtensionNameError extends WharfError {
  constructor(name: string, rule: string) {
    super('WHARF_EXTENSION_NAME_INVALID', `"${name}" is not a valid extension name: ${rule}`, 500);
  }
}

/** `wharf new extension`: the target folder is a file or is not empty; names it. */
export class TargetNotEmptyError extends WharfError {
  constructor(dir: string, reason: string) {
    super('WHARF_TARGET_NOT_EMPTY', `${dir}: ${reason}; choose another --dir`, 500);
  }
}

/** A deployment plan file (`wharf check --diff`) is unreadable or malformed; names the file. */
export class PlanFileError extends WharfError {
  constructor(file: string, reason: string, options: WharfErrorOptions = {}) {
    super('WHARF_PLAN_INVALID', `${file}: ${reason}`, 500, options);
  }
}

// ---------------------------------------------------------------- HTTP errors

/** An error that becomes a fault with its own status; raise these from controllers. */
export class HTTPError extends WharfError {
  constructor(code: string, statusCode: number, message: string, options: WharfErrorOptions = {}) {
    super(code, message, statusCode, options);
  }
}

/** 400: the request is malformed or invalid. */
export class HTTPBadRequest extends HTTPError {
  constructor(message = 'Bad request', options: WharfErrorOptions = {}) {
    super('WHARF_BAD_REQUEST', 400, message, options);
  }
}

/** 401: missing or invalid credentials. */
export class HTTPUnauthorized extends HTTPError {
  constructor(message = 'Authentication required', options: WharfErrorOptions = {}) {
    super('WHARF_UNAUTHORIZED', 401, message, options);
  }
}

/** 403: the caller may not do this. */
export class HTTPForbidden extends HTTPError {
  constructor(message = 'Forbidden', options: WharfErrorOptions = {}) {
    super('WHARF_FORBIDDEN', 403, message, options);
  }
}

/** 404: no such resource, route or method. */
export class HTTPNotFound extends HTTPError {
  constructor(message = 'The resource could not be found.', options: WharfErrorOptions = {}) {
    super('WHARF_NOT_FOUND', 404, message, options);
  }
}

/** 405: the path exists but not for this method; carries the `Allow` header. */
export class HTTPMethodNotAllowed extends HTTPError {
  constructor(allowed: string[], options: WharfErrorOptions = {}) {
    super(
      'WHARF_METHOD_NOT_ALLOWED',
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
    super('WHARF_NOT_ACCEPTABLE', 406, message, options);
  }
}

/** 409: the resource is in a state that forbids the request. */
export class HTTPConflict extends HTTPError {
  constructor(
    message = 'There was a conflict when trying to complete your request.',
    options: WharfErrorOptions = {}
  ) {
    super('WHARF_CONFLICT', 409, message, options);
  }
}

/** 413: the request body is too large. */
export class HTTPRequestEntityTooLarge extends HTTPError {
  constructor(message = 'Request is too large.', options: WharfErrorOptions = {}) {
    super('WHARF_REQUEST_TOO_LARGE', 413, message, options);
  }
}

/** 408: the request did not arrive within the server's request timeout. */
export class HTTPRequestTimeout extends HTTPError {
  constructor(message = 'The request did not arrive in time.', options: WharfErrorOptions = {}) {
    super('WHARF_REQUEST_TIMEOUT', 408, message, options);
  }
}

/** 414: the request URL is too long. */
export class HTTPURITooLong extends HTTPError {
  constructor(message = 'The request URI is too long.', options: WharfErrorOptions = {}) {
    super('WHARF_URI_TOO_LONG', 414, message, options);
  }
}

/** 431: the request head (request line and headers) is larger than the server accepts. */
export class HTTPHeadersTooLarge extends HTTPError {
  constructor(message = 'The request head is too large.', options: WharfErrorOptions = {}) {
    super('WHARF_HEADERS_TOO_LARGE', 431, message, options);
  }
}

/** 415: the Content-Type is not JSON. */
export class HTTPUnsupportedMediaType extends HTTPError {
  constructor(message = 'Unsupported Content-Type', options: WharfErrorOptions = {}) {
    super('WHARF_UNSUPPORTED_MEDIA_TYPE', 415, message, options);
  }
}

/** 429: the caller exceeded a rate limit; carries `Retry-After`. */
export class HTTPTooManyRequests extends HTTPError {
  constructor(message = 'This request was rate-limited.', options: WharfErrorOptions = {}) {
    super('WHARF_RATE_LIMITED', 429, message, options);
  }
}

/** 500: an unexpected failure; the message never reaches the client. */
export class HTTPInternalServerError extends HTTPError {
  constructor(message = 'Unexpected API Error.', options: WharfErrorOptions = {}) {
    super('WHARF_INTERNAL_ERROR', 500, message, options);
  }
}

/** 501: the operation is not implemented by this deployment. */
export class HTTPNotImplemented extends HTTPError {
  constructor(message = 'Not implemented.', options: WharfErrorOptions = {}) {
    super('WHARF_NOT_IMPLEMENTED', 501, message, options);
  }
}

/** 503: the server is overloaded or stopping; carries `Retry-After`. */
export class HTTPServiceUnavailable extends HTTPError {
  constructor(
    message = 'The server is currently unavailable. Please try again later.',
    options: WharfErrorOptions = {}
  ) {
    super('WHARF_SERVICE_UNAVAILABLE', 503, message, options);
  }
}

/**
 * 503: a backing service (`service`: Keystone, the database) cannot be reached or did not
 * answer in time; carries `Retry-After`. The client sees a fault naming the service, never
 * the cause, which the log keeps.
 */
export class BackingServiceUnavailable extends HTTPServiceUnavailable {
  /** Which service: one code per service, declared here. */
  override readonly code: 'WHARF_KEYSTONE_UNAVAILABLE';
  constructor(
    code: 'WHARF_KEYSTONE_UNAVAILABLE',
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
      'WHARF_CLIENT_DISCONNECTED',
      'the client closed the connection before sending the whole request body',
      499,
      options
    );
  }
}

/** 400 `Malformed request body`: invalid JSON, or an action body that is not one key. */
export class MalformedBodyError extends HTTPBadRequest {
  override readonly code = 'WHARF_MALFORMED_BODY';
}

/** 400: the JSON body nests deeper than the limit; refused before it is parsed. */
export class BodyTooDeepError extends HTTPBadRequest {
  override readonly code = 'WHARF_BODY_TOO_DEEP';
}

/** 400: the `method_override` filter got a `_method` that names no HTTP method. */
export class BadMethodOverrideError extends HTTPBadRequest {
  override readonly code = 'WHARF_BAD_METHOD_OVERRIDE';
}

/** 400 `There is no such action: KEY`. */
export class NoSuchActionError extends HTTPBadRequest {
  override readonly code = 'WHARF_NO_SUCH_ACTION';
}

/** 400: the project id in the URL differs from the caller's project. */
export class ProjectIdMismatchError extends HTTPBadRequest {
  override readonly code = 'WHARF_PROJECT_ID_MISMATCH';
}

/** 400: the body or query string fails the method's JSON schema. */
export class ValidationFailedError extends HTTPBadRequest {
  override readonly code = 'WHARF_VALIDATION_FAILED';
}

/** 400: the requested microversion is not of the form `MajorNum.MinorNum`. */
export class InvalidApiVersionError extends HTTPBadRequest {
  override readonly code = 'WHARF_INVALID_API_VERSION';
}

/** 406: the requested microversion is well formed but outside the supported range. */
export class ApiVersionNotSupportedError extends HTTPNotAcceptable {
  override readonly code = 'WHARF_API_VERSION_NOT_SUPPORTED';
}

/** 401: the `X-Auth-Token` of the `authtoken` filter is malformed or badly signed. */
export class TokenInvalidError extends HTTPUnauthorized {
  override readonly code = 'WHARF_TOKEN_INVALID';
}

/** 401: the signed token is past its `exp`. */
export class TokenExpiredError extends HTTPUnauthorized {
  override readonly code = 'WHARF_TOKEN_EXPIRED';
}

// ------------------------------------------------------------ pipeline compose

/** A filter called `next()` a second time for one request (a bug in that filter). */
export class NextCalledTwiceError extends WharfError {
  constructor(layer: string) {
    super('WHARF_NEXT_CALLED_TWICE', `${layer} called next() more than once for one request`);
  }
}

// ------------------------------------------------------------ extension faults

/**
 * 500: an extension's handler, pre- or post-processor failed in a way it did not declare.
 * The client sees nova's generic message; the log and the request log name the extension.
 */
export class ExtensionFaultError extends HTTPError {
  /** Alias of the extension whose code failed. */
  readonly extension: string;
  constructor(extension: string, message: string, options: WharfErrorOptions = {}) {
    super('WHARF_EXTENSION_FAULT', 500, message, options);
    this.extension = extension;
  }
}

/** 504: the request's handler was still running at its deadline; its late result is discarded. */
export class RequestDeadlineExceeded extends HTTPError {
  constructor(seconds: number, options: WharfErrorOptions = {}) {
    super(
      'WHARF_REQUEST_DEADLINE_EXCEEDED',
      504,
      `The request did not complete within its deadline of ${seconds} seconds.`,
      options
    );
  }
}

/** 503: the extension serving the request is quarantined after repeated faults; carries `Retry-After`. */
export class ExtensionQuarantinedError extends HTTPError {
  constructor(retryAfterSeconds: number, options: WharfErrorOptions = {}) {
    super(
      'WHARF_EXTENSION_QUARANTINED',
      503,
      'The service that answers this request is temporarily unavailable. Please try again later.',
      { ...options, headers: { 'Retry-After': String(retryAfterSeconds), ...options.headers } }
    );
  }
}
