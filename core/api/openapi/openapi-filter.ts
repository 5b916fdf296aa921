/**
 * `openapi` (namespace `wharf.filters`): answers `GET /openapi.json` under its API's mount
 * (`/v2.1/openapi.json`) with the deployment's OpenAPI document, before authentication, as
 * the version document is: it tells what the API is, nothing about anyone's resources.
 * Every other request passes on. The document is built once, when the pipeline is built;
 * only its `servers` URL follows each request's public base URL.
 */
import type { Request, Response } from 'express';
import { publicBaseUrl } from '../../http/public-url.js';
import type { FilterFactory } from '../../pipeline/types.js';
import { API_ROUTER } from '../../tokens.js';
import type { APIRouter } from '../api-router.js';
import { buildOpenApiDocument } from './openapi-document.js';

const PATH = '/openapi.json';
const PATH_WITH_QUERY = `${PATH}?`;

/** Factory of the `openapi` filter (no options). */
export const openapiFilter: FilterFactory = ({ container }) => {
  const document = buildOpenApiDocument(container.resolve<APIRouter>(API_ROUTER));
  return function openapi(req: Request, res: Response, next: () => void) {
    // Compared in place: splitting off the query made an array on every request.
    const url = req.url ?? '/';
    const asked = url === PATH || url.startsWith(PATH_WITH_QUERY);
    if (!asked || (req.method !== 'GET' && req.method !== 'HEAD')) {
      next();
      return;
    }
    const payload = JSON.stringify({ ...document, servers: [{ url: publicBaseUrl(req) }] });
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Content-Length', Buffer.byteLength(payload));
    res.end(req.method === 'HEAD' ? undefined : payload);
  };
};
openapiFilter.options = [];
