/**
 * Links of compute resources, shaped as nova's view builders make them: `self` on the
 * versioned API root (`{api}/{project}/servers/{id}`), `bookmark` on the unversioned root
 * (`{root}/{project}/servers/{id}`), and the `next` link of a listing page. The roots come
 * from the request (`apiUrl`, `rootUrl`), so proxy headers are honoured as the pipeline
 * recorded them.
 */
import type { ApiRequest } from '../../core/index.js';

/** One entry of a `links` list. */
export interface Link {
  rel: string;
  href: string;
}

/** Joins URL parts with `/`, skipping empty ones (nova's `url_join`). */
function join(...parts: string[]): string {
  return parts.filter((part) => part !== '').join('/');
}

function project(req: ApiRequest): string {
  return req.context.projectId ?? '';
}

/** `{api}/{project}/{collection}/{id}`: where the resource lives in this API version. */
export function selfHref(req: ApiRequest, collection: string, id: string): string {
  return join(req.apiUrl, project(req), collection, id);
}

/** `{root}/{project}/{collection}/{id}`: the version-independent address of the resource. */
export function bookmarkHref(req: ApiRequest, collection: string, id: string): string {
  return join(req.rootUrl, project(req), collection, id);
}

/** The `self` and `bookmark` links of a resource. */
export function resourceLinks(req: ApiRequest, collection: string, id: string): Link[] {
  return [
    { rel: 'self', href: selfHref(req, collection, id) },
    { rel: 'bookmark', href: bookmarkHref(req, collection, id) }
  ];
}

/**
 * The `next` link of a page: the same query with `marker` set to the last item's id,
 * e.g. `{api}/{project}/servers/detail?limit=2&marker=ID`.
 */
export function nextLink(req: ApiRequest, collection: string, marker: string): Link {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(req.query)) {
    if (key === 'marker') continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  }
  params.set('marker', marker);
  return { rel: 'next', href: `${join(req.apiUrl, project(req), collection)}?${params}` };
}
