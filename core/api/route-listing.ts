/**
 * The API's route list, for `wharf routes`, `wharf check` and the docs: one row per method
 * and path (one per versioned variant of its method), and one per action key on
 * `POST .../action`, each naming the route, the handler, its owning extension, its
 * microversion range and what else routes lets a route carry (requirements, a condition
 * function, a `.{format}` suffix); then one row per redirect.
 */
import type { RedirectSpec, RouteSpec, RoutingTable } from '../routing/index.js';
import type { Resource } from './resource.js';

/** One row of the route list. */
export interface RouteInfo {
  /** The route's name for `urlFor`, or null for an unnamed route. */
  name: string | null;
  /** HTTP method (`GET`, `POST`...). */
  method: string;
  /** Path template, e.g. `/servers/{id}`. */
  path: string;
  /** `Controller.method`, `Controller.method [action-key]` for actions, `redirect 302 -> /to`. */
  handler: string;
  /** Alias of the extension that owns the handler. */
  extension: string;
  /** Lowest microversion, or null when unbounded. */
  minVersion: string | null;
  /** Highest microversion, or null when unbounded. */
  maxVersion: string | null;
  /** `id~PATTERN` per requirement, `.{format}`, `condition`: the rest of the route's rules. */
  details: string[];
}

/** Lists every route of a compiled table, then its redirects. */
export function listRoutes(table: RoutingTable<Resource>): RouteInfo[] {
  const routes = table.list().flatMap((route) => {
    const resource = route.target;
    const row = (kind: 'method' | 'action', name: string): RouteInfo[] =>
      resource.plansFor(kind, name).map(({ main: { spec, owner, controller } }) => ({
        name: route.name ?? null,
        method: route.method,
        path: route.path,
        handler: `${controller}.${spec.property}${handlerNote(kind, name, spec.property)}`,
        extension: owner,
        minVersion: spec.range.min?.toString() ?? null,
        maxVersion: spec.range.max?.toString() ?? null,
        details: detailsOf(route)
      }));
    if (route.action !== 'action') {
      return row('method', route.action);
    }
    return resource.actionKeys().flatMap((key) => row('action', key));
  });
  return [...routes, ...table.redirects().map(redirectRow)];
}

/** ` [action-key]` for actions, ` (variant of show)` for a versioned variant, else nothing. */
function handlerNote(kind: 'method' | 'action', name: string, property: string): string {
  if (kind === 'action') return ` [${name}]`;
  return property === name ? '' : ` (variant of ${name})`;
}

function redirectRow(redirect: RedirectSpec): RouteInfo {
  return {
    name: redirect.name ?? null,
    method: redirect.method,
    path: redirect.path,
    handler: `redirect ${redirect.status} -> ${redirect.to}`,
    extension: redirect.owner,
    minVersion: null,
    maxVersion: null,
    details: detailsOf(redirect)
  };
}

function detailsOf(route: RouteSpec<Resource> | RedirectSpec): string[] {
  const details = Object.entries(route.requirements ?? {}).map(
    ([name, pattern]) => `${name}~${pattern}`
  );
  if ('formatted' in route && route.formatted === true) details.push('.{format}');
  if ('condition' in route && route.condition !== undefined) details.push('condition');
  return details;
}
