/**
 * The routing table: every route compiled once into one segment tree, so a lookup walks
 * the path's segments instead of trying routes one by one, and its cost does not grow with
 * the number of routes. nova's routes built its master regex on the first request; this
 * table is built and warmed before the server listens.
 */
import { RouteConflictError } from '../errors.js';
import type { AllowedMethods, RouteLookup, RouteSpec } from './route.js';
import { SegmentTree } from './segment-tree.js';
import { checkMethod, parseTemplate, withProjectId } from './template.js';

/** How a routing table is compiled. */
export interface RoutingTableOptions {
  /**
   * Also register every route behind `/{project_id}` (nova's ProjectMapper), so both
   * `/servers` and `/{project_id}/servers` match. Default false; `Mapper.compile()` passes
   * the mapper's own setting.
   */
  projectIdPrefix?: boolean;
}

/** One template the tree holds, and the route it leads to. */
interface Registration<T> {
  route: RouteSpec<T>;
  template: string;
  sample: string;
}

// Generous for identifiers (metadata keys and names run to 255 characters); capping the
// URL length is the size-limit middleware's job, not the router's.
const MAX_PARAM_LENGTH = 1024;
// Enough lookups for V8 to optimise the lookup path; more only cost start-up time.
export const WARM_LOOKUPS = 1000;

/** A compiled, immutable set of routes that answers which route a request reaches. */
export class RoutingTable<T> {
  private constructor(
    private readonly tree: SegmentTree<RouteSpec<T>>,
    private readonly routes: readonly RouteSpec<T>[],
    private readonly registrations: readonly Registration<T>[],
    private readonly methods: readonly string[]
  ) {}

  /**
   * Builds the table. Trailing slashes are ignored, matching is case sensitive. Throws
   * `InvalidDeclarationError` for a bad method or template and `RouteConflictError` when
   * two routes share a method and path (parameter names do not count: `/a/{id}` and
   * `/a/{x}` conflict), naming both owners.
   */
  static compile<T>(
    routes: readonly RouteSpec<T>[],
    options: RoutingTableOptions = {}
  ): RoutingTable<T> {
    const tree = new SegmentTree<RouteSpec<T>>(MAX_PARAM_LENGTH);
    const byShape = new Map<string, Registration<T>>();
    for (const route of routes) {
      checkMethod(route.method, route.path, route.owner);
      const prefixed = options.projectIdPrefix === true ? withProjectId(route.path) : null;
      for (const template of prefixed === null ? [route.path] : [route.path, prefixed]) {
        const parsed = parseTemplate(template, route.owner);
        const key = `${route.method} ${parsed.shape}`;
        const registration = { route, template, sample: parsed.sample };
        const existing = byShape.get(key);
        if (existing !== undefined) throw conflictBetween(existing, registration);
        byShape.set(key, registration);
        tree.insert(route.method, parsed, route);
      }
    }
    const registrations = [...byShape.values()];
    const methods = [...new Set(registrations.map(({ route }) => route.method))].sort();
    return new RoutingTable(tree, Object.freeze([...routes]), registrations, methods);
  }

  /**
   * Finds the route for a request. `url` is the path, with or without a query string (the
   * query is ignored). A `HEAD` with no route of its own falls back to `GET`. Yields the
   * match, else the methods the path does answer to (a 405), else `null` (a 404; also for
   * a malformed percent-encoding or an over-long parameter).
   */
  match(method: string, url: string): RouteLookup<T> {
    const found = this.tree.find(method, url);
    if (found !== null) return { route: found.value, params: found.params };
    if (method === 'HEAD') {
      const get = this.tree.find('GET', url);
      if (get !== null) return { route: get.value, params: get.params };
    }
    return this.allowedMethods(method, url);
  }

  /**
   * Looks registered routes up through sample paths, so the first requests run lookup code
   * that is already compiled and optimised: every registration (the `/{project_id}` forms
   * included) up to `WARM_LOOKUPS`, an even spread of them beyond, since every lookup runs
   * the same code. Returns the number of lookups.
   */
  warm(): number {
    const step = Math.ceil(this.registrations.length / WARM_LOOKUPS);
    let lookups = 0;
    for (let index = 0; index < this.registrations.length; index += step) {
      const { route, sample } = this.registrations[index]!;
      this.match(route.method, sample);
      lookups++;
    }
    return lookups;
  }

  /** The routes as declared, in declaration order, without their `/{project_id}` forms. */
  list(): readonly RouteSpec<T>[] {
    return this.routes;
  }

  // Only reached on a miss, so the hit path never pays for asking every other method.
  private allowedMethods(method: string, url: string): AllowedMethods | null {
    const allowed: string[] = this.methods.filter(
      (other) =>
        other !== method &&
        !(method === 'HEAD' && other === 'GET') &&
        this.tree.find(other, url) !== null
    );
    if (allowed.length === 0) return null;
    if (allowed.includes('GET') && !allowed.includes('HEAD')) {
      allowed.push('HEAD');
      allowed.sort();
    }
    return { allowed };
  }
}

function conflictBetween<T>(first: Registration<T>, second: Registration<T>): RouteConflictError {
  const describe = ({ route, template }: Registration<T>): string =>
    `${route.method} ${template} (action ${route.action}) declared by ${route.owner}`;
  return new RouteConflictError(
    `route conflict: ${describe(second)} matches the same requests as ${describe(first)}`,
    [first.route.owner, second.route.owner]
  );
}
