/**
 * `cors`: Cross-Origin Resource Sharing, with oslo.middleware's semantics, hand-written
 * because the whole of it is a set lookup and a few precomputed header strings.
 *
 * - CORS is on when `allowed_origin` lists an origin; then every response, whatever the
 *   request, carries `Vary: Origin` (appended to any other `Vary`), so a cache never hands
 *   one origin's answer to another.
 * - No `Origin` header, or an origin not allowed: no `Access-Control-*` headers.
 * - Preflight (`OPTIONS` with `Access-Control-Request-Method`): always answered here with
 *   200 and an empty body; the CORS headers are added only when the origin, the method and
 *   every requested header are allowed.
 * - Actual request from an allowed origin: `Access-Control-Allow-Origin`,
 *   `Access-Control-Expose-Headers` and, when enabled, `Access-Control-Allow-Credentials`,
 *   set before the request goes on so faults carry them too.
 * - `*` allows any origin and answers `Access-Control-Allow-Origin: *`, never echoing the
 *   origin and never with credentials: `*` together with `allow_credentials = true` stops
 *   start-up, as browsers refuse that pair and echoing would grant every site the caller's
 *   credentials.
 *
 * Options (paste section first, then wharf.conf `[cors]`) and their defaults: `CORS_DEFAULTS`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { ConfigError } from '../errors.js';
import type { FilterFactory } from '../pipeline/types.js';
import { FilterOptions } from './filter-options.js';

/** The defaults of the `cors` options, which `[cors]` of wharf.conf declares too. */
export const CORS_DEFAULTS = {
  /** Origins allowed; none turns CORS off. */
  allowedOrigin: [] as readonly string[],
  /** wharf authenticates by header (`X-Auth-Token`), so browsers need send no cookies. */
  allowCredentials: false,
  allowMethods: ['GET', 'PUT', 'POST', 'DELETE', 'PATCH'] as readonly string[],
  /** nova's list, plus what a JSON body and `noauth2` need. */
  allowHeaders: [
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
  ] as readonly string[],
  exposeHeaders: [
    'X-Auth-Token',
    'X-Openstack-Request-Id',
    'X-Compute-Request-Id',
    'X-Subject-Token',
    'X-Service-Token',
    'X-OpenStack-Nova-API-Version',
    'OpenStack-API-Version'
  ] as readonly string[],
  maxAge: 3600
} as const;

// CORS-safelisted request headers: always allowed in a preflight.
const SAFELISTED = ['accept', 'accept-language', 'content-language'];

const lower = (value: string): string => value.toLowerCase();

/** Factory of the `cors` filter. */
export const corsFilter: FilterFactory = (context): RequestHandler => {
  const options = FilterOptions.of('cors', context, 'cors');
  const origins = options.list('allowed_origin', CORS_DEFAULTS.allowedOrigin).map(lower);
  const anyOrigin = origins.includes('*');
  const allowedOrigins = new Set(origins);
  const methods = new Set(
    options.list('allow_methods', CORS_DEFAULTS.allowMethods).map((m) => m.toUpperCase())
  );
  const allowHeaders = new Set([
    ...options.list('allow_headers', CORS_DEFAULTS.allowHeaders).map(lower),
    ...SAFELISTED
  ]);
  const exposeHeaders = options.list('expose_headers', CORS_DEFAULTS.exposeHeaders).join(', ');
  const maxAge = String(options.integer('max_age', CORS_DEFAULTS.maxAge, { min: 0 }));
  const credentials = options.boolean('allow_credentials', CORS_DEFAULTS.allowCredentials);
  const allowMethods = [...methods].join(', ');
  if (anyOrigin && credentials)
    throw new ConfigError(
      'filter cors: allowed_origin * with allow_credentials = true would let every site use ' +
        "the caller's credentials: list the origins, or turn allow_credentials off"
    );
  if (origins.length === 0)
    return function corsDisabled(_req, _res, next) {
      next();
    };

  const allows = (origin: string): boolean => anyOrigin || allowedOrigins.has(lower(origin));

  function allowOrigin(res: ServerResponse, origin: string): void {
    res.setHeader('Access-Control-Allow-Origin', anyOrigin ? '*' : origin);
    if (credentials) res.setHeader('Access-Control-Allow-Credentials', 'true');
  }

  function answerPreflight(req: IncomingMessage, res: ServerResponse, origin: string): void {
    const method = String(req.headers['access-control-request-method']).toUpperCase();
    const requested = (req.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    if (
      allows(origin) &&
      methods.has(method) &&
      requested.every((h) => allowHeaders.has(lower(h)))
    ) {
      allowOrigin(res, origin);
      res.setHeader('Access-Control-Allow-Methods', allowMethods);
      if (requested.length > 0) res.setHeader('Access-Control-Allow-Headers', requested.join(', '));
      res.setHeader('Access-Control-Max-Age', maxAge);
    }
    res.statusCode = 200;
    res.setHeader('Content-Length', 0);
    res.end();
  }

  return function cors(req, res, next) {
    res.appendHeader('Vary', 'Origin');
    const origin = req.headers.origin;
    if (origin === undefined) return next();
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      answerPreflight(req, res, origin);
      return;
    }
    if (allows(origin)) {
      allowOrigin(res, origin);
      if (exposeHeaders !== '') res.setHeader('Access-Control-Expose-Headers', exposeHeaders);
    }
    next();
  };
};
// oslo_config_project: nova's file names the project whose configuration oslo.middleware
// reads; wharf's is always wharf.conf, so the key is accepted and changes nothing.
corsFilter.options = [
  'allowed_origin',
  'allow_methods',
  'allow_headers',
  'expose_headers',
  'max_age',
  'allow_credentials',
  'oslo_config_project'
];
