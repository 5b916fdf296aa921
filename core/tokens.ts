/**
 * Dependency-injection tokens of the host container. They are `Symbol.for` keys so that a
 * drop-in package carrying its own copy of wharf still names the same services.
 */

/** The host's root logger (winston). */
export const LOGGER = Symbol.for('wharf.token.logger');
/** The logger of the extension being built, labelled `namespace:name`. */
export const EXTENSION_LOGGER = Symbol.for('wharf.token.extension-logger');
/** The EntryPoint of the extension being built. */
export const ENTRY_POINT = Symbol.for('wharf.token.entry-point');
/** The manager's `invokeArgs` (an array), for extensions built through the container. */
export const INVOKE_ARGS = Symbol.for('wharf.token.invoke-args');
/** The manager's `invokeKwds` (an object), for extensions built through the container. */
export const INVOKE_KWDS = Symbol.for('wharf.token.invoke-kwds');
/** The host configuration (parsed wharf.conf with overrides). */
export const CONFIG = Symbol.for('wharf.token.config');
/** The registry of loaded API extensions, available to API extensions as they are built. */
export const EXTENSION_REGISTRY = Symbol.for('wharf.token.extension-registry');
/** The host's APIRouter (versions documents and the API app read it). */
export const API_ROUTER = Symbol.for('wharf.token.api-router');
/** The EntryPointCatalog the host discovered, so extensions load drivers from the same sources. */
export const ENTRY_POINT_CATALOG = Symbol.for('wharf.token.entry-point-catalog');
/** The API router's ExtensionHealth: fault counts and quarantine of every API extension. */
export const EXTENSION_HEALTH = Symbol.for('wharf.token.extension-health');
