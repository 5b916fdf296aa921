/**
 * `openapi` (namespace `wharf.filters`): answers `GET /openapi.json` under its API's mount
 * (`/v2.1/openapi.json`) with the deployment's OpenAPI document, before authentication, as
 * the version document is: it tells what the API is, nothing about anyone's resources.
 * Every other request passes on. The document is built once, on the first request for it,
 * and kept; only its `servers` URL follows each request's public base URL.
 *
 * Not at start-up: with 1000 extensions the document cost 20-50 ms of CPU and about 6 MB of
 * heap before the port opened, for a path most clients never ask. Not in the background
 * after `listen` either: that would run on the event loop just when the first requests to
 * the collections arrive, which issue 13 holds to 2x bare node:http. The router's routes
 * and plans are complete before the pipeline is built, so the document is the same whenever
 * it is made; `wharf openapi` builds it directly (cli/openapi.ts).
 */
import type { Request, Response } from 'express';
import { publicBaseUrl } from '../../http/public-url.js';
import type { FilterFactory } from '../../pipeline/types.js';
import { API_ROUTER } from '../../tokens.js';
import type { APIRouter } from '../api-router.js';
import type { Json } from './openapi-components.js';
import { buildOpenApiDocument } from './openapi-document.js';

const PATH = '/openapi.json';
const PATH_WITH_QUERY = `${PATH}?`;

/** Factory of the `openapi` filter (no options). */
export const openapiFilter: FilterFactory = ({ container }) => {
  const router = container.resolve<APIRouter>(API_ROUTER);
  let document: Json | undefined;
  return function openapi(req: Request, res: Response, next: () => void) {
    // Compared in place: splitting off the query made an array on every request.
    const url = req.url ?? '/';
    const asked = url === PATH || url.startsWith(PATH_WITH_QUERY);
    if (!asked || (req.method !== 'GET' && req.method !== 'HEAD')) {
      next();
      return;
    }
    document ??= buildOpenApiDocument(router);
    const payload = JSON.stringify({ ...document, servers: [{ url: publicBaseUrl(req) }] });
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Content-Length', Buffer.byteLength(payload));
    res.end(req.method === 'HEAD' ? undefined : payload);
  };
};
openapiFilter.options = [];
