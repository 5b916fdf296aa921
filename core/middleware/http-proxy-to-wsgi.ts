/**
 * `http_proxy_to_wsgi`: behind a TLS-terminating or path-rewriting proxy, takes the scheme,
 * host and path prefix the client used from the proxy's headers and records them with
 * `setPublicOrigin`, where `publicBaseUrl` (public-url.ts) finds them for links.
 *
 * Read, as oslo.middleware does, in this order (later wins):
 * - `Forwarded` (RFC 7239): `proto=` and `host=` of the first element;
 * - `X-Forwarded-Proto`, `X-Forwarded-Host`: the first value of a comma list;
 * - `X-Forwarded-Prefix`: a path the proxy strips.
 * Values of the wrong shape (a scheme other than http/https, a host with a path or spaces)
 * are ignored.
 *
 * Option `enable_proxy_headers_parsing` (default true here): when false the filter passes
 * requests through untouched. Only enable it behind a proxy that sets these headers itself.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { FilterFactory } from '../pipeline/types.js';
import { FilterOptions } from './filter-options.js';
import { setPublicOrigin, type PublicOrigin } from './public-url.js';

const SCHEME = /^https?$/;
const HOST = /^(?:[A-Za-z0-9._~%-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const PREFIX = /^\/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*$/;

/** The first item of a comma list, trimmed. */
function firstValue(header: string): string {
  const comma = header.indexOf(',');
  return (comma === -1 ? header : header.slice(0, comma)).trim();
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"')
    ? value.slice(1, -1)
    : value;
}

/** Applies the first element of an RFC 7239 `Forwarded` header to `origin`. */
function readForwarded(header: string, origin: PublicOrigin): void {
  for (const pair of firstValue(header).split(';')) {
    const equals = pair.indexOf('=');
    if (equals === -1) continue;
    const name = pair.slice(0, equals).trim().toLowerCase();
    const value = unquote(pair.slice(equals + 1).trim());
    if (name === 'proto') setScheme(origin, value);
    else if (name === 'host') setHost(origin, value);
  }
}

function setScheme(origin: PublicOrigin, value: string): void {
  const scheme = value.toLowerCase();
  if (SCHEME.test(scheme)) origin.scheme = scheme;
}

function setHost(origin: PublicOrigin, value: string): void {
  if (HOST.test(value)) origin.host = value;
}

function setPrefix(origin: PublicOrigin, value: string): void {
  const prefix = value.endsWith('/') ? value.slice(0, -1) : value;
  if (prefix === '' || PREFIX.test(prefix)) origin.prefix = prefix;
}

/** What the proxy headers of `req` say, or null when it carries none. */
function readProxyHeaders(req: IncomingMessage): PublicOrigin | null {
  const { forwarded } = req.headers;
  const proto = req.headers['x-forwarded-proto'];
  const host = req.headers['x-forwarded-host'];
  const prefix = req.headers['x-forwarded-prefix'];
  if (forwarded === undefined && proto === undefined && host === undefined && prefix === undefined)
    return null;
  const origin: PublicOrigin = {};
  if (forwarded !== undefined) readForwarded(forwarded, origin);
  if (typeof proto === 'string') setScheme(origin, firstValue(proto));
  if (typeof host === 'string') setHost(origin, firstValue(host));
  if (typeof prefix === 'string') setPrefix(origin, firstValue(prefix));
  return origin;
}

/** Factory of the `http_proxy_to_wsgi` filter. */
export const httpProxyToWsgiFilter: FilterFactory = (context): RequestHandler => {
  const options = FilterOptions.of('http_proxy_to_wsgi', context);
  const enabled = options.boolean('enable_proxy_headers_parsing', true);
  return function httpProxyToWsgi(req, _res, next) {
    if (enabled) {
      const origin = readProxyHeaders(req);
      if (origin !== null) setPublicOrigin(req, origin);
    }
    next();
  };
};
