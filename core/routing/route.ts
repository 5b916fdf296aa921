/**
 * The data the routing layer works on. It is generic over the target a route leads to (for
 * the API layer: a Resource), so routing never needs to know what a controller is.
 */

/** One declared route: what routes.Mapper.connect recorded for nova. */
export interface RouteSpec<T> {
  /** HTTP method, upper case (`GET`, `POST`, ...). */
  method: string;
  /** Path template, parameters in braces: `/servers/{server_id}/metadata/{id}`. */
  path: string;
  /**
   * Controller method the route dispatches to: `index`, `create`, `show`, `update`,
   * `delete`, a collection or member action name (`detail`, `action`) or a custom one.
   */
  action: string;
  /** What the route leads to; routing only carries it. */
  target: T;
  /** Who declared the route (an extension alias); named in conflict and declaration errors. */
  owner: string;
}

/** A request that found its route. */
export interface RouteMatch<T> {
  /** The route as declared (also for a match through the `/{project_id}` prefix). */
  route: RouteSpec<T>;
  /**
   * Path parameters by name, percent-decoded. The object has no prototype, so a parameter
   * can never shadow an `Object.prototype` member.
   */
  params: Record<string, string>;
}

/** A request whose path exists, but only under other methods: the makings of a 405. */
export interface AllowedMethods {
  /** Methods the path answers to, sorted, `HEAD` included wherever `GET` is. */
  allowed: string[];
}

/** What a routing table lookup yields: a match, the methods a 405 must allow, or `null` (404). */
export type RouteLookup<T> = RouteMatch<T> | AllowedMethods | null;

/** Name of the path parameter the `/{project_id}` prefix binds. */
export const PROJECT_ID_PARAM = 'project_id';
