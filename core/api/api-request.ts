/**
 * The one argument every controller method and extension method receives.
 *
 * - A main method (standard, custom or `@wsgi.action`) is
 *   `(req: ApiRequest) => unknown | ResponseObject | Promise<unknown | ResponseObject>`:
 *   a bare value is the body, sent with the `@response` code for the version (default 200).
 * - A pre-extension (`@wsgi.extends({ phase: 'pre' })`) is
 *   `(req: ApiRequest) => void | ResponseObject` (or a promise of it); returning a
 *   ResponseObject short-circuits: the main method and the later pre-extensions do not run.
 * - A post-extension (`@wsgi.extends()`) is
 *   `(req: ApiRequest, resp: ResponseObject) => void | ResponseObject` (or a promise of it);
 *   it may change `resp` in place or return a replacement.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestContext } from '../context.js';
import type { UrlParams } from '../routing/index.js';
import type { DeclaredPolicy } from './metadata-keys.js';
import type { UrlForOptions } from './request-urls.js';

/** A request as controllers see it: parsed, validated and versioned. */
export interface ApiRequest {
  /** Caller, request id and microversion (`context.apiVersion`). */
  context: RequestContext;
  /** Path parameters of the matched route, e.g. `{ id: '...' }`. */
  params: Record<string, string>;
  /** Query parameters; a repeated parameter is an array. */
  query: Record<string, string | string[]>;
  /** The parsed JSON body, or null when there is none. */
  body: any;
  /** The raw request headers (lower-case names). */
  headers: IncomingHttpHeaders;
  /** The HTTP method, upper case. */
  method: string;
  /** The request path (without the query string). */
  path: string;
  /**
   * Public URL of the API root as the client sees it (proxy headers honoured), e.g.
   * `https://api.example.com/v2.1`; build `self` links on it.
   */
  readonly apiUrl: string;
  /** Public URL of the host without the API prefix, e.g. `https://api.example.com`; build `bookmark` links on it. */
  readonly rootUrl: string;
  /**
   * The policy rule and sub-rules the running handler or processor declares
   * (`@wsgi.policy`), null when it declares none: the one place a rule is written is its
   * declaration, and the method authorizes against this (a pre- or post-processor sees its
   * own declaration, not the handler's).
   */
  readonly policy: DeclaredPolicy | null;
  /**
   * True behind the `legacy_v2_compatible` filter (`/v2`): a handler validating the body
   * itself passes it to its BodyValidator, which then strips unknown keys as v2 did.
   */
  readonly legacyV2?: boolean;
  /**
   * routes' `url_for`: the full URL of the route named `name` (`server`, `detail_servers`,
   * ...) with `params`, on `apiUrl` (or `rootUrl` with `{ base: 'root' }`). Parameters the
   * path lacks become the query string; `project_id` goes in front; see docs/routing.md.
   * Throws `UrlGenerationError` for an unknown name or a missing parameter.
   */
  urlFor(name: string, params?: UrlParams, options?: UrlForOptions): string;
}
