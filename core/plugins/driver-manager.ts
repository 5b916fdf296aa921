/**
 * DriverManager: loads exactly one named extension, the driver (stevedore's
 * `driver.DriverManager`): a named manager of that one name. No match raises NoMatches,
 * several raise MultipleMatches, and a load failure raises instead of being skipped.
 */
import { ExtensionLoadError, MultipleMatches, NoMatches } from '../errors/plugin-errors.js';
import { keepAll, type ConflictResolver } from './conflict.js';
import type { Extension } from './extension.js';
import type { ManagerOptions, TestInstanceOptions } from './extension-manager-base.js';
import { NamedManagerBase } from './named-extension-manager.js';

/** Options of a driver manager: the driver's name instead of a list. */
export interface DriverManagerOptions<T = unknown> extends ManagerOptions<T> {
  /** The driver to load. */
  name: string;
}

/** Loads the one driver named. Build it with `await DriverManager.create(ns, { name })`. */
export class DriverManager<T = unknown> extends NamedManagerBase<T> {
  /** The driver's name. */
  readonly driverName: string;

  protected constructor(namespace: string, options: DriverManagerOptions<T>) {
    super(namespace, {
      onLoadFailure: (_manager, entryPoint, error) => {
        throw new ExtensionLoadError(
          `driver ${namespace}:${entryPoint.name} (${entryPoint.target}) failed to load: ${error.message}`,
          {
            cause: error
          }
        );
      },
      ...options,
      names: [options.name]
    });
    this.driverName = options.name;
  }

  /** Discovers and loads the driver; rejects with NoMatches, MultipleMatches or the load error. */
  static async create<T = unknown>(
    namespace: string,
    options: DriverManagerOptions<T>
  ): Promise<DriverManager<T>> {
    const manager = new DriverManager<T>(namespace, options);
    await manager.load();
    return manager;
  }

  /** A driver manager holding exactly the one extension given. */
  static makeTestInstance<T = unknown>(
    extensions: Extension<T>[],
    options: TestInstanceOptions<T> & Partial<DriverManagerOptions<T>> = {}
  ): DriverManager<T> {
    const name = options.name ?? extensions[0]?.name ?? '';
    const manager = new DriverManager<T>(options.namespace ?? 'TESTING', { ...options, name });
    manager.useExtensions(extensions);
    manager.afterLoad();
    return manager;
  }

  /** The driver: its object when invoked on load, else the plugin itself. */
  get driver(): T {
    const [extension] = this.extensions as [Extension<T>];
    return (extension.obj ?? extension.plugin) as T;
  }

  /** Calls `func(extension, ...args)` on the driver and returns its result. */
  call<R>(func: (extension: Extension<T>, ...args: unknown[]) => R, ...args: unknown[]): R {
    return this.map(func, ...args)[0] as R;
  }

  /** A driver keeps every declaration of its name: more than one is an error of `afterLoad`. */
  protected override defaultConflictResolver(): ConflictResolver {
    return keepAll;
  }

  /** Fails unless exactly one driver of the name loaded. */
  protected override afterLoad(): void {
    const name = this.driverName;
    if (this.extensions.length === 0) {
      throw new NoMatches(`no ${this.namespace} driver found, looking for "${name}"`);
    }
    if (this.extensions.length > 1) {
      const found = this.extensions.map(
        (extension) => `"${extension.target}" from ${extension.entryPoint?.sourceLabel ?? 'test'}`
      );
      throw new MultipleMatches(
        `multiple ${this.namespace} drivers found for "${name}": ${found.join(', ')}`
      );
    }
  }
}
