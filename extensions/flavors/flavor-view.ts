/**
 * nova's flavor view builder: the `{id, name, links}` of a listing, the full flavor of
 * `show` and `detail` (with the keys nova's flavor-access, flavor-rxtx, extra-data and
 * disabled extensions add), and the `flavors_links` next link of a full page.
 */
import type { ApiRequest } from 'wharf';
import type { Flavor } from '../compute/index.js';

/** A `links` entry. */
export interface Link {
  rel: string;
  href: string;
}

/** self (versioned) and bookmark (unversioned) links of one flavor, from the `flavor` route. */
export function flavorLinks(req: ApiRequest, id: string): Link[] {
  // nova puts the project in a link only when the request's own URL carried it.
  const params = { project_id: req.params.project_id, id };
  return [
    { rel: 'self', href: req.urlFor('flavor', params) },
    { rel: 'bookmark', href: req.urlFor('flavor', params, { base: 'root' }) }
  ];
}

/** A flavor as `GET /flavors` lists it. */
export function basicFlavor(req: ApiRequest, flavor: Flavor): Record<string, unknown> {
  return { id: flavor.id, name: flavor.name, links: flavorLinks(req, flavor.id) };
}

/** A flavor as `GET /flavors/{id}` and `GET /flavors/detail` show it. */
export function detailedFlavor(req: ApiRequest, flavor: Flavor): Record<string, unknown> {
  return {
    id: flavor.id,
    name: flavor.name,
    ram: flavor.ram,
    disk: flavor.disk,
    swap: flavor.swap || '',
    'OS-FLV-EXT-DATA:ephemeral': flavor.ephemeral,
    'OS-FLV-DISABLED:disabled': flavor.disabled,
    vcpus: flavor.vcpus,
    'os-flavor-access:is_public': flavor.isPublic,
    rxtx_factor: flavor.rxtxFactor || '',
    links: flavorLinks(req, flavor.id)
  };
}

/**
 * nova's collection links: when the page is as long as the limit, a `next` link to the same
 * collection with the same query and the last flavor as marker; else none.
 */
export function nextPageLinks(
  req: ApiRequest,
  route: 'flavors' | 'detail_flavors',
  page: readonly Flavor[],
  limit: number
): Link[] {
  if (limit === 0 || page.length !== limit) return [];
  const params: Record<string, string | undefined> = { project_id: req.params.project_id };
  for (const key of Object.keys(req.query).sort()) {
    if (key === 'project_id') continue;
    const value = req.query[key]!;
    params[key] = Array.isArray(value) ? value[value.length - 1]! : value;
  }
  params.marker = page[page.length - 1]!.id;
  return [{ rel: 'next', href: req.urlFor(route, params) }];
}
