/**
 * Assembling the routes of loaded API extensions, as nova's APIRouterV21 did: resources of
 * extensions without `inherits` first, then the rest; then every controller extension onto
 * the existing resources. Conflicts stop start-up naming both extensions; a controller
 * extension whose collection does not exist is a recorded warning.
 */
import { ExtensionConflictError, InvalidDeclarationError, WharfError } from '../errors.js';
import { checkAddedFields } from './added-fields.js';
import { runLoadingSync } from '../extension-scope.js';
import type { Logger } from '../logger.js';
import type { Extension } from '../plugins/index.js';
import { Mapper, RoutingTable } from '../routing/index.js';
import { describeController } from './controller-descriptor.js';
import type { Controller } from './controller.js';
import type { APIExtensionBase } from './extension-base.js';
import type { ExtensionRegistry } from './extension-registry.js';
import type { ExtensionRuntime } from './plan-runner.js';
import { Resource } from './resource.js';
import type { ResourceExtension } from './resource-extension.js';

/** Something `wharf check` should report that did not stop start-up. */
export interface AssemblyProblem {
  /** Which kind of dangling reference was found. */
  kind: 'missing-collection' | 'missing-inherits' | 'missing-target';
  /** What is wrong, naming the extension and what it refers to. */
  message: string;
  /** Aliases of the extensions involved. */
  extensions: string[];
}

/** What assembly produced. */
export interface Assembly {
  table: RoutingTable<Resource>;
  resources: Map<string, Resource>;
  problems: AssemblyProblem[];
}

interface Contribution {
  alias: string;
  resource: ResourceExtension;
  /** The collection's key in `resources` (`resourceKey`). */
  key: string;
}

/** Registers every extension's resources and controller extensions and compiles the table. */
export function assembleRoutes(
  extensions: readonly Extension<APIExtensionBase>[],
  registry: ExtensionRegistry,
  options: { projectIdInUrl: boolean; logger: Logger; runtime: ExtensionRuntime }
): Assembly {
  const mapper = new Mapper<Resource>({ projectIdPrefix: options.projectIdInUrl });
  const resources = new Map<string, Resource>();
  const problems: AssemblyProblem[] = [];
  const returned: { alias: string; resource: ResourceExtension }[] = [];
  for (const extension of extensions) {
    const alias = extension.obj!.alias;
    for (const resource of fromExtension(extension, 'getResources', () =>
      extension.obj!.getResources()
    )) {
      returned.push({ alias, resource });
    }
  }
  // Every extension's getResources() runs before any declaration is looked into.
  const ordered: Contribution[] = [];
  const inheriting: Contribution[] = [];
  for (const { alias, resource } of returned) {
    (resource.options.inherits ? inheriting : ordered).push({
      alias,
      resource,
      key: resourceKey(resource)
    });
  }
  ordered.push(...inheriting);
  for (const { alias, resource, key } of ordered) {
    const existing = resources.get(key);
    if (existing) {
      throw new ExtensionConflictError(
        `extensions ${existing.owner} and ${alias} both add the collection "${key}"`,
        [existing.owner, alias]
      );
    }
    const created = declared(
      alias,
      () => new Resource(key, controllerOf(resource, resources), alias)
    );
    resources.set(key, created);
    registry.get(alias)?.resources.push(key);
  }
  for (const contribution of ordered)
    linkInherits(resources, contribution, problems, options.logger);
  for (const extension of extensions)
    addControllerExtensions(extension, resources, registry, problems, options.logger);
  for (const { alias, resource, key } of ordered)
    routeResource(mapper, resources.get(key)!, resource, alias);
  for (const resource of resources.values()) resource.seal(options.runtime);
  problems.push(...checkAddedFields(resources.values(), options.logger));
  const table = mapper.compile();
  for (const resource of resources.values()) resource.urls = table;
  table.warm();
  return { table, resources, problems };
}

function routeResource(
  mapper: Mapper<Resource>,
  resource: Resource,
  declaration: ResourceExtension,
  alias: string
): void {
  const { parent, collectionActions, customRoutes, pathPrefix, namePrefix, requirements } =
    declaration.options;
  const { condition, formatted } = declaration.options;
  // Actions are reachable as soon as any extension adds one, as nova's servers declared.
  const memberActions = {
    ...(resource.actionKeys().length > 0 ? { action: 'POST' } : {}),
    ...declaration.options.memberActions
  };
  mapper.resource(
    declaration.options.memberName ?? singular(declaration.collection),
    declaration.collection,
    {
      target: resource,
      owner: alias,
      ...(collectionActions ? { collectionActions } : {}),
      memberActions,
      ...(parent ? { parentResource: parent } : {}),
      ...(pathPrefix !== undefined ? { pathPrefix } : {}),
      ...(namePrefix !== undefined ? { namePrefix } : {}),
      ...(requirements ? { requirements } : {}),
      ...(condition ? { condition } : {}),
      ...(formatted !== undefined ? { formatted } : {})
    }
  );
  customRoutes?.(mapper, resource);
}

/** The default member name: `servers` -> `server`; a name without a final `s` gets `_member`. */
function singular(collection: string): string {
  return collection.length > 1 && collection.endsWith('s')
    ? collection.slice(0, -1)
    : `${collection}_member`;
}

/** The resource's own controller, else (nova's fallback) that of the collection it inherits. */
function controllerOf(
  declaration: ResourceExtension,
  resources: Map<string, Resource>
): Controller {
  if (declaration.controller !== null) return declaration.controller;
  const inherits = declaration.options.inherits;
  const parent = inherits === undefined ? undefined : resources.get(inherits);
  if (parent === undefined) {
    throw new InvalidDeclarationError(
      `collection "${declaration.collection}" has no controller` +
        (inherits === undefined
          ? ' and inherits none'
          : `, and "${inherits}", whose controller it would use, is added by no extension`)
    );
  }
  return parent.controller;
}

function linkInherits(
  resources: Map<string, Resource>,
  { alias, resource: declaration, key }: Contribution,
  problems: AssemblyProblem[],
  logger: Logger
): void {
  const inherits = declaration.options.inherits;
  if (!inherits) return;
  const parent = resources.get(inherits);
  if (!parent) {
    const message = `extension ${alias}: collection "${declaration.collection}" inherits "${inherits}", which no extension adds`;
    logger.warn(message);
    problems.push({ kind: 'missing-inherits', message, extensions: [alias] });
    return;
  }
  resources.get(key)!.inheritsFrom = parent;
}

function addControllerExtensions(
  extension: Extension<APIExtensionBase>,
  resources: Map<string, Resource>,
  registry: ExtensionRegistry,
  problems: AssemblyProblem[],
  logger: Logger
): void {
  const alias = extension.obj!.alias;
  const record = registry.get(alias);
  for (const controllerExtension of fromExtension(extension, 'getControllerExtensions', () =>
    extension.obj!.getControllerExtensions()
  )) {
    const resource = resources.get(controllerExtension.collection);
    if (!resource) {
      const message = `extension ${alias} extends the collection "${controllerExtension.collection}", which no extension adds; its actions and extension methods are not registered`;
      logger.warn(message);
      problems.push({ kind: 'missing-collection', message, extensions: [alias] });
      continue;
    }
    const descriptor = declared(alias, () => describeController(controllerExtension.controller));
    resource.addController(descriptor, alias);
    record?.actions.push(
      ...[...descriptor.actions.keys()].map((key) => `${resource.collection}:${key}`)
    );
    record?.extendedMethods.push(
      ...descriptor.extensions.map(({ target, phase }) => {
        const name = target.kind === 'action' ? `action:${target.name}` : target.name;
        return `${resource.collection}:${name}${phase === 'pre' ? '(pre)' : ''}`;
      })
    );
  }
}

function resourceKey(resource: ResourceExtension): string {
  const parent = resource.options.parent;
  return parent ? `${parent.collectionName}/${resource.collection}` : resource.collection;
}

/**
 * Runs an extension's declaration code in its load scope (its log lines name it), naming
 * the extension in any error it raises.
 */
function declared<R>(alias: string, build: () => R): R {
  try {
    return runLoadingSync({ extension: alias }, build);
  } catch (error) {
    if (error instanceof WharfError && !(error instanceof InvalidDeclarationError)) throw error;
    throw new InvalidDeclarationError(`extension ${alias}: ${(error as Error).message}`);
  }
}

function fromExtension<R>(
  extension: Extension<APIExtensionBase>,
  method: string,
  build: () => R[]
): R[] {
  return declared(extension.obj!.alias, () => {
    const result = build();
    if (!Array.isArray(result)) throw new TypeError(`${method}() must return an array`);
    return result;
  });
}
