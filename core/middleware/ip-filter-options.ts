/**
 * `[ip_filter]`, declared beside the code that reads it: the `ip_filter` filter (ip-filter.ts). Registered as the
 * entry point `wharf.config.options: ip_filter` (entry-points.json), the way a plugin
 * registers its options; read typed with `IP_FILTER_OPTIONS.of(config).ip_filter`.
 */
import { defineOptions } from '../option-group.js';

/** The options of `[ip_filter]`. */
export const IP_FILTER_OPTIONS = defineOptions('wharf', [
  {
    section: 'ip_filter',
    name: 'allow',
    type: 'list',
    default: [],
    help: 'Clients the `ip_filter` filter serves: IPv4 and IPv6 addresses and CIDR blocks (`10.0.0.0/8, 2001:db8::/32`); others get 403. Empty: every client not denied.'
  },
  {
    section: 'ip_filter',
    name: 'deny',
    type: 'list',
    default: [],
    help: 'Clients the `ip_filter` filter refuses with 403, even when `allow` lists them: addresses and CIDR blocks. The address is the trusted-proxy-aware client address (`[wsgi] trusted_proxies`).'
  }
]);
