/**
 * The address of the client a request comes from: what the `http_proxy_to_wsgi` filter
 * derived from a trusted proxy's `X-Forwarded-For` or `Forwarded: for=` (recorded with
 * `setClientAddress`), else the socket's peer. Limits kept per client (failed
 * authentication, the rate limit before auth) key on it.
 *
 * An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, as a dual-stack socket reports an IPv4
 * peer) is given in its IPv4 form, so one client has one key whichever way it connected.
 */
import type { IncomingMessage } from 'node:http';

const CLIENT_ADDRESS = Symbol.for('wharf.client-address');
const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

type WithClientAddress = IncomingMessage & { [CLIENT_ADDRESS]?: string };

/** `address` with an IPv4-mapped IPv6 form reduced to IPv4. */
export function normalizeAddress(address: string): string {
  if (!address.startsWith('::')) return address;
  const mapped = MAPPED_IPV4.exec(address);
  return mapped === null ? address : mapped[1]!;
}

/** Records the client address a trusted proxy reported (the proxy-headers filter). */
export function setClientAddress(req: IncomingMessage, address: string): void {
  (req as WithClientAddress)[CLIENT_ADDRESS] = normalizeAddress(address);
}

/** The client's address: from a trusted proxy, else the socket's peer ('' if unknown). */
export function clientAddress(req: IncomingMessage): string {
  return (
    (req as WithClientAddress)[CLIENT_ADDRESS] ?? normalizeAddress(req.socket.remoteAddress ?? '')
  );
}
