/**
 * Dispatch managers: enabled managers that load every extension passing the check (when one
 * is given), then call only some of them (stevedore's `dispatch.DispatchExtensionManager`
 * and `NameDispatchExtensionManager`).
 */
import type { Extension } from './extension.js';
import type { ManagerOptions, MapOutcome, TestInstanceOptions } from './extension-manager-base.js';
import { callMethod, type MapFunction } from './extension-manager.js';
import { EnabledManagerBase, type CheckFunction } from './enabled-extension-manager.js';

/** Options of a dispatch manager: the enabled check is optional. */
export interface DispatchManagerOptions<T = unknown> extends ManagerOptions<T> {
  /** False disables the extension (status `disabled`); throwing fails it. Default: none. */
  checkFunc?: CheckFunction<T>;
}

/** Chooses the extensions a dispatch `map` calls. */
export type DispatchFilter<T> = (extension: Extension<T>, ...args: any[]) => boolean;

/** Calls only the extensions a filter function accepts. */
export class DispatchExtensionManager<T = unknown> extends EnabledManagerBase<T> {
  /** Discovers and loads every extension of `namespace` (those passing `checkFunc`, if any). */
  static async create<T = unknown>(
    namespace: string,
    options: DispatchManagerOptions<T> = {}
  ): Promise<DispatchExtensionManager<T>> {
    const manager = new DispatchExtensionManager<T>(namespace, options);
    await manager.load();
    return manager;
  }

  /** A dispatch manager holding the given extensions. */
  static makeTestInstance<T = unknown>(
    extensions: Extension<T>[],
    options: TestInstanceOptions<T> & DispatchManagerOptions<T> = {}
  ): DispatchExtensionManager<T> {
    const manager = new DispatchExtensionManager<T>(options.namespace ?? 'TESTING', options);
    manager.useExtensions(extensions.filter((extension) => manager.isEnabled(extension)));
    return manager;
  }

  /** Calls `func(extension, ...args)` for the extensions `filter(extension, ...args)` accepts. */
  map<R>(filter: DispatchFilter<T>, func: MapFunction<T, R>, ...args: unknown[]): R[] {
    return this.invokeEach(this.chosen(filter, args), func, args);
  }

  /** Calls `extension.obj[method](...args)` for the extensions the filter accepts. */
  mapMethod<R = unknown>(filter: DispatchFilter<T>, method: string, ...args: unknown[]): R[] {
    return this.invokeEach(
      this.chosen(filter, args),
      (extension) => callMethod<R>(extension, method, args),
      []
    );
  }

  /** Runs `func` concurrently for the accepted extensions; one outcome each. */
  mapAsync<R>(
    filter: DispatchFilter<T>,
    func: MapFunction<T, R | Promise<R>>,
    ...args: unknown[]
  ): Promise<MapOutcome<Awaited<R>>[]> {
    return this.invokeEachAsync(
      this.chosen(filter, args),
      func as MapFunction<T, Promise<Awaited<R>>>,
      args
    );
  }

  private chosen(filter: DispatchFilter<T>, args: unknown[]): Extension<T>[] {
    return this.extensions.filter((extension) => filter(extension, ...args));
  }
}

/** Calls only the extensions named, in the order named. */
export class NameDispatchExtensionManager<T = unknown> extends EnabledManagerBase<T> {
  /** Discovers and loads every extension of `namespace` (those passing `checkFunc`, if any). */
  static async create<T = unknown>(
    namespace: string,
    options: DispatchManagerOptions<T> = {}
  ): Promise<NameDispatchExtensionManager<T>> {
    const manager = new NameDispatchExtensionManager<T>(namespace, options);
    await manager.load();
    return manager;
  }

  /** A name-dispatch manager holding the given extensions. */
  static makeTestInstance<T = unknown>(
    extensions: Extension<T>[],
    options: TestInstanceOptions<T> & DispatchManagerOptions<T> = {}
  ): NameDispatchExtensionManager<T> {
    const manager = new NameDispatchExtensionManager<T>(options.namespace ?? 'TESTING', options);
    manager.useExtensions(extensions.filter((extension) => manager.isEnabled(extension)));
    return manager;
  }

  /** Calls `func(extension, ...args)` for each named extension that is loaded, in `names` order. */
  map<R>(names: string[], func: MapFunction<T, R>, ...args: unknown[]): R[] {
    return this.invokeEach(this.chosen(names), func, args);
  }

  /** Calls `extension.obj[method](...args)` for each named extension. */
  mapMethod<R = unknown>(names: string[], method: string, ...args: unknown[]): R[] {
    return this.invokeEach(
      this.chosen(names),
      (extension) => callMethod<R>(extension, method, args),
      []
    );
  }

  /** Runs `func` concurrently for the named extensions; one outcome each. */
  mapAsync<R>(
    names: string[],
    func: MapFunction<T, R | Promise<R>>,
    ...args: unknown[]
  ): Promise<MapOutcome<Awaited<R>>[]> {
    return this.invokeEachAsync(
      this.chosen(names),
      func as MapFunction<T, Promise<Awaited<R>>>,
      args
    );
  }

  private chosen(names: string[]): Extension<T>[] {
    const byName = new Map(this.extensions.map((extension) => [extension.name, extension]));
    return names.flatMap((name) => byName.get(name) ?? []);
  }
}
