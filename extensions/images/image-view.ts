/**
 * nova's image view builder (the deprecated image proxy): `{id, name, links}` in a listing,
 * and the full image of `show` and `detail` with nova's status, progress, dates without
 * fractions, the image properties as `metadata` and the image-size extension's
 * `OS-EXT-IMG-SIZE:size`. Links: self (versioned), bookmark (unversioned) and the alternate
 * image-service link, which here is the glance-shaped route the same API serves.
 */
import type { ApiRequest } from 'wharf';
import { nextPageLink, type Image, type PageLink } from '../compute/index.js';

/** nova's `_get_progress`, by the API status the catalogue stores. */
const PROGRESS: Readonly<Record<string, number>> = { ACTIVE: 100, SAVING: 50 };

/** nova's and glance's `isotime`: `2023-05-30T09:00:00Z`. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The self, bookmark and alternate links of one image. */
export function imageLinks(req: ApiRequest, id: string): Record<string, string>[] {
  // nova puts the project in a link only when the request's own URL carried it.
  const params = { project_id: req.params.project_id, id };
  return [
    { rel: 'self', href: req.urlFor('image', params) },
    { rel: 'bookmark', href: req.urlFor('image', params, { base: 'root' }) },
    {
      rel: 'alternate',
      type: 'application/vnd.openstack.image',
      href: req.urlFor('glance_image', { id })
    }
  ];
}

/** An image as `GET /images` lists it. */
export function basicImage(req: ApiRequest, image: Image): Record<string, unknown> {
  return { id: image.id, name: image.name, links: imageLinks(req, image.id) };
}

/** An image as `GET /images/{id}` and `GET /images/detail` show it. */
export function detailedImage(req: ApiRequest, image: Image): Record<string, unknown> {
  return {
    id: image.id,
    name: image.name,
    minRam: image.minRam,
    minDisk: image.minDisk,
    metadata: image.metadata,
    created: isoSeconds(image.createdAt),
    updated: isoSeconds(image.updatedAt),
    status: image.status,
    progress: PROGRESS[image.status] ?? 0,
    links: imageLinks(req, image.id),
    'OS-EXT-IMG-SIZE:size': image.size
  };
}

/**
 * nova's `images_links`: when the page is as long as `limit`, a `next` link to
 * the same collection with the same query and the last image as marker; else none.
 */
export function imagePageLinks(
  req: ApiRequest,
  route: 'images' | 'detail_images',
  page: readonly Image[],
  limit: number
): PageLink[] {
  const last = page.at(-1);
  if (!last || page.length !== limit) return [];
  return [nextPageLink(req, route, last.id, req.params.project_id)];
}
