/**
 * `legacy_v2_compatible`: nova's LegacyV2CompatibleWrapper, in front of the API served at
 * `/v2`. Clients of the old v2 API know nothing of microversions, so the request's
 * microversion headers are dropped (the request gets the lowest version) and the response
 * carries none (nor their names in `Vary`); the request is marked, so that body validation
 * tolerates keys the schema does not name and strips them, as v2 did.
 */
import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { markLegacyV2 } from '../http/legacy-v2.js';
import type { FilterFactory } from '../pipeline/types.js';

const VERSION_HEADERS = ['openstack-api-version', 'x-openstack-nova-api-version'];

/** Removes the microversion headers and their names in `Vary` from a response. */
function stripVersionHeaders(res: ServerResponse): void {
  for (const name of VERSION_HEADERS) res.removeHeader(name);
  const vary = res.getHeader('vary');
  if (vary === undefined) return;
  const kept = String(vary)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '' && !VERSION_HEADERS.includes(item.toLowerCase()));
  if (kept.length === 0) res.removeHeader('vary');
  else res.setHeader('vary', kept.join(', '));
}

/** Factory of the `legacy_v2_compatible` filter (no options). */
export const legacyV2CompatibleFilter: FilterFactory = (): RequestHandler =>
  function legacyV2Compatible(req, res, next) {
    markLegacyV2(req);
    for (const name of VERSION_HEADERS) delete req.headers[name];
    // Headers are final only when the response starts, whoever answers (the API or a fault).
    const writeHead = res.writeHead;
    res.writeHead = function writeLegacyHead(this: ServerResponse, ...args: unknown[]) {
      stripVersionHeaders(this);
      return (writeHead as (...params: unknown[]) => ServerResponse).apply(this, args);
    } as typeof res.writeHead;
    next();
  };
legacyV2CompatibleFilter.options = [];
