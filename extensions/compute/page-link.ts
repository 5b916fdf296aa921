/**
 * nova's collection `next` link, shared by the paged collections (servers, images): the
 * route named `route` with the request's own query, `marker` set to the last item's id,
 * e.g. `{api}/{project}/servers/detail?limit=2&marker=ID`.
 */
import type { ApiRequest } from 'wharf';

/** One link of a collection document. */
export interface PageLink {
  rel: 'next';
  href: string;
}

/** The `next` link after `marker`, in the project `projectId` (absent: no project in the URL). */
export function nextPageLink(
  req: ApiRequest,
  route: string,
  marker: string,
  projectId: string | undefined
): PageLink {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(req.query)) {
    if (key !== 'marker' && key !== 'project_id') query[key] = value;
  }
  return { rel: 'next', href: req.urlFor(route, { project_id: projectId, ...query, marker }) };
}
