/**
 * Links of compute resources, shaped as nova's view builders make them: `self` on the
 * versioned API root (`{api}/{project}/servers/{id}`), `bookmark` on the unversioned root
 * (`{root}/{project}/servers/{id}`), and the `next` link of a listing page. Paths come from
 * the named routes (`request.urlFor('server', ...)`), the roots from the request, so proxy
 * headers are honoured as the pipeline recorded them.
 */
import type { ApiRequest } from 'wharf';
import { nextPageLink } from '../compute/index.js';

/** One entry of a `links` list. */
export interface Link {
  rel: string;
  href: string;
}

/** The member route of each collection these links name, as Mapper.resource names it. */
export type MemberRoute = 'server';

/** The project the links carry: the caller's, as nova's servers view builder puts it. */
function project(req: ApiRequest): string | undefined {
  return req.context.projectId ?? undefined;
}

/** `{api}/{project}/{collection}/{id}`: where the resource lives in this API version. */
export function selfHref(req: ApiRequest, route: MemberRoute, id: string): string {
  return req.urlFor(route, { project_id: project(req), id });
}

/** `{root}/{project}/{collection}/{id}`: the version-independent address of the resource. */
export function bookmarkHref(req: ApiRequest, route: MemberRoute, id: string): string {
  return req.urlFor(route, { project_id: project(req), id }, { base: 'root' });
}

/**
 * `{root}/{project}/{collection}/{id}` of another extension's collection (a server's image
 * and flavor), built from the collection's name: that extension may be disabled, so it may
 * have no named route here, and nova builds these links without asking its router.
 */
export function foreignBookmarkHref(req: ApiRequest, collection: string, id: string): string {
  const parts = [req.rootUrl, req.context.projectId ?? '', collection, encodeURIComponent(id)];
  return parts.filter((part) => part !== '').join('/');
}

/** The `self` and `bookmark` links of a resource. */
export function resourceLinks(req: ApiRequest, route: MemberRoute, id: string): Link[] {
  return [
    { rel: 'self', href: selfHref(req, route, id) },
    { rel: 'bookmark', href: bookmarkHref(req, route, id) }
  ];
}

/** The `next` link of a page of the route named `route` (`servers`, `detail_servers`). */
export function nextLink(req: ApiRequest, route: string, marker: string): Link {
  return nextPageLink(req, route, marker, project(req));
}
