/**
 * `[cors]`, declared beside the code that reads it: the `cors` filter (cors.ts). Registered as the
 * entry point `wharf.config.options: cors` (entry-points.json), the way a plugin
 * registers its options; read typed with `CORS_OPTIONS.of(config).cors`.
 */
import { CORS_DEFAULTS } from './cors.js';
import { defineOptions } from '../option-group.js';

/** The options of `[cors]`. */
export const CORS_OPTIONS = defineOptions('wharf', [
  {
    section: 'cors',
    name: 'allowed_origin',
    type: 'list',
    default: CORS_DEFAULTS.allowedOrigin,
    help: 'Origins allowed to call the API from a browser (`*` for any, answered as `*` and never with credentials); empty turns CORS off. When on, every response carries `Vary: Origin`.'
  },
  {
    section: 'cors',
    name: 'allow_credentials',
    type: 'bool',
    default: CORS_DEFAULTS.allowCredentials,
    help: 'Let browsers send credentials (`Access-Control-Allow-Credentials`); wharf authenticates by header, so it needs none. Refused together with `allowed_origin = *`.'
  },
  {
    section: 'cors',
    name: 'allow_methods',
    type: 'list',
    default: CORS_DEFAULTS.allowMethods,
    help: 'Methods allowed in cross-origin requests.'
  },
  {
    section: 'cors',
    name: 'allow_headers',
    type: 'list',
    default: CORS_DEFAULTS.allowHeaders,
    help: 'Request headers allowed in cross-origin requests (`Accept`, `Accept-Language` and `Content-Language` always are).'
  },
  {
    section: 'cors',
    name: 'expose_headers',
    type: 'list',
    default: CORS_DEFAULTS.exposeHeaders,
    help: 'Response headers a browser script may read.'
  },
  {
    section: 'cors',
    name: 'max_age',
    type: 'int',
    min: 0,
    default: CORS_DEFAULTS.maxAge,
    help: 'Seconds a browser may cache a preflight answer.'
  }
]);
