/**
 * The Mapper: collects route declarations the way routes.Mapper did for nova (`connect`
 * for one route, `resource` for a collection's conventional set), then compiles them into
 * a RoutingTable in one go.
 */
import type { RouteSpec } from './route.js';
import { RoutingTable } from './routing-table.js';
import { checkMethod, parseTemplate } from './template.js';

/** How a Mapper registers its routes. */
export interface MapperOptions {
  /**
   * Also register every route behind `/{project_id}`, as nova's ProjectMapper did, so both
   * `/servers` and `/{project_id}/servers` match. Default true.
   */
  projectIdPrefix?: boolean;
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
}

/** Collects route declarations and compiles them into a RoutingTable. */
export class Mapper<T> {
  /** Whether `compile()` also registers every route behind `/{project_id}`. */
  readonly projectIdPrefix: boolean;
  private readonly declared: RouteSpec<T>[] = [];

  constructor(options: MapperOptions = {}) {
    this.projectIdPrefix = options.projectIdPrefix ?? true;
  }

  /**
   * Adds one route; the method may be given in any case. Throws `InvalidDeclarationError`
   * at once for a bad method or template, naming the owner.
   */
  connect(spec: RouteSpec<T>): void {
    const route = { ...spec, method: spec.method.toUpperCase() };
    checkMethod(route.method, route.path, route.owner);
    parseTemplate(route.path, route.owner);
    this.declared.push(route);
  }

  /**
   * Adds a collection's routes by routes.Mapper.resource's conventions, for collection `c`:
   * `index` GET /c, `create` POST /c, `show` GET /c/{id}, `update` PUT /c/{id}, `delete`
   * DELETE /c/{id}; each collection action `name` -> METHOD /c/name, each member action
   * `name` -> METHOD /c/{id}/name, both with action `name`. A parent resource puts the
   * collection under `/<parent collection>/{<parent member>_id}`. The member name is
   * routes' spelling of the singular; the member itself is always addressed as `{id}`.
   */
  resource(_memberName: string, collectionName: string, options: ResourceOptions<T>): void {
    const collection = `${resourcePrefix(options)}/${collectionName}`;
    const member = `${collection}/{id}`;
    const add = (method: string, path: string, action: string): void =>
      this.connect({ method, path, action, target: options.target, owner: options.owner });

    add('GET', collection, 'index');
    add('POST', collection, 'create');
    for (const [name, method] of Object.entries(options.collectionActions ?? {})) {
      add(method, `${collection}/${name}`, name);
    }
    add('GET', member, 'show');
    add('PUT', member, 'update');
    add('DELETE', member, 'delete');
    for (const [name, method] of Object.entries(options.memberActions ?? {})) {
      add(method, `${member}/${name}`, name);
    }
  }

  /** The declared routes, in declaration order, without their `/{project_id}` forms. */
  routes(): RouteSpec<T>[] {
    return [...this.declared];
  }

  /** Compiles the declared routes (and their `/{project_id}` forms) into a RoutingTable. */
  compile(): RoutingTable<T> {
    return RoutingTable.compile(this.declared, { projectIdPrefix: this.projectIdPrefix });
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
