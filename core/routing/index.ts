/**
 * The routing layer: route declarations (Mapper, after routes.Mapper) compiled into one
 * segment-tree routing table. Generic over the route target; it never imports the API layer.
 */
export { Mapper } from './mapper.js';
export type { MapperOptions, ParentResource, ResourceOptions } from './mapper.js';
export { RoutingTable } from './routing-table.js';
export type { RoutingTableOptions } from './routing-table.js';
export { PROJECT_ID_PARAM } from './route.js';
export type { AllowedMethods, RouteLookup, RouteMatch, RouteSpec } from './route.js';
