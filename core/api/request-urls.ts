/**
 * `request.urlFor(name, params)`: routes' `url_for` as controllers reach it. The request
 * carries the API's compiled routing table; a named route and its parameters become a full
 * URL on the API root the client sees (`apiUrl`, proxy headers honoured) or, with
 * `{ base: 'root' }`, on the unversioned root (`rootUrl`), as nova's `bookmark` links.
 */
import type { RoutingTable, UrlParams } from '../routing/index.js';
import type { ApiRequest } from './api-request.js';

/** What `urlFor` generates from: the API's compiled routing table (any target). */
export type UrlSource = Pick<RoutingTable<unknown>, 'urlFor'>;

/** Where a generated URL is rooted. */
export interface UrlForOptions {
  /** `api` (default): the versioned API root; `root`: the host root without the API prefix. */
  base?: 'api' | 'root';
}

/** Key under which a request holds its routing table. */
export const URL_SOURCE = Symbol('wharf.urlSource');

/** An ApiRequest as built by Resource: with the table `urlFor` reads. */
export type RoutedRequest = ApiRequest & { readonly [URL_SOURCE]: UrlSource | null };

/**
 * The `urlFor` method of every ApiRequest (one shared function: it reads the request
 * through `this`, so building a request allocates nothing for it). Throws
 * `UrlGenerationError` as `RoutingTable.urlFor` does.
 */
export function urlForRequest(
  this: RoutedRequest,
  name: string,
  params: UrlParams = {},
  options: UrlForOptions = {}
): string {
  const source = this[URL_SOURCE];
  if (source === null) throw new TypeError('this request was built without a routing table');
  const base = options.base === 'root' ? this.rootUrl : this.apiUrl;
  return `${base}${source.urlFor(name, params)}`;
}
