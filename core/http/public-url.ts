/**
 * The public base URL of a request: the one place link builders (versions documents,
 * `links` of resources, `Location` headers) read the scheme, host and path prefix clients
 * must use.
 *
 * - Scheme and host: what the `http_proxy_to_wsgi` filter recorded from proxy headers with
 *   `setPublicOrigin`, else the request's own (`https` on an encrypted socket, the `Host`
 *   header, else the socket's local address).
 * - Prefix: a proxy's `X-Forwarded-Prefix` (recorded by the same filter), then the path the
 *   urlmap composite mounted the pipeline at, which Express keeps in `req.baseUrl`. A
 *   composite that strips a prefix without Express mounting must set `req.baseUrl` too.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** What a trusted proxy said about the URL the client used; absent parts keep their own. */
export interface PublicOrigin {
  /** `http` or `https`. */
  scheme?: string;
  /** `host[:port]`. */
  host?: string;
  /** A path prefix the proxy strips before forwarding, e.g. `/compute` (no trailing slash). */
  prefix?: string;
}

const PUBLIC_ORIGIN = Symbol.for('wharf.public-origin');

type WithOrigin = IncomingMessage & { [PUBLIC_ORIGIN]?: PublicOrigin; baseUrl?: string };

/** Records what a trusted proxy said about the client's URL (the proxy-headers filter). */
export function setPublicOrigin(req: IncomingMessage, origin: PublicOrigin): void {
  (req as WithOrigin)[PUBLIC_ORIGIN] = origin;
}

/** `scheme://host` plus any path prefix, without a trailing slash. */
export function publicBaseUrl(req: IncomingMessage): string {
  const holder = req as WithOrigin;
  const origin = holder[PUBLIC_ORIGIN];
  const scheme = origin?.scheme ?? ((req.socket as TLSSocket).encrypted ? 'https' : 'http');
  const host = origin?.host ?? req.headers.host ?? socketHost(req);
  return `${scheme}://${host}${origin?.prefix ?? ''}${holder.baseUrl ?? ''}`;
}

function socketHost(req: IncomingMessage): string {
  const address = req.socket.localAddress ?? 'localhost';
  const port = req.socket.localPort;
  const name = address.includes(':') ? `[${address}]` : address;
  return port === undefined ? name : `${name}:${port}`;
}
