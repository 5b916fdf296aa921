/**
 * How the host loads each namespace, so that commands which load "everything"
 * (`extensions list`, `check`) report exactly what serving would do: classes are built in
 * the host container (so their injections resolve), function plugins (factories) are only
 * checked to be callable, and option groups (`wharf.config.options`) are data, checked to be
 * made by `defineOptions`. The API namespace is loaded by the API router itself.
 */
import type { ManagerOptions } from '../plugins/index.js';
import { isOptionGroup, OPTIONS_NAMESPACE } from '../option-group.js';
import type { HostBase } from './host-base.js';

/**
 * Manager options for loading one (non-API) namespace the way the host does. The host
 * container is given as a provider, called only when a plugin declaring injections is built,
 * so a namespace of plain classes never creates it nor loads tsyringe.
 */
export function profileFor(namespace: string, base: HostBase): ManagerOptions {
  const common = { catalog: base.catalog, logger: base.logger, container: () => base.container };
  if (namespace === OPTIONS_NAMESPACE) {
    return { ...common, invokeOnLoad: false, verify: verifyOptionGroup };
  }
  return { ...common, invokeOnLoad: 'classes' };
}

function verifyOptionGroup(plugin: unknown, entryPoint: { target: string }): void {
  if (!isOptionGroup(plugin)) {
    throw new TypeError(`${entryPoint.target} is not an option group made by defineOptions()`);
  }
}
