/**
 * `cors`: Cross-Origin Resource Sharing, with oslo.middleware's semantics, hand-written
 * because the whole of it is a set lookup and a few precomputed header strings.
 *
 * - No `Origin` header, or an origin not in `allowed_origin`: no CORS headers at all.
 * - Preflight (`OPTIONS` with `Access-Control-Request-Method`): always answered here with
 *   200 and an empty body; the CORS headers are added only when the origin, the method and
 *   every requested header are allowed.
 * - Actual request from an allowed origin: `Access-Control-Allow-Origin` (the origin itself),
 *   `Access-Control-Expose-Headers`, `Access-Control-Allow-Credentials` when enabled and
 *   `Vary: Origin`, set before the request goes on so faults carry them too.
 *
 * Options: `allowed_origin` (comma list, `*` for any; default none, i.e. CORS off),
 * `allow_methods`, `allow_headers`, `expose_headers` (default the request-id and
 * microversion headers), `max_age` (seconds, default 3600), `allow_credentials` (default
 * false).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { FilterFactory } from '../pipeline/types.js';
import { FilterOptions } from './filter-options.js';

const DEFAULT_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const DEFAULT_ALLOW_HEADERS = [
  'Content-Type',
  'X-Auth-Token',
  'X-Auth-Project-Id',
  'X-OpenStack-Request-Id',
  'X-OpenStack-Nova-API-Version',
  'OpenStack-API-Version'
];
const DEFAULT_EXPOSE_HEADERS = [
  'x-openstack-request-id',
  'x-compute-request-id',
  'OpenStack-API-Version',
  'X-OpenStack-Nova-API-Version'
];
// CORS-safelisted request headers: always allowed in a preflight.
const SAFELISTED = ['accept', 'accept-language', 'content-language'];

const lower = (value: string): string => value.toLowerCase();

/** Factory of the `cors` filter. */
export const corsFilter: FilterFactory = (context): RequestHandler => {
  const options = FilterOptions.of('cors', context, 'cors');
  const origins = options.list('allowed_origin', []).map(lower);
  const anyOrigin = origins.includes('*');
  const allowedOrigins = new Set(origins);
  const methods = new Set(
    options.list('allow_methods', DEFAULT_METHODS).map((m) => m.toUpperCase())
  );
  const allowHeaders = new Set([
    ...options.list('allow_headers', DEFAULT_ALLOW_HEADERS).map(lower),
    ...SAFELISTED
  ]);
  const exposeHeaders = options.list('expose_headers', DEFAULT_EXPOSE_HEADERS).join(', ');
  const maxAge = String(options.integer('max_age', 3600, { min: 0 }));
  const credentials = options.boolean('allow_credentials', false);
  const allowMethods = [...methods].join(', ');

  const allows = (origin: string): boolean => anyOrigin || allowedOrigins.has(lower(origin));

  function allowOrigin(res: ServerResponse, origin: string): void {
    res.setHeader('Access-Control-Allow-Origin', origin);
    if (credentials) res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.appendHeader('Vary', 'Origin');
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
