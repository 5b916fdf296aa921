/**
 * How the host loads each namespace, so that commands which load "everything"
 * (`extensions list`, `check`) report exactly what serving would do: classes are built in
 * the host container (so their injections resolve), function plugins (factories) are only
 * checked to be callable, and option groups (`wharf.config.options`) are data, checked to be
 * made by `defineOptions`. The API namespace is loaded by the API router itself.
 */
import type { DependencyContainer } from 'tsyringe';
import type { Logger } from '../logger.js';
import type { EntryPointCatalog, ManagerOptions } from '../plugins/index.js';
import { isOptionGroup, OPTIONS_NAMESPACE } from '../option-group.js';

/** Manager options for loading one (non-API) namespace the way the host does. */
export function profileFor(
  namespace: string,
  catalog: EntryPointCatalog,
  container: DependencyContainer,
  logger: Logger
): ManagerOptions {
  if (namespace === OPTIONS_NAMESPACE) {
    return { invokeOnLoad: false, catalog, container, logger, verify: verifyOptionGroup };
  }
  return { invokeOnLoad: 'classes', catalog, container, logger };
}

function verifyOptionGroup(plugin: unknown, entryPoint: { target: string }): void {
  if (!isOptionGroup(plugin)) {
    throw new TypeError(`${entryPoint.target} is not an option group made by defineOptions()`);
  }
}
