/**
 * ExtensionManager: loads every extension of a namespace and calls them (stevedore's
 * `extension.ExtensionManager`).
 */
import type { Extension } from './extension.js';
import {
  ExtensionManagerBase,
  type ManagerOptions,
  type MapOutcome,
  type TestInstanceOptions
} from './extension-manager-base.js';

/** The function `map` calls for each extension. */
export type MapFunction<T, R> = (extension: Extension<T>, ...args: any[]) => R;

/** Loads every extension of a namespace. Build it with `await ExtensionManager.create(...)`. */
export class ExtensionManager<T = unknown, Lookup = Extension<T>> extends ExtensionManagerBase<
  T,
  Lookup
> {
  /** Discovers and loads every extension of `namespace`. */
  static async create<T = unknown>(
    namespace: string,
    options: ManagerOptions<T> = {}
  ): Promise<ExtensionManager<T>> {
    const manager = new ExtensionManager<T>(namespace, options);
    await manager.load();
    return manager;
  }

  /** A manager holding the given extensions, with no discovery and no imports. */
  static makeTestInstance<T = unknown>(
    extensions: Extension<T>[],
    options: TestInstanceOptions<T> = {}
  ): ExtensionManager<T> {
    const manager = new ExtensionManager<T>(options.namespace ?? 'TESTING', options);
    manager.useExtensions(extensions);
    return manager;
  }

  /**
   * Calls `func(extension, ...args)` for every extension and returns the results. Raises
   * NoMatches when nothing is loaded; an extension whose call throws is logged and yields
   * no result, unless `propagateMapExceptions`.
   */
  map<R>(func: MapFunction<T, R>, ...args: unknown[]): R[] {
    return this.invokeEach(this.extensions, func, args);
  }

  /** Calls `extension.obj[method](...args)` for every extension (see `map`). */
  mapMethod<R = unknown>(method: string, ...args: unknown[]): R[] {
    return this.map((extension) => callMethod<R>(extension, method, args));
  }

  /**
   * Runs `func` for every extension concurrently and returns one outcome per extension,
   * each with its own value or error. With `propagateMapExceptions`, rejects with an
   * AggregateError when any failed.
   */
  mapAsync<R>(
    func: MapFunction<T, R | Promise<R>>,
    ...args: unknown[]
  ): Promise<MapOutcome<Awaited<R>>[]> {
    return this.invokeEachAsync(this.extensions, func as MapFunction<T, Promise<Awaited<R>>>, args);
  }
}

/** Calls a method of an extension's object. */
export function callMethod<R>(extension: Extension<unknown>, method: string, args: unknown[]): R {
  const obj = extension.obj as Record<string, unknown> | undefined;
  const fn = obj?.[method];
  if (typeof fn !== 'function') {
    throw new TypeError(`extension ${extension.name} has no method "${method}"`);
  }
  return fn.apply(obj, args) as R;
}
