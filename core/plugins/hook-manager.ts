/**
 * HookManager: loads every extension registered under one name; a hook may have many
 * (stevedore's `hook.HookManager`). `get(name)` returns a list.
 */
import { keepAll, type ConflictResolver } from './conflict.js';
import type { Extension } from './extension.js';
import {
  ExtensionManagerBase,
  type ManagerOptions,
  type MapOutcome,
  type TestInstanceOptions
} from './extension-manager-base.js';
import type { EntryPoint } from './entry-point.js';
import { callMethod, type MapFunction } from './extension-manager.js';

/** Options of a hook manager: the hook's name instead of a list. */
export interface HookManagerOptions<T = unknown> extends ManagerOptions<T> {
  /** The hook name whose extensions are loaded. */
  name: string;
}

/** Loads all extensions of one hook name. */
export class HookManager<T = unknown> extends ExtensionManagerBase<T, Extension<T>[]> {
  /** The hook name. */
  readonly hookName: string;

  protected constructor(namespace: string, options: HookManagerOptions<T>) {
    super(namespace, options);
    this.hookName = options.name;
  }

  /** Discovers and loads every extension registered as `name`. */
  static async create<T = unknown>(
    namespace: string,
    options: HookManagerOptions<T>
  ): Promise<HookManager<T>> {
    const manager = new HookManager<T>(namespace, options);
    await manager.load();
    return manager;
  }

  /** A hook manager holding the given extensions. */
  static makeTestInstance<T = unknown>(
    extensions: Extension<T>[],
    options: TestInstanceOptions<T> & Partial<HookManagerOptions<T>> = {}
  ): HookManager<T> {
    const manager = new HookManager<T>(options.namespace ?? 'TESTING', {
      ...options,
      name: options.name ?? extensions[0]?.name ?? ''
    });
    manager.useExtensions(extensions);
    return manager;
  }

  /** Every extension registered under `name` (an empty list when none). */
  override get(name: string): Extension<T>[] {
    return this.extensions.filter((extension) => extension.name === name);
  }

  /** Calls `func(extension, ...args)` for every extension of the hook (see ExtensionManager.map). */
  map<R>(func: MapFunction<T, R>, ...args: unknown[]): R[] {
    return this.invokeEach(this.extensions, func, args);
  }

  /** Calls `extension.obj[method](...args)` for every extension of the hook. */
  mapMethod<R = unknown>(method: string, ...args: unknown[]): R[] {
    return this.map((extension) => callMethod<R>(extension, method, args));
  }

  /** Runs `func` concurrently for every extension of the hook; one outcome each. */
  mapAsync<R>(
    func: MapFunction<T, R | Promise<R>>,
    ...args: unknown[]
  ): Promise<MapOutcome<Awaited<R>>[]> {
    return this.invokeEachAsync(this.extensions, func as MapFunction<T, Promise<Awaited<R>>>, args);
  }

  protected override selectEntryPoints(entryPoints: EntryPoint[]): EntryPoint[] {
    return entryPoints.filter((entryPoint) => entryPoint.name === this.hookName);
  }

  protected override defaultConflictResolver(): ConflictResolver {
    return keepAll;
  }
}
