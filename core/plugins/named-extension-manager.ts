/**
 * NamedExtensionManager: loads only the extensions whose names it is given, filtering by
 * name before anything is imported (stevedore's `named.NamedExtensionManager`).
 */
import type { Extension } from './extension.js';
import type { EntryPoint } from './entry-point.js';
import type { ManagerOptions, TestInstanceOptions } from './extension-manager-base.js';
import { ExtensionManager } from './extension-manager.js';

/** Options of a named manager. */
export interface NamedManagerOptions<T = unknown> extends ManagerOptions<T> {
  /** The names to load; no other entry point is imported. */
  names: string[];
  /** Order the extensions as `names` lists them, not in load order. Default false. */
  nameOrder?: boolean;
  /** Called with the names that did not load (absent or failed). */
  onMissingEntrypoints?: (missing: string[]) => void;
  /** Log a warning for missing names when no callback is given. Default true. */
  warnOnMissingEntrypoint?: boolean;
}

/** Loads the named extensions of a namespace. */
export class NamedExtensionManager<T = unknown, Lookup = Extension<T>> extends ExtensionManager<
  T,
  Lookup
> {
  protected constructor(
    namespace: string,
    /** The options, with the names to load. */
    protected readonly named: NamedManagerOptions<T>
  ) {
    super(namespace, named);
  }

  /** Discovers and loads the named extensions of `namespace`. */
  static override async create<T = unknown>(
    namespace: string,
    options: NamedManagerOptions<T>
  ): Promise<NamedExtensionManager<T>> {
    const manager = new NamedExtensionManager<T>(namespace, options);
    await manager.load();
    return manager;
  }

  /** A named manager holding the given extensions, with no discovery. */
  static override makeTestInstance<T = unknown>(
    extensions: Extension<T>[],
    options: TestInstanceOptions<T> & Partial<NamedManagerOptions<T>> = {}
  ): NamedExtensionManager<T> {
    const manager = new NamedExtensionManager<T>(options.namespace ?? 'TESTING', {
      ...options,
      names: options.names ?? extensions.map((extension) => extension.name)
    });
    manager.useExtensions(extensions);
    return manager;
  }

  /** Only the entry points of the names asked for. */
  protected override selectEntryPoints(entryPoints: EntryPoint[]): EntryPoint[] {
    const wanted = new Set(this.named.names);
    return entryPoints.filter((entryPoint) => wanted.has(entryPoint.name));
  }

  /** In the order of the names asked for with `nameOrder`, else as loaded. */
  protected override orderExtensions(extensions: Extension<T>[]): Extension<T>[] {
    if (!this.named.nameOrder) return extensions;
    const position = new Map(this.named.names.map((name, index) => [name, index]));
    return [...extensions].sort(
      (a, b) => (position.get(a.name) ?? 0) - (position.get(b.name) ?? 0)
    );
  }

  /** Reports (warns or fails on) the names asked for that did not load. */
  protected override afterLoad(): void {
    const missing = this.named.names.filter((name) => !this.has(name));
    if (missing.length === 0) return;
    if (this.named.onMissingEntrypoints) this.named.onMissingEntrypoints(missing);
    else if (this.named.warnOnMissingEntrypoint ?? true) {
      this.logger.warn(`could not load ${missing.join(', ')} from namespace ${this.namespace}`);
    }
  }
}

/**
 * NamedExtensionManager as the base class of the hook and driver managers, which load one
 * name and whose static factories take it instead of a list. TypeScript checks a subclass's
 * static side against its base's (Python, stevedore's language, does not), so they extend
 * the class seen through its constructor: every loading step, lookup and protected member
 * is inherited; `create` and `makeTestInstance` are their own.
 */
export const NamedManagerBase = NamedExtensionManager as unknown as abstract new <
  T,
  Lookup = Extension<T>
>(
  namespace: string,
  options: NamedManagerOptions<T>
) => NamedExtensionManager<T, Lookup>;
