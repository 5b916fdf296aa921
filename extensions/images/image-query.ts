/**
 * The query strings of the two image listings. nova's proxy (`GET /images[/detail]`)
 * passes `name` and `status` through and checks `limit` with `validate_integer`; glance v2
 * (`GET /v2/images`) adds `visibility`, pages 25 images by default and at most 1000.
 * Other parameters are ignored, as both services ignore them. A repeated parameter counts
 * with its last value.
 */
import { HTTPBadRequest, type ApiRequest } from 'wharf';
import type { ListImagesFilters } from '../compute/index.js';

/** glance's `api_limit_max`; nova's `max_limit` has the same default. */
export const MAX_IMAGE_LIMIT = 1000;
/** glance's `limit_param_default`. */
export const GLANCE_DEFAULT_LIMIT = 25;

/** glance's visibility values; the catalogue's images are all public. */
const VISIBILITIES = ['public', 'private', 'shared', 'community', 'all'];

/** Every query parameter with its last value. */
export function lastValues(req: ApiRequest): Record<string, string> {
  return Object.fromEntries(
    Object.entries(req.query).map(([key, value]) => [
      key,
      Array.isArray(value) ? value[value.length - 1]! : value
    ])
  );
}

/** Python's `int()` of a query value, or null when it is not an integer. */
function pythonInt(value: string): number | null {
  return /^\s*[+-]?\d+\s*$/.test(value) ? Number.parseInt(value, 10) : null;
}

function nameAndStatus(query: Record<string, string>): ListImagesFilters {
  return {
    ...(query.name !== undefined ? { name: query.name } : {}),
    ...(query.status !== undefined ? { status: query.status } : {}),
    ...(query.marker !== undefined ? { marker: query.marker } : {})
  };
}

/** nova's filters and pagination; a bad limit is 400 `Invalid input received: ...`. */
export function novaImageFilters(req: ApiRequest): ListImagesFilters {
  const query = lastValues(req);
  if (query.limit === undefined) return nameAndStatus(query);
  const limit = pythonInt(query.limit);
  if (limit === null) throw new HTTPBadRequest('Invalid input received: limit must be an integer');
  if (limit < 0) throw new HTTPBadRequest('Invalid input received: limit must be >= 0');
  return { ...nameAndStatus(query), limit: Math.min(limit, MAX_IMAGE_LIMIT) };
}

/** A glance v2 listing: its filters (with the page size) and whether anything can match. */
export interface GlanceImageQuery {
  filters: ListImagesFilters & { limit: number };
  /** False when the visibility asked for is one no catalogue image has. */
  matches: boolean;
  /** The query as given, for the `first` and `next` links. */
  query: Record<string, string>;
}

/** glance v2's filters; bad `limit` or `visibility` values are 400 with glance's words. */
export function glanceImageQuery(req: ApiRequest): GlanceImageQuery {
  const query = lastValues(req);
  let limit = GLANCE_DEFAULT_LIMIT;
  if (query.limit !== undefined) {
    const parsed = pythonInt(query.limit);
    if (parsed === null) throw new HTTPBadRequest('limit param must be an integer');
    if (parsed < 0) throw new HTTPBadRequest('limit param must be positive');
    limit = Math.min(parsed, MAX_IMAGE_LIMIT);
  }
  const visibility = query.visibility;
  if (visibility !== undefined && !VISIBILITIES.includes(visibility)) {
    throw new HTTPBadRequest(`Invalid visibility value: ${visibility}`);
  }
  return {
    filters: { ...nameAndStatus(query), limit },
    matches: visibility === undefined || visibility === 'public' || visibility === 'all',
    query
  };
}
