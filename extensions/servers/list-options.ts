/**
 * The query of `GET /servers` and `GET /servers/detail`, read as nova reads it: `name`
 * (a regular expression), `status`, `limit` (capped at 1000, nova's `max_limit`), `marker`
 * and `all_tenants`. A repeated parameter counts with its last value, as nova's
 * `dict(req.GET)`; unknown parameters are ignored, as nova ignores a non-admin's.
 */
import { HTTPBadRequest } from 'wharf';
import type { ListServersFilters } from '../compute/index.js';

/** nova's `[api] max_limit`: the most servers one page holds. */
export const MAX_LIMIT = 1000;

const TRUE_STRINGS = ['1', 't', 'true', 'on', 'y', 'yes'];
const FALSE_STRINGS = ['0', 'f', 'false', 'off', 'n', 'no'];

/** What a listing asks for. */
export interface ListOptions {
  /** `all_tenants` was given and is true: every project's servers (administrators only). */
  allTenants: boolean;
  /** Filters for the repository; `limit` is always set. */
  filters: ListServersFilters & { limit: number };
}

type Query = Readonly<Record<string, string | string[]>>;

function last(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.at(-1) : value;
}

function invalidInput(reason: string): HTTPBadRequest {
  return new HTTPBadRequest(`Invalid input received: ${reason}`);
}

/** oslo's strict `bool_from_string`; nova counts a bare `all_tenants` as true. */
function allTenants(value: string | undefined): boolean {
  if (value === undefined) return false;
  const text = value.trim().toLowerCase();
  if (text === '' || TRUE_STRINGS.includes(text)) return true;
  if (FALSE_STRINGS.includes(text)) return false;
  const acceptable = [...TRUE_STRINGS, ...FALSE_STRINGS]
    .sort()
    .map((item) => `'${item}'`)
    .join(', ');
  throw invalidInput(`Unrecognized value '${value}', acceptable values are: ${acceptable}`);
}

/** nova's `get_limit_and_marker`: a non-negative integer, at most MAX_LIMIT. */
function limit(value: string | undefined): number {
  if (value === undefined) return MAX_LIMIT;
  if (!/^\s*[+-]?\d+\s*$/.test(value)) throw invalidInput('limit must be an integer');
  const parsed = Number.parseInt(value, 10);
  if (parsed < 0) throw invalidInput('limit must be >= 0');
  return Math.min(parsed, MAX_LIMIT);
}

/** Reads a listing's query; throws 400 (`WHARF_BAD_REQUEST`) on a bad limit or all_tenants. */
export function listOptions(query: Query): ListOptions {
  const name = last(query.name);
  const status = last(query.status);
  const marker = last(query.marker);
  return {
    allTenants: allTenants(last(query.all_tenants)),
    filters: {
      limit: limit(last(query.limit)),
      ...(name !== undefined ? { name } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(marker !== undefined ? { marker } : {})
    }
  };
}
