/**
 * Faults: the JSON error bodies OpenStack clients parse. `{"<name>": {"code", "message"}}`,
 * plus `retryAfter` for 413/429 when a `Retry-After` header is set. Nothing internal (stack,
 * class names, causes) ever reaches the body. Any wharf error (branded: from any copy of
 * wharf, a domain error subclass too) with a 4xx or 5xx status renders as its fault; anything
 * else, and every 500, is a generic 500.
 */
import type { ServerResponse } from 'node:http';
import { isWharfError } from '../errors.js';
import { setResponseHeader } from './owned-headers.js';

const FAULT_NAMES: Readonly<Record<number, string>> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  415: 'badMediaType',
  429: 'overLimit',
  501: 'notImplemented',
  503: 'serviceUnavailable'
};

/** The message a client sees for any error that was not a declared HTTP error. */
export const UNEXPECTED_ERROR_MESSAGE =
  'Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.';

/** The fault name nova uses for a status code (`computeFault` for anything unlisted). */
export function faultName(status: number): string {
  return FAULT_NAMES[status] ?? 'computeFault';
}

/** A fault ready to send: status, headers and JSON body. */
export interface Fault {
  status: number;
  headers: Record<string, string>;
  body: Record<string, { code: number; message: string; retryAfter?: string }>;
}

/** Builds the fault for any thrown value; non-HTTP errors become a generic 500. */
export function buildFault(error: unknown): Fault {
  const http = isWharfError(error) && answerable(error.statusCode) ? error : null;
  const status = http?.statusCode ?? 500;
  const message = http && status !== 500 ? http.message : UNEXPECTED_ERROR_MESSAGE;
  const headers = { ...(http?.headers ?? {}) };
  const detail: { code: number; message: string; retryAfter?: string } = { code: status, message };
  const retryAfter = headers['Retry-After'];
  if ((status === 413 || status === 429) && retryAfter !== undefined)
    detail.retryAfter = retryAfter;
  return { status, headers, body: { [faultName(status)]: detail } };
}

/** Writes a fault to a raw response (usable from any middleware or the router). */
export function sendFault(res: ServerResponse, error: unknown): void {
  const fault = buildFault(error);
  const payload = JSON.stringify(fault.body);
  res.statusCode = fault.status;
  for (const [name, value] of Object.entries(fault.headers)) res.setHeader(name, value);
  setResponseHeader(res, 'Content-Type', 'application/json; charset=UTF-8');
  setResponseHeader(res, 'Content-Length', Buffer.byteLength(payload));
  res.end(payload);
}

/** An error status a client can be sent (a branded error of another copy is still data). */
function answerable(status: unknown): status is number {
  return Number.isInteger(status) && (status as number) >= 400 && (status as number) <= 599;
}
