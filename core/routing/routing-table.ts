/**
 * The routing table: every route compiled once into one segment tree, so a lookup walks
 * the path's segments instead of trying routes one by one, and its cost does not grow with
 * the number of routes. nova's routes built its master regex on the first request; this
 * table is built and warmed before the server listens. It also answers routes' other
 * questions: which named route makes which URL (`urlFor`, `generate`), and which paths
 * redirect.
 */
import { InvalidDeclarationError, RouteConflictError, UrlGenerationError } from '../errors.js';
import {
  FORMAT_PARAM,
  type AllowedMethods,
  type RedirectSpec,
  type RouteEnviron,
  type RouteLookup,
  type RouteSpec
} from './route.js';
import { checkRedirect, redirectLocation } from './redirect.js';
import { SegmentTree, type LeafGuard } from './segment-tree.js';
import {
  behindProjectId,
  checkMethod,
  parseRouteTemplate,
  withProjectId,
  type ParsedTemplate
} from './template.js';
import { generatePath, templateParams, type UrlParams } from './url-generator.js';

/** How a routing table is compiled. */
export interface RoutingTableOptions {
  /**
   * Also register every route behind `/{project_id}` (nova's ProjectMapper), so both
   * `/servers` and `/{project_id}/servers` match. Default false; `Mapper.compile()` passes
   * the mapper's own setting.
   */
  projectIdPrefix?: boolean;
  /** Redirect routes (`Mapper.redirect`). */
  redirects?: readonly RedirectSpec[];
  /**
   * The suffixes a formatted route accepts (`/servers.json`), nova's format requirement
   * `json|xml`. Default `['json', 'xml']`; any other suffix stays part of the segment.
   */
  formats?: readonly string[];
}

type Entry<T> = RouteSpec<T> | RedirectSpec;

/** A route the table warms with: the route and a request path that reaches it. */
interface WarmingSample<T> {
  route: Entry<T>;
  sample: string;
}

// Generous for identifiers (metadata keys and names run to 255 characters); capping the
// URL length is the size-limit middleware's job, not the router's.
const MAX_PARAM_LENGTH = 1024;
// Enough lookups for V8 to optimise the lookup path; more only cost start-up time.
export const WARM_LOOKUPS = 1000;
const DEFAULT_FORMATS = ['json', 'xml'];
const NO_HEADERS = Object.freeze({});

/** A compiled, immutable set of routes that answers which route a request reaches. */
export class RoutingTable<T> {
  private constructor(
    private readonly tree: SegmentTree<Entry<T>>,
    private readonly formattedTree: SegmentTree<Entry<T>>,
    private readonly formats: ReadonlySet<string>,
    private readonly routes: readonly RouteSpec<T>[],
    private readonly redirectList: readonly RedirectSpec[],
    private readonly names: ReadonlyMap<string, Entry<T>>,
    private readonly samples: readonly WarmingSample<T>[],
    private readonly methods: readonly string[]
  ) {}

  /**
   * Builds the table. Trailing slashes are ignored, matching is case sensitive. Throws
   * `InvalidDeclarationError` for a bad method, template, requirement or redirect target,
   * or a name given to two different paths, and `RouteConflictError` when two routes share
   * a method and path (parameter names do not count: `/a/{id}` and `/a/{x}` conflict, a
   * parameter with a requirement and one without do not), naming both owners.
   */
  static compile<T>(
    routes: readonly RouteSpec<T>[],
    options: RoutingTableOptions = {}
  ): RoutingTable<T> {
    const tree = new SegmentTree<Entry<T>>(MAX_PARAM_LENGTH);
    // Every registration's route and parse, in order, for the warming samples: two arrays
    // instead of an object per registration (over 10,000 at 1000 collections).
    const registered: Entry<T>[] = [];
    const parses: ParsedTemplate[] = [];
    const names = new Map<string, Entry<T>>();
    const methods = new Set<string>();
    const redirects = options.redirects ?? [];
    const register = (route: Entry<T>, guard: LeafGuard | undefined, parsed: ParsedTemplate) => {
      // The tree finds a conflict as it adds: the same method and segments are the same shape.
      const existing = tree.insert(route.method, parsed, route, guard);
      if (existing !== undefined) throw conflictBetween(existing, route, parsed);
      registered.push(route);
      parses.push(parsed);
    };
    for (const list of [routes, redirects]) {
      for (const route of list) {
        checkMethod(route.method, route.path, route.owner);
        nameRoute(names, route);
        if (!('target' in route)) checkRedirect(route);
        methods.add(route.method);
        const guard = 'target' in route ? guardOf(route) : undefined;
        const own = parseRouteTemplate(route);
        register(route, guard, own);
        const prefixed = options.projectIdPrefix === true ? withProjectId(route.path) : null;
        if (prefixed !== null) {
          register(route, guard, behindProjectId(own, prefixed, route.owner, route.requirements));
        }
      }
    }
    return new RoutingTable(
      tree,
      // The formatted routes' own tree, one walk of the whole one: at 1000 collections nearly
      // every route is formatted, and inserting each again cost about as much as the first.
      tree.restricted((route) => 'target' in route && route.formatted === true),
      new Set(options.formats ?? DEFAULT_FORMATS),
      Object.freeze([...routes]),
      Object.freeze([...redirects]),
      names,
      warmingSamples(registered, parses),
      [...methods].sort()
    );
  }

  /**
   * Finds the route for a request. `url` is the path, with or without a query string (the
   * query is ignored). A last segment ending in `.<format>` first tries the formatted
   * routes without the suffix (binding `format`, as routes tried its formatted routes
   * first). A `HEAD` with no route of its own falls back to `GET`. Condition functions get
   * `environ` (a bare one when none is given). Yields the match or redirect, else the
   * methods the path does answer to (a 405), else `null` (a 404; also for a malformed
   * percent-encoding or an over-long parameter).
   */
  match(method: string, url: string, environ?: RouteEnviron): RouteLookup<T> {
    const env = environ ?? { method, url, headers: NO_HEADERS };
    const formatted = this.matchFormatted(method, url, env);
    if (formatted !== null) return formatted;
    const found = this.tree.find(method, url, env) ?? this.headAsGet(method, url, env);
    if (found !== null) return this.resolve(found.value, found.params);
    return this.allowedMethods(method, url, env);
  }

  /**
   * The path of the route named `name` (routes' `url_for('name', **params)`); a name
   * `formatted_<name>` is `<name>` with its `.{format}` suffix, which `params.format` must
   * then give. See url-generator.ts for how parameters are placed. Throws
   * `UrlGenerationError` when no route has the name or a parameter is wrong.
   */
  urlFor(name: string, params: UrlParams = {}): string {
    const route = this.names.get(name);
    if (route !== undefined) return generatePath(route, params, name);
    const plain = name.startsWith('formatted_') ? this.names.get(name.slice(10)) : undefined;
    if (plain === undefined) throw new UrlGenerationError(`no route is named "${name}"`);
    if (typeof params[FORMAT_PARAM] !== 'string') {
      throw new UrlGenerationError(`route ${name} needs the parameter {${FORMAT_PARAM}}`);
    }
    return generatePath(plain, params, name);
  }

  /**
   * routes' `Mapper.generate(action=..., **params)`: the path of the first route, in
   * declaration order, whose action is `params.action` (and owner `params.owner`, when
   * given) and whose path parameters `params` all gives; `null` when there is none.
   */
  generate(params: UrlParams & { action: string; owner?: string }): string | null {
    const { action, owner, ...rest } = params;
    for (const route of this.routes) {
      if (route.action !== action || (owner !== undefined && route.owner !== owner)) continue;
      if (!templateParams(route.path).every((name) => typeof rest[name] === 'string')) continue;
      try {
        return generatePath(route, rest, route.name ?? `${route.method} ${route.path}`);
      } catch (error) {
        if (!(error instanceof UrlGenerationError)) throw error;
      }
    }
    return null;
  }

  /**
   * Looks registered routes up through sample paths, so the first requests run lookup code
   * that is already compiled and optimised: every registration (the `/{project_id}` forms
   * included) up to `WARM_LOOKUPS`, an even spread of them beyond, since every lookup runs
   * the same code. A condition function that throws on the bare sample is skipped here: it
   * meets real requests later. Returns the number of lookups.
   */
  warm(): number {
    for (const { route, sample } of this.samples) {
      try {
        this.match(route.method, sample);
      } catch {
        // Warming only: the request that meets this condition gets its fault then.
      }
    }
    return this.samples.length;
  }

  /** The routes as declared, in declaration order, without their `/{project_id}` forms. */
  list(): readonly RouteSpec<T>[] {
    return this.routes;
  }

  /** The redirect routes as declared. */
  redirects(): readonly RedirectSpec[] {
    return this.redirectList;
  }

  private matchFormatted(method: string, url: string, env: RouteEnviron): RouteLookup<T> {
    let end = url.indexOf('?');
    if (end === -1) end = url.length;
    const dot = url.lastIndexOf('.', end);
    if (dot === -1 || url.lastIndexOf('/', end) > dot) return null;
    const format = url.slice(dot + 1, end);
    if (!this.formats.has(format)) return null;
    const stripped = url.slice(0, dot);
    const found =
      this.formattedTree.find(method, stripped, env) ??
      (method === 'HEAD' ? this.formattedTree.find('GET', stripped, env) : null);
    if (found === null) return null;
    found.params[FORMAT_PARAM] = format;
    return this.resolve(found.value, found.params);
  }

  private headAsGet(method: string, url: string, env: RouteEnviron) {
    return method === 'HEAD' ? this.tree.find('GET', url, env) : null;
  }

  private resolve(route: Entry<T>, params: Record<string, string>): RouteLookup<T> {
    if ('target' in route) return { route, params };
    const location = redirectLocation(route, params);
    return { redirect: route, location };
  }

  // Only reached on a miss, so the hit path never pays for asking every other method.
  private allowedMethods(method: string, url: string, env: RouteEnviron): AllowedMethods | null {
    const allowed: string[] = this.methods.filter(
      (other) =>
        other !== method &&
        !(method === 'HEAD' && other === 'GET') &&
        this.tree.find(other, url, env) !== null
    );
    if (allowed.length === 0) return null;
    if (allowed.includes('GET') && !allowed.includes('HEAD')) {
      allowed.push('HEAD');
      allowed.sort();
    }
    return { allowed };
  }
}

/**
 * The registrations `warm()` looks up (`registered[i]` through `parses[i]`): all of them up
 * to `WARM_LOOKUPS`, else an even spread; only these are kept, not the thousands behind them.
 */
function warmingSamples<T>(
  registered: readonly Entry<T>[],
  parses: readonly ParsedTemplate[]
): WarmingSample<T>[] {
  const step = Math.ceil(registered.length / WARM_LOOKUPS);
  const samples: WarmingSample<T>[] = [];
  for (let index = 0; index < registered.length; index += step) {
    samples.push({ route: registered[index]!, sample: parses[index]!.sample });
  }
  return samples;
}

function guardOf<T>(route: RouteSpec<T>): LeafGuard | undefined {
  const condition = route.condition;
  if (condition === undefined) return undefined;
  return (params, environ) => condition(environ as RouteEnviron, params);
}

function nameRoute<T>(names: Map<string, Entry<T>>, route: Entry<T>): void {
  if (route.name === undefined) return;
  const existing = names.get(route.name);
  if (existing === undefined) {
    names.set(route.name, route);
  } else if (existing.path !== route.path) {
    throw new InvalidDeclarationError(
      `route name "${route.name}" is given to ${existing.path} (${existing.owner}) and ${route.path} (${route.owner})`
    );
  }
}

/**
 * The conflict of `route` (registered through `parsed`) with `first`, the route the tree
 * already holds for the same method and shape, under the template each was registered with:
 * its own path, or its `/{project_id}` form.
 */
function conflictBetween<T>(first: Entry<T>, route: Entry<T>, parsed: ParsedTemplate) {
  const templateOf = (entry: Entry<T>): string =>
    parseRouteTemplate(entry).shape === parsed.shape ? entry.path : withProjectId(entry.path)!;
  const describe = (entry: Entry<T>): string =>
    'target' in entry
      ? `${entry.method} ${templateOf(entry)} (action ${entry.action}) declared by ${entry.owner}`
      : `${entry.method} ${templateOf(entry)} (redirect to ${entry.to}) declared by ${entry.owner}`;
  return new RouteConflictError(
    `route conflict: ${describe(route)} matches the same requests as ${describe(first)}`,
    [first.owner, route.owner]
  );
}
