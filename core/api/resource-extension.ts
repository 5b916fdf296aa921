/**
 * ResourceExtension: a collection an extension adds (nova's `extensions.ResourceExtension`),
 * routed with `mapper.resource` conventions: index, create, show, update, delete, plus
 * collection actions (`GET /c/detail`), member actions (`POST /c/{id}/action`), a parent
 * (`/servers/{server_id}/metadata`), routes' `path_prefix`, `name_prefix`, `requirements`,
 * condition function and `.{format}` suffix, and custom routes.
 */
import type { Mapper, RouteCondition } from '../routing/index.js';
import type { Controller } from './controller.js';
import type { Resource } from './resource.js';

/** The parent of a nested resource. */
export interface ParentCollection {
  /** Singular name; the path parameter is `{<memberName>_id}`. */
  memberName: string;
  /** The parent collection's path segment. */
  collectionName: string;
}

/** Options of a ResourceExtension. */
export interface ResourceExtensionOptions {
  /**
   * Singular name of a member, which names its routes (`server`, `update_server`); members
   * are always `{id}`. Default: the collection without a final `s` (`<collection>_member`
   * when it has none).
   */
  memberName?: string;
  /** Nest the collection under a parent's member. */
  parent?: ParentCollection;
  /**
   * Path before the collection (routes' `path_prefix`, e.g. `os-things/{thing_id}`); like
   * routes, it replaces the prefix `parent` implies (the parent still keys the collection).
   */
  pathPrefix?: string;
  /** Put before every route name (routes' `name_prefix`); default `<parent member>_` under a parent. */
  namePrefix?: string;
  /** A pattern per path parameter (routes' `requirements`), run in linear time (RE2). */
  requirements?: Readonly<Record<string, string>>;
  /** routes' `conditions={'function': f}` for every route of the collection. */
  condition?: RouteCondition;
  /** Also answer `.{format}` suffixes (`/things.json`); default true, as routes. */
  formatted?: boolean;
  /** Extra routes on the collection: name -> HTTP method (`{ detail: 'GET' }`). */
  collectionActions?: Record<string, string>;
  /** Extra routes on a member: name -> HTTP method (`{ action: 'POST' }`). */
  memberActions?: Record<string, string>;
  /**
   * Collection whose controller extensions also apply to this resource; without a controller
   * of its own, the resource is served by that collection's controller too (as nova's router).
   */
  inherits?: string;
  /** Adds routes of its own; connect them with `target: resource`. */
  customRoutes?: (mapper: Mapper<Resource>, resource: Resource) => void;
}

/** One collection contributed by an extension. */
export class ResourceExtension {
  constructor(
    /** The collection's path segment, e.g. `servers`. */
    readonly collection: string,
    /**
     * The controller serving it; null to use the controller of the collection named by
     * `options.inherits`.
     */
    readonly controller: Controller | null,
    /** Routing options. */
    readonly options: ResourceExtensionOptions = {}
  ) {}
}
