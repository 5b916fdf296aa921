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
  /** The route's name, for `urlFor(name, params)` (routes' named routes). */
  name?: string;
  /**
   * A pattern per path parameter (routes' `requirements`): the segment must match it whole.
   * Patterns run on RE2, so they take linear time whatever the segment holds.
   */
  requirements?: Readonly<Record<string, string>>;
  /** routes' `conditions={'function': f}`: called after the path matched; false rejects. */
  condition?: RouteCondition;
  /** Also match the path with a `.{format}` suffix (`/servers/detail.json`), as routes' `formatted`. */
  formatted?: boolean;
}

/** What a condition function sees of the request: routes passed it the WSGI environ. */
export interface RouteEnviron {
  /** HTTP method, upper case. */
  method: string;
  /** The request path, with its query string. */
  url: string;
  /** Request headers, lower-case names. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** A route's condition function: the request and the path parameters; false rejects the match. */
export type RouteCondition = (
  environ: RouteEnviron,
  params: Readonly<Record<string, string>>
) => boolean;

/** A route answered with a redirect (routes' `Mapper.redirect`), never dispatched. */
export interface RedirectSpec {
  /** HTTP method it answers, upper case (GET unless declared otherwise). */
  method: string;
  /** Path template matched, as for any route. */
  path: string;
  /** Where to: a path or URL; `{name}` is replaced with the matched parameter, encoded. */
  to: string;
  /** 301, 302, 303, 307 or 308. */
  status: number;
  /** Who declared the redirect. */
  owner: string;
  /** The redirect's name, if any. */
  name?: string;
  /** Patterns per path parameter, as for any route. */
  requirements?: Readonly<Record<string, string>>;
}

/** A request that reached a redirect route: where to send it and with which status. */
export interface RedirectMatch {
  /** The redirect route's target and status. */
  redirect: RedirectSpec;
  /** The target with the matched parameters filled in. */
  location: string;
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

/**
 * What a routing table lookup yields: a match, a redirect, the methods a 405 must allow, or
 * `null` (404). A match through a `.{format}` suffix carries `params.format`.
 */
export type RouteLookup<T> = RouteMatch<T> | RedirectMatch | AllowedMethods | null;

/** Parameter a `.{format}` suffix binds (routes' `format`). */
export const FORMAT_PARAM = 'format';

/** Name of the path parameter the `/{project_id}` prefix binds. */
export const PROJECT_ID_PARAM = 'project_id';
