/**
 * `method_override`: routes' RoutesMiddleware `use_method_override`, as an opt-in filter.
 * A POST carrying `_method=PUT` in its query string, or as a field of an HTML form body
 * (`application/x-www-form-urlencoded`), is routed and dispatched as that method; the
 * query string wins, as in routes. Off unless a pipeline lists it.
 *
 * - `_method` leaves the query string, so query schemas never see it.
 * - A form body is read (at most 64 KiB, else 413) and consumed: its other fields become
 *   the request's parsed body (strings, or null when there are none) and its Content-Type
 *   goes, so the API does not refuse a body it no longer has to read.
 * - The value must name an HTTP method (any case); anything else is a 400.
 */
import { METHODS, type IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { BadMethodOverrideError, HTTPRequestEntityTooLarge } from '../errors.js';
import type { FilterFactory } from '../pipeline/types.js';

/** The largest form body the filter reads for its `_method` field. */
export const MAX_FORM_BODY = 65536;

const OVERRIDE = '_method';
const FORM = 'application/x-www-form-urlencoded';
const KNOWN_METHODS = new Set(METHODS);

type WithBody = IncomingMessage & { body?: unknown };

/** Factory of the `method_override` filter (no options). */
export const methodOverrideFilter: FilterFactory = (): RequestHandler =>
  async function methodOverride(req, _res, next) {
    if (req.method !== 'POST') return next();
    const url = req.url;
    const start = url.indexOf('?');
    if (start !== -1 && url.includes(OVERRIDE, start)) {
      const query = new URLSearchParams(url.slice(start + 1));
      const method = query.get(OVERRIDE);
      if (method !== null) {
        query.delete(OVERRIDE);
        const rest = query.toString();
        req.url = rest === '' ? url.slice(0, start) : `${url.slice(0, start)}?${rest}`;
        req.method = overriding(method);
        return next();
      }
    }
    if (mediaType(req.headers['content-type']) !== FORM) return next();
    const form = new URLSearchParams(await readForm(req));
    const method = form.get(OVERRIDE);
    if (method === null) {
      (req as WithBody).body = fields(form);
    } else {
      req.method = overriding(method);
      form.delete(OVERRIDE);
      (req as WithBody).body = fields(form);
    }
    delete req.headers['content-type'];
    next();
  };

function overriding(method: string): string {
  const upper = method.toUpperCase();
  if (!KNOWN_METHODS.has(upper)) {
    throw new BadMethodOverrideError(`_method "${method}" is not an HTTP method`);
  }
  return upper;
}

function mediaType(header: string | undefined): string {
  if (header === undefined) return '';
  const end = header.indexOf(';');
  return (end === -1 ? header : header.slice(0, end)).trim().toLowerCase();
}

function fields(form: URLSearchParams): Record<string, string> | null {
  const body = Object.fromEntries(form);
  return Object.keys(body).length === 0 ? null : body;
}

async function readForm(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BODY) throw new HTTPRequestEntityTooLarge('Request is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
methodOverrideFilter.options = [];
