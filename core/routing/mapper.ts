/**
 * The Mapper: collects route declarations the way routes.Mapper did for nova (`connect`
 * for one route, `resource` for a collection's conventional set, `redirect`, `submapper`),
 * then compiles them into a RoutingTable in one go.
 */
import { InvalidDeclarationError } from '../errors.js';
import type { RedirectSpec, RouteCondition, RouteSpec } from './route.js';
import { RoutingTable } from './routing-table.js';
import { SubMapper, type SubmapperOptions } from './submapper.js';
import { checkMethod, parseRouteTemplate, shareRouteParse } from './template.js';
import { templateParams } from './url-generator.js';

/** How a Mapper registers its routes. */
export interface MapperOptions {
  /**
   * Also register every route behind `/{project_id}`, as nova's ProjectMapper did, so both
   * `/servers` and `/{project_id}/servers` match. Default true.
   */
  projectIdPrefix?: boolean;
  /** Suffixes formatted routes accept (`.json`); default `['json', 'xml']`, nova's requirement. */
  formats?: readonly string[];
}

/** routes' `conditions`: the methods a route answers, and a function that may reject it. */
export interface RouteConditions {
  /** One route per method; used when `method` is not given. */
  method?: readonly string[];
  /** Called with the request and the path parameters once the path matched. */
  function?: RouteCondition;
}

/** One route for `Mapper.connect`: a RouteSpec whose methods may come from `conditions`. */
export interface ConnectSpec<T> extends Omit<RouteSpec<T>, 'method' | 'condition'> {
  /** HTTP method, any case; or give `conditions.method`. */
  method?: string;
  /** routes' `conditions`: the methods (`{ method: ['GET'] }`) and a function. */
  conditions?: RouteConditions;
}

/** A collection and member, named as routes.Mapper names them (`server`, `servers`). */
export interface ParentResource {
  /** Singular name; the child's path binds the parent's id as `{<memberName>_id}`. */
  memberName: string;
  /** Plural name: the parent collection's path segment. */
  collectionName: string;
}

/** The options of `Mapper.resource`, after routes.Mapper.resource's keyword arguments. */
export interface ResourceOptions<T> {
  /** What every route of the resource leads to. */
  target: T;
  /** Who declares the resource; named in errors. */
  owner: string;
  /** Extra collection routes: action name -> HTTP method (`{ detail: 'GET' }`). */
  collectionActions?: Record<string, string>;
  /** Extra member routes: action name -> HTTP method (`{ action: 'POST' }`). */
  memberActions?: Record<string, string>;
  /** Nests the collection under one member of a parent collection. */
  parentResource?: ParentResource;
  /** Path before the collection; like routes, it replaces the prefix `parentResource` implies. */
  pathPrefix?: string;
  /** Put before every route name; default `<parent member>_` under a parent, else none. */
  namePrefix?: string;
  /** Patterns per path parameter, for every route of the resource. */
  requirements?: Readonly<Record<string, string>>;
  /** A condition function for every route of the resource. */
  condition?: RouteCondition;
  /** Whether the routes also take a `.{format}` suffix; default true, as routes. */
  formatted?: boolean;
}

/** The options of `Mapper.redirect`. */
export interface RedirectOptions {
  /** Who declares the redirect. */
  owner: string;
  /** 301, 302 (default, as routes), 303, 307 or 308. */
  status?: number;
  /** The method it answers; default GET. */
  method?: string;
  /** The redirect route's name, for `urlFor`. */
  name?: string;
  /** Patterns per path parameter of `from`. */
  requirements?: Readonly<Record<string, string>>;
}

/** Where routes can be declared: a Mapper, or a SubMapper bound to one. */
export interface RouteDeclarer<T> {
  /** Adds one route. */
  connect(spec: ConnectSpec<T>): void;
  /** Adds a resource's routes as routes.Mapper.resource does (see `Mapper.resource`). */
  resource(memberName: string, collectionName: string, options: ResourceOptions<T>): void;
  /** Adds a route answering a redirect from `from` to `to`. */
  redirect(from: string, to: string, options: RedirectOptions): void;
  /** A declarer whose routes share a prefix, requirements and defaults. */
  submapper(options: SubmapperOptions<T>): SubMapper<T>;
}

/** Collects route declarations and compiles them into a RoutingTable. */
export class Mapper<T> implements RouteDeclarer<T> {
  /** Whether `compile()` also registers every route behind `/{project_id}`. */
  readonly projectIdPrefix: boolean;
  private readonly formats: readonly string[] | undefined;
  private readonly declared: RouteSpec<T>[] = [];
  private readonly redirected: RedirectSpec[] = [];

  constructor(options: MapperOptions = {}) {
    this.projectIdPrefix = options.projectIdPrefix ?? true;
    this.formats = options.formats;
  }

  /**
   * Adds one route, or one per method of `conditions.method`; methods may be given in any
   * case. Throws `InvalidDeclarationError` at once for a bad or missing method, a bad
   * template, or a requirement naming a parameter the template lacks, naming the owner.
   */
  connect(spec: ConnectSpec<T>): void {
    const { conditions, method, ...rest } = spec;
    const methods = method !== undefined ? [method] : (conditions?.method ?? []);
    if (methods.length === 0) {
      throw new InvalidDeclarationError(
        `route ${spec.path} declared by ${spec.owner}: give a method or conditions.method`
      );
    }
    checkRequirements(spec.path, spec.requirements, spec.owner);
    for (const each of methods) {
      const route: RouteSpec<T> = { ...rest, method: each.toUpperCase() };
      if (conditions?.function !== undefined) route.condition = conditions.function;
      this.declare(route);
    }
  }

  /**
   * Checks a route's method and template and keeps it; the template's parse is kept for
   * the routing table (`parseRouteTemplate`), which would otherwise parse it again.
   */
  private declare(route: RouteSpec<T>): void {
    checkMethod(route.method, route.path, route.owner);
    parseRouteTemplate(route);
    this.declared.push(route);
  }

  /**
   * Adds a collection's routes by routes.Mapper.resource's conventions, for collection `c`
   * and member `m`, names prefixed by `namePrefix`: `index` GET /c (named `c`), `create`
   * POST /c (`create_c`), `show` GET /c/{id} (`m`), `update` PUT /c/{id} (`update_m`),
   * `delete` DELETE /c/{id} (`delete_m`); each collection action `a` -> METHOD /c/a (`a_c`),
   * each member action `a` -> METHOD /c/{id}/a (`a_m`). A parent resource puts the
   * collection under `/<parent collection>/{<parent member>_id}`; `pathPrefix` replaces
   * that. When `m` equals `c`, the index is left unnamed, as routes' later `m` overwrote it.
   * routes' `new` and `edit` form routes are not declared: an API has no forms, and
   * `/c/new` would hide a member named `new`.
   */
  resource(memberName: string, collectionName: string, options: ResourceOptions<T>): void {
    const collection = `${resourcePrefix(options)}/${collectionName}`;
    const member = `${collection}/{id}`;
    checkRequirements(member, options.requirements, options.owner);
    const prefix =
      options.namePrefix ?? (options.parentResource ? `${options.parentResource.memberName}_` : '');
    // Declared directly, not through connect(): its requirements are picked from the
    // resource's, already checked, and a resource declares thousands of routes at start-up.
    // Routes of one path share its requirements and its template's parse.
    const firstOfPath = new Map<string, RouteSpec<T>>();
    const add = (method: string, path: string, action: string, name: string | null): void => {
      const first = firstOfPath.get(path);
      const route: RouteSpec<T> = {
        method: method.toUpperCase(),
        path,
        action,
        target: options.target,
        owner: options.owner,
        formatted: options.formatted ?? true
      };
      if (name !== null) route.name = `${prefix}${name}`;
      if (options.requirements) {
        route.requirements = first?.requirements ?? pick(options.requirements, path);
      }
      if (options.condition) route.condition = options.condition;
      if (first === undefined) firstOfPath.set(path, route);
      else shareRouteParse(route, first);
      this.declare(route);
    };

    // One word for both (`metadata`): routes let the member's name overwrite the index's.
    add('GET', collection, 'index', memberName === collectionName ? null : collectionName);
    add('POST', collection, 'create', `create_${collectionName}`);
    for (const [name, method] of Object.entries(options.collectionActions ?? {})) {
      add(method, `${collection}/${name}`, name, `${name}_${collectionName}`);
    }
    add('GET', member, 'show', memberName);
    add('PUT', member, 'update', `update_${memberName}`);
    add('DELETE', member, 'delete', `delete_${memberName}`);
    for (const [name, method] of Object.entries(options.memberActions ?? {})) {
      add(method, `${member}/${name}`, name, `${name}_${memberName}`);
    }
  }

  /**
   * routes' `Mapper.redirect(from, to)`: requests to `from` are answered with a redirect
   * to `to` (status 302 unless given), `{name}` in `to` filled from `from`'s parameters.
   */
  redirect(from: string, to: string, options: RedirectOptions): void {
    const redirect: RedirectSpec = {
      method: (options.method ?? 'GET').toUpperCase(),
      path: from,
      to,
      status: options.status ?? 302,
      owner: options.owner,
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(options.requirements ? { requirements: options.requirements } : {})
    };
    checkMethod(redirect.method, from, options.owner);
    checkRequirements(from, options.requirements, options.owner);
    parseRouteTemplate(redirect);
    this.redirected.push(redirect);
  }

  /** routes' `submapper`: declarations through it get its path and name prefixes and defaults. */
  submapper(options: SubmapperOptions<T>): SubMapper<T> {
    return new SubMapper(this, options);
  }

  /** The declared routes, in declaration order, without their `/{project_id}` forms. */
  routes(): RouteSpec<T>[] {
    return [...this.declared];
  }

  /** The declared redirects, in declaration order. */
  redirects(): RedirectSpec[] {
    return [...this.redirected];
  }

  /** Compiles the declared routes (and their `/{project_id}` forms) into a RoutingTable. */
  compile(): RoutingTable<T> {
    return RoutingTable.compile(this.declared, {
      projectIdPrefix: this.projectIdPrefix,
      redirects: this.redirected,
      ...(this.formats ? { formats: this.formats } : {})
    });
  }
}

function resourcePrefix<T>({ pathPrefix, parentResource }: ResourceOptions<T>): string {
  if (pathPrefix !== undefined) {
    const trimmed = pathPrefix.replace(/^\/+|\/+$/g, '');
    return trimmed === '' ? '' : `/${trimmed}`;
  }
  if (parentResource === undefined) return '';
  return `/${parentResource.collectionName}/{${parentResource.memberName}_id}`;
}

/** A requirement must name a parameter of the path: a typo must not silently match anything. */
function checkRequirements(
  path: string,
  requirements: Readonly<Record<string, string>> | undefined,
  owner: string
): void {
  if (requirements === undefined) return;
  const params = new Set(templateParams(path));
  for (const name of Object.keys(requirements)) {
    if (!params.has(name)) {
      throw new InvalidDeclarationError(
        `route ${path} declared by ${owner}: the requirement names {${name}}, which the path lacks`
      );
    }
  }
}

function pick(
  requirements: Readonly<Record<string, string>>,
  path: string
): Record<string, string> {
  const params = new Set(templateParams(path));
  return Object.fromEntries(Object.entries(requirements).filter(([name]) => params.has(name)));
}
