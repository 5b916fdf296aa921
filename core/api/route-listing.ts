/**
 * The API's route list, for `wharf routes`, `wharf check` and the docs: one row per method
 * and path, and one per action key on `POST .../action`, each naming the handler, its
 * owning extension and its microversion range.
 */
import type { RoutingTable } from '../routing/index.js';
import type { Resource } from './resource.js';

/** One row of the route list. */
export interface RouteInfo {
  method: string;
  path: string;
  /** `Controller.method`, or `Controller.method [action-key]` for actions. */
  handler: string;
  /** Alias of the extension that owns the handler. */
  extension: string;
  /** Lowest microversion, or null when unbounded. */
  minVersion: string | null;
  /** Highest microversion, or null when unbounded. */
  maxVersion: string | null;
}

/** Lists every route of a compiled table. */
export function listRoutes(table: RoutingTable<Resource>): RouteInfo[] {
  return table.list().flatMap((route) => {
    const resource = route.target;
    const row = (kind: 'method' | 'action', name: string): RouteInfo[] => {
      const plan = resource.planFor(kind, name);
      if (!plan) return [];
      const { spec, owner, controller } = plan.main;
      return [
        {
          method: route.method,
          path: route.path,
          handler: `${controller}.${spec.property}${kind === 'action' ? ` [${name}]` : ''}`,
          extension: owner,
          minVersion: spec.range.min?.toString() ?? null,
          maxVersion: spec.range.max?.toString() ?? null
        }
      ];
    };
    if (route.action !== 'action') {
      return row('method', route.action);
    }
    return resource.actionKeys().flatMap((key) => row('action', key));
  });
}
