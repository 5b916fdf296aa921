/**
 * The OpenAPI 3.1 document of a deployment, generated from what the extensions registered:
 * every route and method, the actions of each `POST .../action`, request schemas by
 * microversion range, response codes, fault bodies, microversion headers, and under
 * `x-wharf-extensions` what each extension contributes (routes, actions, pre/post
 * processors, fields it adds to responses). `GET /v2.1/openapi.json` serves it and
 * `wharf openapi` prints it.
 */
import type { MicroversionLike } from '../../context.js';
import type { APIRouter } from '../api-router.js';
import { resolveRequestedVersion } from '../microversion.js';
import { components, type Json } from './openapi-components.js';
import {
  actionOperation,
  methodOperation,
  policyJson,
  type OperationScope
} from './openapi-operation.js';

/** What to generate. */
export interface OpenApiOptions {
  /** Describe the API at this microversion only (`X.Y` or `latest`); default every range. */
  microversion?: string;
  /** The API's base URL for `servers`; default `/v2.1`. */
  serverUrl?: string;
}

/**
 * Builds the document. A malformed microversion throws HTTPBadRequest, one outside the
 * served range HTTPNotAcceptable, as for a request header.
 */
export function buildOpenApiDocument(router: APIRouter, options: OpenApiOptions = {}): Json {
  const version: MicroversionLike | null =
    options.microversion === undefined
      ? null
      : resolveRequestedVersion(
          { 'x-openstack-nova-api-version': options.microversion },
          router.versions
        );
  const scope: OperationScope = { version, errorStatuses: new Set(), operationIds: new Set() };
  const paths: Record<string, Json> = {};
  const tags = new Set<string>();
  for (const route of router.routeTable().list()) {
    const plan = route.target.planFor('method', route.action);
    const operation =
      route.action === 'action'
        ? actionOperation(route, scope)
        : plan && methodOperation(route, plan, scope);
    if (!operation) continue;
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
    for (const tag of operation.tags as string[]) tags.add(tag);
  }
  const { min, max } = router.versions;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Compute API (wharf)',
      version: version?.toString() ?? max.toString(),
      description: `Generated from the loaded extensions. Microversions ${min.toString()} to ${max.toString()}${version ? `; this document describes ${version.toString()}` : ''}.`
    },
    servers: [{ url: options.serverUrl ?? '/v2.1' }],
    tags: [...tags].sort().map((name) => ({ name })),
    paths,
    components: components(scope.errorStatuses),
    'x-wharf-microversions': { min: min.toString(), max: max.toString() },
    'x-wharf-extensions': extensionsOf(router)
  };
}

/** What each loaded extension contributes, from the registry and the sealed plans. */
function extensionsOf(router: APIRouter): Json[] {
  const processors = new Map<string, Json[]>();
  for (const resource of router.resources()) {
    for (const { spec, owner, controller } of resource.ownExtensionMethods()) {
      const list = processors.get(owner) ?? [];
      const target = `${spec.target.kind === 'action' ? 'action ' : ''}${spec.target.name}`;
      list.push({
        collection: resource.collection,
        extends: target,
        phase: spec.phase,
        handler: `${controller}.${spec.property}`,
        ...(spec.policy === null ? {} : { policy: policyJson(spec.policy) }),
        addsFields: spec.addedFields.flatMap(({ at, fields }) =>
          Object.keys(fields).map((field) => `${at} ${field}`)
        )
      });
      processors.set(owner, list);
    }
  }
  const routes = new Map<string, string[]>();
  for (const row of router.routes()) {
    // An action's handler reads `Controller.method [key]`: the key names the action.
    const action = /\[(.+)\]$/.exec(row.handler)?.[1];
    const list = routes.get(row.extension) ?? [];
    list.push(`${row.method} ${row.path}${action ? ` [${action}]` : ''}`);
    routes.set(row.extension, list);
  }
  return router.registry.loaded().map((record) => ({
    alias: record.alias,
    name: record.name,
    version: record.version,
    description: record.description,
    resources: record.resources,
    routes: routes.get(record.alias) ?? [],
    actions: record.actions,
    processors: processors.get(record.alias) ?? []
  }));
}
