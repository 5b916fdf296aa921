/**
 * `ip_filter`: admits or refuses a request by its client's address, as the IP blacklist
 * middleware of the source documents does, with CIDR lists of IPv4 and IPv6 blocks.
 *
 * Options (paste section, else `[ip_filter]` of wharf.conf), comma lists of addresses and
 * CIDR blocks (`10.0.0.0/8, 2001:db8::/32, ::1`):
 * - `allow`: the only clients served; empty (the default) serves everyone;
 * - `deny`: clients refused even when `allow` lists them (deny wins).
 * A refused client gets a 403 `forbidden` fault, wherever the filter sits in the pipeline. A bad entry stops start-up naming it.
 *
 * The address is `clientAddress()`: the socket's peer, or the client a trusted proxy
 * reported, so the filter belongs after `http_proxy_to_wsgi` in a pipeline behind a proxy.
 * An IPv4 client seen through a dual-stack socket (`::ffff:192.0.2.1`) matches IPv4 blocks.
 */
import type { RequestHandler } from 'express';
import { sendFault } from '../http/faults.js';
import { HTTPForbidden } from '../errors.js';
import type { FilterFactory } from '../pipeline/types.js';
import { clientAddress } from './client-address.js';
import { FilterOptions } from './filter-options.js';
import { IP_FILTER_OPTIONS } from './ip-filter-options.js';
import { TrustedProxies } from './trusted-proxies.js';

/** Factory of the `ip_filter` filter. */
export const ipFilter: FilterFactory = (context): RequestHandler => {
  const options = FilterOptions.of('ip_filter', context, IP_FILTER_OPTIONS.specs);
  // TrustedProxies is node:net's BlockList behind wharf's address/CIDR parsing.
  const blocks = (name: 'allow' | 'deny') =>
    TrustedProxies.parse(options.get(name), (entry, expected) =>
      options.fail(name, entry, `expected ${expected}`)
    );
  const allow = blocks('allow');
  const deny = blocks('deny');
  const allowAll = allow.size === 0;
  context.logger.debug('ip_filter ready', { allow: allow.size, deny: deny.size });

  return function ipFilterCheck(req, res, next) {
    const address = clientAddress(req);
    // Answered here, not via next(error): the filter may sit before `faultwrap`.
    if (deny.trusts(address) || !(allowAll || allow.trusts(address)))
      sendFault(res, new HTTPForbidden('Access denied for this address.'));
    else next();
  };
};
ipFilter.options = FilterOptions.names(IP_FILTER_OPTIONS.specs);
