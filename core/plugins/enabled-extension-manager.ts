/**
 * EnabledExtensionManager: loads every extension and keeps those its check function accepts,
 * the check running after instantiation (stevedore's `enabled.EnabledExtensionManager`).
 * The dispatch managers and the API router are enabled managers.
 */
import type { Extension } from './extension.js';
import {
  ExtensionManagerBase,
  type ManagerOptions,
  type TestInstanceOptions
} from './extension-manager-base.js';
import { ExtensionManager } from './extension-manager.js';

/** The enabled check: false disables the extension (status `disabled`), throwing fails it. */
export type CheckFunction<T> = (extension: Extension<T>) => boolean;

/** What the constructor takes: subclasses may make the check optional (dispatch managers). */
export type EnabledBaseOptions<T> = ManagerOptions<T> & { checkFunc?: CheckFunction<T> };

/** Options of an enabled manager: the check is required. */
export interface EnabledManagerOptions<T = unknown> extends ManagerOptions<T> {
  /** False disables the extension (status `disabled`); throwing fails it (phase `check`). */
  checkFunc: CheckFunction<T>;
}

/** Loads the extensions of a namespace that pass a check. */
export class EnabledExtensionManager<T = unknown> extends ExtensionManager<T> {
  /** The check; subclasses whose check is optional accept every extension without one. */
  protected readonly checkFunc: CheckFunction<T> | undefined;

  protected constructor(namespace: string, options: EnabledBaseOptions<T>) {
    super(namespace, options);
    this.checkFunc = options.checkFunc;
  }

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
    manager.useExtensions(extensions.filter((extension) => manager.isEnabled(extension)));
    return manager;
  }

  /** Whether `checkFunc` accepts the extension (every one when there is none). */
  protected override isEnabled(extension: Extension<T>): boolean {
    return this.checkFunc?.(extension) ?? true;
  }
}

/**
 * What the dispatch managers and the API router inherit from EnabledExtensionManager: the
 * enabled check, loading, lookups and protected members. The dispatch managers declare their
 * `map` family with which extensions to call (a filter, names) first, as stevedore's do, and
 * the router its own static factories; TypeScript requires an override to accept its base's
 * arguments, static ones included (Python does not), so they extend EnabledExtensionManager
 * seen through this type (`EnabledManagerBase`), which leaves both out.
 */
declare abstract class EnabledDispatchBase<T> extends ExtensionManagerBase<T> {
  /** The check; absent, every extension is enabled. */
  protected readonly checkFunc: CheckFunction<T> | undefined;
  protected constructor(namespace: string, options: EnabledBaseOptions<T>);
  /** Whether `checkFunc` accepts the extension (every one when there is none). */
  protected override isEnabled(extension: Extension<T>): boolean;
}

/** EnabledExtensionManager, the base class of the dispatch managers and the API router (see above). */
export const EnabledManagerBase = EnabledExtensionManager as unknown as typeof EnabledDispatchBase;
export type { EnabledDispatchBase };
