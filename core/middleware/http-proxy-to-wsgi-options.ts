/**
 * `[oslo_middleware]`, declared beside the code that reads it: the `http_proxy_to_wsgi` filter (http-proxy-to-wsgi.ts). Registered as the
 * entry point `wharf.config.options: oslo_middleware` (entry-points.json), the way a plugin
 * registers its options; read typed with `OSLO_MIDDLEWARE_OPTIONS.of(config).oslo_middleware`.
 */
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
