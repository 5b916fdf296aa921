/**
 * The routing layer: route declarations (Mapper, after routes.Mapper) compiled into one
 * segment-tree routing table, which also generates URLs from named routes. Generic over the
 * route target; it never imports the API layer.
 */
export { Mapper } from './mapper.js';
export type {
  ConnectSpec,
  MapperOptions,
  ParentResource,
  RedirectOptions,
  ResourceOptions,
  RouteConditions,
  RouteDeclarer
} from './mapper.js';
export { SubMapper } from './submapper.js';
export type { SubmapperConnectSpec, SubmapperOptions } from './submapper.js';
export { RoutingTable } from './routing-table.js';
export type { RoutingTableOptions } from './routing-table.js';
export type { UrlParams } from './url-generator.js';
export { FORMAT_PARAM, PROJECT_ID_PARAM } from './route.js';
export type {
  AllowedMethods,
  RedirectMatch,
  RedirectSpec,
  RouteCondition,
  RouteEnviron,
  RouteLookup,
  RouteMatch,
  RouteSpec
} from './route.js';
