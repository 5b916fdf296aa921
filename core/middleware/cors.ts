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
 * `Vary` and the headers of an actual request go to wharf's header list of the response
 * (core/http/owned-headers.ts), so a response stays on Node's one-call head with CORS on;
 * they are checked where they are set (`expose_headers` at start-up), as setHeader would.
 *
 * Options (paste section first, then wharf.conf `[cors]`), declared with their defaults in
 * cors-options.ts.
 */
import { validateHeaderValue, type IncomingMessage, type ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { ConfigError } from '../errors.js';
import { appendResponseHeader, setResponseHeader } from '../http/owned-headers.js';
import type { FilterFactory } from '../pipeline/types.js';
import { CORS_OPTIONS } from './cors-options.js';
import { FilterOptions } from './filter-options.js';

// CORS-safelisted request headers: always allowed in a preflight.
const SAFELISTED = ['accept', 'accept-language', 'content-language'];

const lower = (value: string): string => value.toLowerCase();

const ALLOW_ORIGIN = 'Access-Control-Allow-Origin';
const EXPOSE_HEADERS = 'Access-Control-Expose-Headers';

/** Factory of the `cors` filter. */
export const corsFilter: FilterFactory = (context): RequestHandler => {
  const options = FilterOptions.of('cors', context, CORS_OPTIONS.specs);
  const origins = options.get('allowed_origin').map(lower);
  const anyOrigin = origins.includes('*');
  const allowedOrigins = new Set(origins);
  const methods = new Set(options.get('allow_methods').map((m) => m.toUpperCase()));
  const allowHeaders = new Set([...options.get('allow_headers').map(lower), ...SAFELISTED]);
  const exposeHeaders = options.get('expose_headers').join(', ');
  const maxAge = String(options.get('max_age'));
  const credentials = options.get('allow_credentials');
  const allowMethods = [...methods].join(', ');
  if (anyOrigin && credentials)
    throw new ConfigError(
      'filter cors: allowed_origin * with allow_credentials = true would let every site use ' +
        "the caller's credentials: list the origins, or turn allow_credentials off"
    );
  try {
    validateHeaderValue(EXPOSE_HEADERS, exposeHeaders);
  } catch (error) {
    throw new ConfigError('filter cors: expose_headers holds a character a header cannot carry', {
      cause: error
    });
  }
  if (origins.length === 0)
    return function corsDisabled(_req, _res, next) {
      next();
    };

  const allows = (origin: string): boolean => anyOrigin || allowedOrigins.has(lower(origin));

  function allowOrigin(res: ServerResponse, origin: string): void {
    // The client's origin is checked where it is set, as setHeader would.
    if (!anyOrigin) validateHeaderValue(ALLOW_ORIGIN, origin);
    setResponseHeader(res, ALLOW_ORIGIN, anyOrigin ? '*' : origin);
    if (credentials) setResponseHeader(res, 'Access-Control-Allow-Credentials', 'true');
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
    appendResponseHeader(res, 'Vary', 'Origin');
    const origin = req.headers.origin;
    if (origin === undefined) return next();
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      answerPreflight(req, res, origin);
      return;
    }
    if (allows(origin)) {
      allowOrigin(res, origin);
      if (exposeHeaders !== '') setResponseHeader(res, EXPOSE_HEADERS, exposeHeaders);
    }
    next();
  };
};
// oslo_config_project: nova's file names the project whose configuration oslo.middleware
// reads; wharf's is always wharf.conf, so the key is accepted and changes nothing.
corsFilter.options = [...FilterOptions.names(CORS_OPTIONS.specs), 'oslo_config_project'];
