/**
 * `[cors]`, declared beside the code that reads it: the `cors` filter (cors.ts). Registered as the
 * entry point `wharf.config.options: cors` (entry-points.json), the way a plugin
 * registers its options; read typed with `CORS_OPTIONS.of(config).cors`.
 */
import { defineOptions } from '../option-group.js';

/** The options of `[cors]`. */
export const CORS_OPTIONS = defineOptions('wharf', [
  {
    section: 'cors',
    name: 'allowed_origin',
    type: 'list',
    default: [],
    help: 'Origins allowed to call the API from a browser (`*` for any, answered as `*` and never with credentials); empty turns CORS off. When on, every response carries `Vary: Origin`.'
  },
  {
    section: 'cors',
    name: 'allow_credentials',
    type: 'bool',
    // wharf authenticates by header (`X-Auth-Token`), so browsers need send no cookies.
    default: false,
    help: 'Let browsers send credentials (`Access-Control-Allow-Credentials`); wharf authenticates by header, so it needs none. Refused together with `allowed_origin = *`.'
  },
  {
    section: 'cors',
    name: 'allow_methods',
    type: 'list',
    default: ['GET', 'PUT', 'POST', 'DELETE', 'PATCH'],
    help: 'Methods allowed in cross-origin requests.'
  },
  {
    section: 'cors',
    name: 'allow_headers',
    type: 'list',
    // nova's list, plus what a JSON body and `noauth2` need.
    default: [
      'Content-Type',
      'X-Auth-Token',
      'X-Auth-Project-Id',
      'X-Openstack-Request-Id',
      'X-Identity-Status',
      'X-Roles',
      'X-Service-Catalog',
      'X-User-Id',
      'X-Tenant-Id',
      'X-OpenStack-Nova-API-Version',
      'OpenStack-API-Version'
    ],
    help: 'Request headers allowed in cross-origin requests (`Accept`, `Accept-Language` and `Content-Language` always are).'
  },
  {
    section: 'cors',
    name: 'expose_headers',
    type: 'list',
    default: [
      'X-Auth-Token',
      'X-Openstack-Request-Id',
      'X-Compute-Request-Id',
      'X-Subject-Token',
      'X-Service-Token',
      'X-OpenStack-Nova-API-Version',
      'OpenStack-API-Version'
    ],
    help: 'Response headers a browser script may read.'
  },
  {
    section: 'cors',
    name: 'max_age',
    type: 'int',
    min: 0,
    default: 3600,
    help: 'Seconds a browser may cache a preflight answer.'
  }
]);
