/**
 * `version_v2` (namespace `wharf.apps`; nova's `VersionsV2`): the one-version document at
 * the root of a versioned API, mounted by nova's urlmap at `/v2.1` and `/v2`. Behind the
 * `legacy_v2_compatible` filter (`/v2`) it is nova's v2.0 document (no microversions);
 * otherwise the v2.1 one. `GET /v2.1` redirects to `/v2.1/`, as the `version_root` filter
 * does; anything else is not found.
 */
import {
  isLegacyV2,
  publicBaseUrl,
  ResponseObject,
  sendResponse,
  tokens,
  type APIRouter,
  type AppFactory
} from 'wharf';
import { answerVersionRoot } from './version-root-filter.js';

/** When v2.0 last changed, as nova reports it. */
const V20_UPDATED = '2011-01-21T11:33:21Z';

/** nova's v2.0 document, its self link under `apiUrl` (`scheme://host/v2`). */
export function legacyVersionDocument(apiUrl: string): Record<string, unknown> {
  return {
    version: {
      id: 'v2.0',
      status: 'SUPPORTED',
      version: '',
      min_version: '',
      updated: V20_UPDATED,
      links: [
        { rel: 'self', href: `${apiUrl}/` },
        { rel: 'describedby', type: 'text/html', href: 'https://docs.openstack.org/' }
      ],
      'media-types': [
        { base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2' }
      ]
    }
  };
}

/** Factory of the version app. */
export const versionV2App: AppFactory = ({ container }) => {
  const router = container.resolve<APIRouter>(tokens.API_ROUTER);
  return function versionV2(req, res, next) {
    const atRoot =
      (req.url ?? '/').split('?', 1)[0] === '/' && req.originalUrl.split('?', 1)[0]!.endsWith('/');
    if (isLegacyV2(req) && atRoot && (req.method === 'GET' || req.method === 'HEAD')) {
      sendResponse(res, 200, new ResponseObject(legacyVersionDocument(publicBaseUrl(req))));
    } else if (!answerVersionRoot(router, req, res)) next();
  };
};
versionV2App.options = [];
