/**
 * HookManager: loads every extension registered under one name; a hook may have many
 * (stevedore's `hook.HookManager`). A named manager of that one name that keeps every
 * source's declaration; `get(name)` returns a list.
 */
import { keepAll, type ConflictResolver } from './conflict.js';
import type { Extension } from './extension.js';
import type { ManagerOptions, TestInstanceOptions } from './extension-manager-base.js';
import { NamedManagerBase } from './named-extension-manager.js';

/** Options of a hook manager: the hook's name instead of a list. */
export interface HookManagerOptions<T = unknown> extends ManagerOptions<T> {
  /** The hook name whose extensions are loaded. */
  name: string;
  /** Log a warning when no extension of the hook loads. Default false: a hook may be empty. */
  warnOnMissingEntrypoint?: boolean;
}

/** Loads all extensions of one hook name. */
export class HookManager<T = unknown> extends NamedManagerBase<T, Extension<T>[]> {
  /** The hook name. */
  readonly hookName: string;

  protected constructor(namespace: string, options: HookManagerOptions<T>) {
    super(namespace, { warnOnMissingEntrypoint: false, ...options, names: [options.name] });
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

  /** A hook keeps every declaration of its name: all of them run. */
  protected override defaultConflictResolver(): ConflictResolver {
    return keepAll;
  }
}
