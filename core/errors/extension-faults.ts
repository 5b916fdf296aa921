/**
 * Faults an extension causes while serving a request: an undeclared failure, a missed
 * deadline, a quarantine after repeated faults.
 */
import { CODES } from './codes.js';
import { type WharfErrorOptions } from './wharf-error.js';
import { HTTPError } from './http-errors.js';

/**
 * 500: an extension's handler, pre- or post-processor failed in a way it did not declare.
 * The client sees nova's generic message; the log and the request log name the extension.
 */
export class ExtensionFaultError extends HTTPError {
  /** Alias of the extension whose code failed. */
  readonly extension: string;
  constructor(extension: string, message: string, options: WharfErrorOptions = {}) {
    super(CODES.WHARF_EXTENSION_FAULT, 500, message, options);
    this.extension = extension;
  }
}

/** 504: the request's handler was still running at its deadline; its late result is discarded. */
export class RequestDeadlineExceeded extends HTTPError {
  constructor(seconds: number, options: WharfErrorOptions = {}) {
    super(
      CODES.WHARF_REQUEST_DEADLINE_EXCEEDED,
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
      CODES.WHARF_EXTENSION_QUARANTINED,
      503,
      'The service that answers this request is temporarily unavailable. Please try again later.',
      { ...options, headers: { 'Retry-After': String(retryAfterSeconds), ...options.headers } }
    );
  }
}
