/**
 * EnabledExtensionManager: loads every extension and keeps those its check function accepts,
 * the check running after instantiation (stevedore's `enabled.EnabledExtensionManager`).
 */
import type { Extension } from './extension.js';
import type { ManagerOptions, TestInstanceOptions } from './extension-manager-base.js';
import { ExtensionManager } from './extension-manager.js';

/** Options of an enabled manager: the check is required. */
export interface EnabledManagerOptions<T = unknown> extends ManagerOptions<T> {
  /** False disables the extension (status `disabled`); throwing fails it (phase `check`). */
  checkFunc: (extension: Extension<T>) => boolean;
}

/** Loads the extensions of a namespace that pass a check. */
export class EnabledExtensionManager<T = unknown> extends ExtensionManager<T> {
  /** Discovers, loads and checks every extension of `namespace`. */
  static override async create<T = unknown>(
    namespace: string,
    options: EnabledManagerOptions<T>
  ): Promise<EnabledExtensionManager<T>> {
    const manager = new EnabledExtensionManager<T>(namespace, options);
    await manager.load();
    return manager;
  }

  /** An enabled manager holding the extensions that pass `checkFunc`, with no discovery. */
  static override makeTestInstance<T = unknown>(
    extensions: Extension<T>[],
    options: TestInstanceOptions<T> & Partial<EnabledManagerOptions<T>> = {}
  ): EnabledExtensionManager<T> {
    const manager = new EnabledExtensionManager<T>(options.namespace ?? 'TESTING', options);
    const check = options.checkFunc ?? (() => true);
    manager.useExtensions(extensions.filter((extension) => check(extension)));
    return manager;
  }
}
