/**
 * `[oslo_middleware]`, declared beside the code that reads it: the `http_proxy_to_wsgi` filter (http-proxy-to-wsgi.ts). Registered as the
 * entry point `wharf.config.options: oslo_middleware` (entry-points.json), the way a plugin
 * registers its options; read typed with `OSLO_MIDDLEWARE_OPTIONS.of(config).oslo_middleware`.
 *
 * The filter's `[wsgi]` options are declared here too (`PROXY_WSGI_OPTIONS`); wharf's own
 * group (core-options.ts) lists them among the other `[wsgi]` options.
 */
import type { OptionSpec } from '../option-spec.js';
import { defineOptions } from '../option-group.js';

/** The options of `[oslo_middleware]`. */
export const OSLO_MIDDLEWARE_OPTIONS = defineOptions('wharf', [
  {
    section: 'oslo_middleware',
    name: 'enable_proxy_headers_parsing',
    type: 'bool',
    default: false,
    help: 'Let the `http_proxy_to_wsgi` filter read `X-Forwarded-Proto`, `-Host`, `-Prefix`, `-For` and `Forwarded` from the peers of `[wsgi] trusted_proxies` (which must then not be empty), for links, `Location` headers and the client address.'
  }
]);

/** The `[wsgi]` options of the `http_proxy_to_wsgi` filter: which peers and headers to trust. */
export const PROXY_WSGI_OPTIONS = [
  {
    section: 'wsgi',
    name: 'secure_proxy_ssl_header',
    type: 'string',
    default: '',
    help: 'Header a TLS-terminating proxy sets to the original scheme (e.g. `X-Forwarded-Proto`); links use that scheme. Read only from `trusted_proxies`. Empty: not used.'
  },
  {
    section: 'wsgi',
    name: 'trusted_proxies',
    type: 'list',
    default: [],
    help: 'Proxies whose headers (`X-Forwarded-*`, `Forwarded`, `secure_proxy_ssl_header`) are believed: IPv4 and IPv6 addresses and CIDR blocks, e.g. `10.0.0.0/8, 2001:db8::/32`; loopback only when listed (`127.0.0.0/8, ::1`). Empty: no peer is trusted.'
  }
] as const satisfies readonly OptionSpec[];

/** Every option the `http_proxy_to_wsgi` filter reads. */
export const HTTP_PROXY_TO_WSGI_OPTIONS = [
  ...OSLO_MIDDLEWARE_OPTIONS.specs,
  ...PROXY_WSGI_OPTIONS
] as const;
