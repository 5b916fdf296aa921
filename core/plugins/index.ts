/** The plugin layer: generic, imports nothing of HTTP. */
export {
  EntryPoint,
  EntryPointLoadError,
  type EntryPointSource,
  type SerializedEntryPoint
} from './entry-point.js';
export { EntryPointCatalog, type CatalogOptions } from './catalog.js';
export { BUNDLED_MANIFEST, type DiscoveryOptions } from './discovery.js';
export { defaultCacheDir } from './entry-point-cache.js';
export { Extension } from './extension.js';
export { keepFirst, keepAll, errorOnConflict, type ConflictResolver } from './conflict.js';
export type { LoadFailure, LoadPhase } from './load-failure.js';
export {
  ExtensionManagerBase,
  type ManagerOptions,
  type TestInstanceOptions,
  type LoadStatus,
  type LoadReportEntry,
  type MapOutcome
} from './extension-manager-base.js';
export { ExtensionManager, type MapFunction } from './extension-manager.js';
export {
  NamedExtensionManager,
  NamedManagerBase,
  type NamedManagerOptions
} from './named-extension-manager.js';
export {
  EnabledExtensionManager,
  EnabledManagerBase,
  type EnabledDispatchBase,
  type CheckFunction,
  type EnabledBaseOptions,
  type EnabledManagerOptions
} from './enabled-extension-manager.js';
export { DriverManager, type DriverManagerOptions } from './driver-manager.js';
export { HookManager, type HookManagerOptions } from './hook-manager.js';
export {
  DispatchExtensionManager,
  NameDispatchExtensionManager,
  type DispatchFilter,
  type DispatchManagerOptions
} from './dispatch-extension-manager.js';
