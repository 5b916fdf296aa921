/**
 * The base of every wharf error: a message, a stable code that callers and tests match on,
 * the HTTP status it maps to when it reaches a client, and the `cause` it wraps.
 *
 * Errors are branded: an error from another copy of wharf (a drop-in that bundles its own)
 * is recognised by `isWharfError`, so it renders as its own fault, not as a generic 500.
 */
import { applyBrand, brandSymbol, hasBrand } from '../brand.js';

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
