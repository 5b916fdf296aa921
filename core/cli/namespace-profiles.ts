/**
 * How the host loads each namespace, so that commands which load "everything"
 * (`extensions list`, `check`) report exactly what serving would do: classes are built in
 * the host container (so their injections resolve), function plugins (factories) are only
 * checked to be callable. The API namespace is loaded by the API router itself.
 */
import type { DependencyContainer } from 'tsyringe';
import type { Logger } from '../logger.js';
import type { EntryPointCatalog, ManagerOptions } from '../plugins/index.js';

/** Manager options for loading one (non-API) namespace the way the host does. */
export function profileFor(
  catalog: EntryPointCatalog,
  container: DependencyContainer,
  logger: Logger
): ManagerOptions {
  return { invokeOnLoad: 'classes', catalog, container, logger };
}
