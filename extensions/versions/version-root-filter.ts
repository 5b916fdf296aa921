/**
 * `version_root` (namespace `wharf.filters`): answers the root of a versioned API before
 * authentication, because clients discover it without a token. `GET /v2.1` redirects (302)
 * to `/v2.1/`, and `GET /v2.1/` returns the version document; every other request passes on.
 */
import type { Request, Response } from 'express';
import {
  publicBaseUrl,
  ResponseObject,
  sendResponse,
  tokens,
  type APIRouter,
  type FilterFactory
} from 'wharf';
import { versionDocument } from './version-document.js';

/** Answers `GET` of an API's root (302 without the slash, the document with it); else false. */
export function answerVersionRoot(router: APIRouter, req: Request, res: Response): boolean {
  if (!isRootPath(req.url ?? '/') || (req.method !== 'GET' && req.method !== 'HEAD')) {
    return false;
  }
  const original = req.originalUrl.split('?', 1)[0]!;
  const base = publicBaseUrl(req);
  if (!original.endsWith('/')) {
    sendResponse(res, 302, new ResponseObject(null, { headers: { Location: `${base}/` } }));
    return true;
  }
  sendResponse(
    res,
    200,
    new ResponseObject(versionDocument(router, base.slice(0, base.length - req.baseUrl.length)))
  );
  return true;
}

/** Factory of the version-root filter. */
const SLASH = 0x2f;
const QUESTION_MARK = 0x3f;

/**
 * Whether the path of `url` (before any query) is empty or `/`, read from its first two
 * characters: every request passes here, and splitting off the query made an array each.
 */
function isRootPath(url: string): boolean {
  if (url.length === 0) return true;
  const first = url.charCodeAt(0);
  if (first === QUESTION_MARK) return true;
  return first === SLASH && (url.length === 1 || url.charCodeAt(1) === QUESTION_MARK);
}

export const versionRootFilter: FilterFactory = ({ container }) => {
  const router = container.resolve<APIRouter>(tokens.API_ROUTER);
  return function versionRoot(req, res, next) {
    if (!answerVersionRoot(router, req, res)) next();
  };
};
versionRootFilter.options = [];
