/**
 * The query string of `GET /flavors` and `GET /flavors/detail`, as nova reads it: the JSON
 * schema (unknown parameters allowed, as before microversion 2.75), then `is_public`
 * (administrators only), `minRam`, `minDisk`, `sort_key`, `sort_dir`, `limit` and `marker`.
 * A repeated parameter counts with its last value, as webob's `params.get` returns it.
 */
import { HTTPBadRequest, type ApiRequest } from 'wharf';
import { InvalidMarker, type Flavor, type ListFlavorsFilters } from '../compute/index.js';

/** nova's `[api] max_limit`: no page is longer. */
export const MAX_LIMIT = 1000;

/** Sort keys and the flavor field each orders by (nova's flavorid is our id). */
const SORT_FIELDS = {
  flavorid: 'id',
  id: 'id',
  name: 'name',
  memory_mb: 'ram',
  vcpus: 'vcpus',
  root_gb: 'disk',
  swap: 'swap',
  ephemeral_gb: 'ephemeral',
  rxtx_factor: 'rxtxFactor',
  is_public: 'isPublic',
  disabled: 'disabled'
} as const satisfies Record<string, keyof Flavor>;

type SortKey = keyof typeof SORT_FIELDS;

/** A parameter that may be repeated: one value of `schema`, or an array of them. */
function multiParam(schema: object): object {
  return { if: { type: 'array' }, then: { type: 'array', items: schema }, else: schema };
}

/** nova's `flavors.index_query`: unknown parameters are ignored, not refused. */
export const FLAVOR_INDEX_QUERY = {
  type: 'object',
  properties: {
    limit: multiParam({ type: 'string', pattern: '^[0-9]*$', minLength: 1 }),
    marker: multiParam({ type: 'string' }),
    is_public: multiParam({ type: 'string' }),
    minRam: multiParam({ type: 'string' }),
    minDisk: multiParam({ type: 'string' }),
    sort_key: multiParam({ type: 'string', enum: Object.keys(SORT_FIELDS) }),
    sort_dir: multiParam({ type: 'string', enum: ['asc', 'desc'] })
  },
  additionalProperties: true
} as const;

/** What a listing asks for, parsed. */
export interface FlavorQuery {
  filters: ListFlavorsFilters;
  sortKey: SortKey;
  sortDir: 'asc' | 'desc';
  limit: number;
  marker: string | undefined;
}

/** The last value of a query parameter, or undefined. */
function param(req: ApiRequest, name: string): string | undefined {
  const value = req.query[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

const TRUE_STRINGS = ['1', 't', 'true', 'on', 'y', 'yes'];
const FALSE_STRINGS = ['0', 'f', 'false', 'off', 'n', 'no'];

/**
 * nova's `_parse_is_public`: absent is public only, `none` (any case) is all, else
 * oslo's strict `bool_from_string`; anything else is a 400.
 */
export function parseIsPublic(value: string | undefined): boolean | null {
  if (value === undefined) return true;
  const normalised = value.trim().toLowerCase();
  if (normalised === 'none') return null;
  if (TRUE_STRINGS.includes(normalised)) return true;
  if (FALSE_STRINGS.includes(normalised)) return false;
  throw new HTTPBadRequest(`Invalid is_public filter [${value}]`);
}

/** Python's `int()` of a filter value; else 400 `Invalid NAME filter [VALUE]`. */
function intFilter(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\s*[+-]?\d+\s*$/.test(value)) {
    throw new HTTPBadRequest(`Invalid ${name} filter [${value}]`);
  }
  return Number.parseInt(value, 10);
}

/** Parses a listing's query; only administrators choose `is_public`. */
export function parseFlavorQuery(req: ApiRequest): FlavorQuery {
  const filters: ListFlavorsFilters = {
    isPublic: req.context.isAdmin ? parseIsPublic(param(req, 'is_public')) : true,
    minRam: intFilter('minRam', param(req, 'minRam')),
    minDisk: intFilter('minDisk', param(req, 'minDisk'))
  };
  const limit = param(req, 'limit');
  return {
    filters,
    sortKey: (param(req, 'sort_key') || 'flavorid') as SortKey,
    sortDir: (param(req, 'sort_dir') || 'asc') as 'asc' | 'desc',
    limit: limit === undefined ? MAX_LIMIT : Math.min(MAX_LIMIT, Number.parseInt(limit, 10)),
    marker: param(req, 'marker')
  };
}

function compare(a: string | number | boolean, b: string | number | boolean): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders the flavors by the sort key (then by id, in the same direction, as nova's
 * paginate_query does) and cuts the page after the marker. An unknown marker is
 * `InvalidMarker` (400 `marker [X] not found`).
 */
export function pageOf(flavors: readonly Flavor[], query: FlavorQuery): Flavor[] {
  const field = SORT_FIELDS[query.sortKey];
  const sign = query.sortDir === 'desc' ? -1 : 1;
  const sorted = [...flavors].sort(
    (a, b) => sign * (compare(a[field], b[field]) || compare(a.id, b.id))
  );
  let start = 0;
  if (query.marker !== undefined) {
    const index = sorted.findIndex((flavor) => flavor.id === query.marker);
    if (index === -1) throw new InvalidMarker(query.marker);
    start = index + 1;
  }
  return sorted.slice(start, start + query.limit);
}
