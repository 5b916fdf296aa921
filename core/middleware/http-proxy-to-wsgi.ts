/**
 * `http_proxy_to_wsgi`: behind a TLS-terminating or path-rewriting proxy, takes the scheme,
 * host and path prefix the client used, and the client's address, from the proxy's headers,
 * and records them (`setPublicOrigin`, `setClientAddress`) for links, `Location` headers and
 * per-client limits.
 *
 * Off by default, as in oslo.middleware: any client can send these headers, so they are read
 * only when `enable_proxy_headers_parsing` is on (option of the paste section, else
 * `[oslo_middleware]` in wharf.conf), and then only from a peer listed in `[wsgi]
 * trusted_proxies`. Turning parsing on with an empty list stops start-up: it would trust
 * nobody, which is never what was meant.
 *
 * Read, in this order (later wins):
 * - `Forwarded` (RFC 7239): `proto=` and `host=` of the first element;
 * - `X-Forwarded-Proto`, `X-Forwarded-Host`: the first value of a comma list;
 * - `X-Forwarded-Prefix`: a path the proxy strips;
 * - the header `[wsgi] secure_proxy_ssl_header` names, if any (scheme only; read from trusted
 *   proxies even with parsing off, since naming it is an explicit choice).
 * The client address is the nearest untrusted hop of `X-Forwarded-For`, else of the `for=`
 * values of `Forwarded`. Values of the wrong shape (a scheme other than http/https, a host
 * with a path or spaces, a hop that is not an address) are ignored.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { ConfigError } from '../errors.js';
import type { FilterFactory } from '../pipeline/types.js';
import { setClientAddress } from './client-address.js';
import { FilterOptions } from './filter-options.js';
import { HTTP_PROXY_TO_WSGI_OPTIONS } from './http-proxy-to-wsgi-options.js';
import { clientOfChain, parseForwarded, type ForwardedElement } from './forwarded-header.js';
import { setPublicOrigin, type PublicOrigin } from '../http/public-url.js';
import { TrustedProxies } from './trusted-proxies.js';

const SCHEME = /^https?$/;
const HOST = /^(?:[A-Za-z0-9._~%-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const PREFIX = /^\/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*$/;

/** The first item of a comma list, trimmed. */
function firstValue(header: string): string {
  const comma = header.indexOf(',');
  return (comma === -1 ? header : header.slice(0, comma)).trim();
}

function setScheme(origin: PublicOrigin, value: string | undefined): void {
  const scheme = value?.toLowerCase();
  if (scheme !== undefined && SCHEME.test(scheme)) origin.scheme = scheme;
}

function setHost(origin: PublicOrigin, value: string | undefined): void {
  if (value !== undefined && HOST.test(value)) origin.host = value;
}

function setPrefix(origin: PublicOrigin, value: string): void {
  const prefix = value.endsWith('/') ? value.slice(0, -1) : value;
  if (prefix === '' || PREFIX.test(prefix)) origin.prefix = prefix;
}

/** A single-valued header's first comma item, or undefined. */
function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? firstValue(value) : undefined;
}

/** Applies what the proxy headers of `req` say about the client's URL to `origin`. */
function readOrigin(
  req: IncomingMessage,
  forwarded: readonly ForwardedElement[],
  origin: PublicOrigin
): void {
  setScheme(origin, forwarded[0]?.get('proto'));
  setHost(origin, forwarded[0]?.get('host'));
  setScheme(origin, header(req, 'x-forwarded-proto'));
  setHost(origin, header(req, 'x-forwarded-host'));
  const prefix = header(req, 'x-forwarded-prefix');
  if (prefix !== undefined) setPrefix(origin, prefix);
}

/** The hops of `X-Forwarded-For`, else of `Forwarded: for=`, client side first. */
function forwardedFor(req: IncomingMessage, forwarded: readonly ForwardedElement[]): string[] {
  const xff = req.headers['x-forwarded-for'];
  if (typeof xff === 'string') return xff.split(',');
  return forwarded.map((element) => element.get('for') ?? '');
}

/** Factory of the `http_proxy_to_wsgi` filter. */
export const httpProxyToWsgiFilter: FilterFactory = (context): RequestHandler => {
  const options = FilterOptions.of('http_proxy_to_wsgi', context, HTTP_PROXY_TO_WSGI_OPTIONS);
  const enabled = options.get('enable_proxy_headers_parsing');
  const sslHeader = options.get('secure_proxy_ssl_header').toLowerCase();
  const trusted = TrustedProxies.parse(options.get('trusted_proxies'), (entry, expected) =>
    options.fail('trusted_proxies', entry, `expected ${expected}`)
  );
  if (!enabled && sslHeader === '')
    return function httpProxyToWsgiDisabled(_req, _res, next) {
      next();
    };
  if (trusted.size === 0)
    throw new ConfigError(
      `filter http_proxy_to_wsgi: ${enabled ? 'enable_proxy_headers_parsing is on' : 'secure_proxy_ssl_header is set'} ` +
        `but [wsgi] trusted_proxies is empty: list the proxies' addresses (e.g. 10.0.0.0/8, or 127.0.0.0/8, ::1 for a local proxy)`
    );
  const trusts = (address: string): boolean => trusted.trusts(address);

  return function httpProxyToWsgi(req, _res, next) {
    if (!trusted.trusts(req.socket.remoteAddress)) return next();
    const origin: PublicOrigin = {};
    if (enabled) {
      const forwarded = req.headers.forwarded ? parseForwarded(req.headers.forwarded) : [];
      readOrigin(req, forwarded, origin);
      const client = clientOfChain(forwardedFor(req, forwarded), trusts);
      if (client !== null) setClientAddress(req, client);
    }
    if (sslHeader !== '') setScheme(origin, header(req, sslHeader));
    if (Object.keys(origin).length > 0) setPublicOrigin(req, origin);
    next();
  };
};
httpProxyToWsgiFilter.options = FilterOptions.names(HTTP_PROXY_TO_WSGI_OPTIONS);
