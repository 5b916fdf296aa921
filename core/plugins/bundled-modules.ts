/**
 * The extension modules a load plan's bundle provides (load-plan-bundle.ts), by the absolute
 * path of the module they were bundled from: `EntryPoint.load()` takes its module from here
 * when the process started from a plan, and imports the file otherwise. Each loader runs
 * its module's top-level code on the first call, synchronously, and returns its exports.
 */

/** Runs a bundled module (once) and returns its exports. */
export type BundledModuleLoader = () => Record<string, unknown>;

const loaders = new Map<string, BundledModuleLoader>();

/** Makes the modules of a plan's bundle (module path -> loader) what `load()` takes. */
export function useBundledModules(modules: ReadonlyMap<string, BundledModuleLoader>): void {
  for (const [path, loader] of modules) loaders.set(path, loader);
}

/** The loader of the bundled module of `modulePath`, or undefined when it is not bundled. */
export function bundledModule(modulePath: string): BundledModuleLoader | undefined {
  return loaders.get(modulePath);
}
