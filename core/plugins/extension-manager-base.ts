/**
 * What every manager shares: the loading pipeline (list -> resolve conflicts -> select ->
 * import -> verify -> instantiate -> check -> order), failure records, lookups and the load
 * report. Subclasses override one or two steps, as stevedore's managers do.
 *
 * Loading imports modules, so it is asynchronous: build managers with their static
 * `create()` factories, which resolve once everything is loaded.
 */
import './reflect-polyfill.js';
import type { DependencyContainer } from 'tsyringe';
import { ExtensionLoadError, NoMatches } from '../errors/plugin-errors.js';
import { tsyringe } from './tsyringe-module.js';
import { entryPointScope, runLoadingSync } from '../extension-scope.js';
import { runEach, runEachAsync, type MapContext, type MapOutcome } from './map-runner.js';
import { defaultLogger, type Logger } from '../logger.js';
import { EntryPointCatalog, type CatalogOptions } from './catalog.js';
import { keepFirst, resolveConflicts, type ConflictResolver } from './conflict.js';
import { describe, EntryPointLoadError, type EntryPoint } from './entry-point.js';

export type { MapOutcome } from './map-runner.js';
import { Extension } from './extension.js';
import { isClass, isInvokable } from './plugin-kind.js';
import { describeFailure, loadFailure, type LoadFailure, type LoadPhase } from './load-failure.js';
import { loadInWaves } from './load-waves.js';
import { isPromiseLike } from '../promise-like.js';

/** Options every manager accepts. */
export interface ManagerOptions<T = unknown> {
  /**
   * Build each plugin's object on load (through the DI container). `'classes'` builds class
   * plugins only and leaves functions (factories) uncalled but requires every plugin to be
   * one or the other. Default false.
   */
  invokeOnLoad?: boolean | 'classes';
  /** Positional arguments for invoked plugins (also injectable as INVOKE_ARGS). */
  invokeArgs?: unknown[];
  /** Keyword arguments for invoked plugins (also injectable as INVOKE_KWDS). */
  invokeKwds?: Record<string, unknown>;
  /** Let errors raised inside `map` escape instead of logging them. Default false. */
  propagateMapExceptions?: boolean;
  /** Called for every load failure, after it is recorded and logged; may throw to abort. */
  onLoadFailure?: (
    manager: ExtensionManagerBase<T, any>,
    entryPoint: EntryPoint,
    error: Error
  ) => void;
  /**
   * Log each load failure at error level. Default true; false when the caller reports the
   * recorded failures itself (as `wharf check` does), so each is reported once.
   */
  logFailures?: boolean;
  /** What to do with one name declared by several sources. Default: keep the first, warn. */
  conflictResolver?: ConflictResolver;
  /** Any load failure aborts loading with ExtensionLoadError. Default false (skip it). */
  strict?: boolean;
  /** Type check of the export, before instantiation; throw to reject (phase `check`). */
  verify?: (plugin: unknown, entryPoint: EntryPoint) => void;
  /** Entry points to load from; default: discovered with `discovery`. */
  catalog?: EntryPointCatalog;
  /** Where to discover entry points when no catalog is given. */
  discovery?: CatalogOptions;
  /**
   * The host container invoked plugins are built from, or a function giving it, called only
   * when a plugin that declares injection tokens is built (so a manager of plain classes
   * never creates it); default tsyringe's root container.
   */
  container?: DependencyContainer | (() => DependencyContainer);
  /** The root logger. Default: the process logger. */
  logger?: Logger;
}

/** Options of `makeTestInstance`. */
export interface TestInstanceOptions<T = unknown> extends ManagerOptions<T> {
  /** Namespace of the test manager. Default `TESTING`. */
  namespace?: string;
}

/** How one entry point ended up. */
export type LoadStatus = 'loaded' | 'failed' | 'disabled';

/** One row of a load report (what `wharf extensions list` prints). */
export interface LoadReportEntry {
  /** The entry point's namespace. */
  namespace: string;
  /** The entry point's name. */
  name: string;
  /** The `module:export` text of the entry point. */
  target: string;
  /** Where the entry point was declared. */
  source: string;
  /** How it ended up. */
  status: LoadStatus;
  /** `phase: message` of the failure, or null. */
  error: string | null;
}

/** The manager core. `Lookup` is what `get(name)` returns (a list for hook managers). */
export abstract class ExtensionManagerBase<T = unknown, Lookup = Extension<T>> implements Iterable<
  Extension<T>
> {
  /** Load failures, in the order they happened. */
  readonly failures: LoadFailure[] = [];
  /** Extensions that loaded but whose enabled check returned false. */
  readonly disabled: Extension<T>[] = [];
  /** The loaded and enabled extensions, in order. */
  protected extensions: Extension<T>[] = [];
  private attempted: EntryPoint[] = [];

  protected constructor(
    /** The namespace this manager loads. */
    readonly namespace: string,
    /** How the manager loads and calls its extensions. */
    protected readonly options: ManagerOptions<T> = {}
  ) {}

  /** The root logger: the options' one, else the process logger, built when first needed. */
  protected get logger(): Logger {
    return this.options.logger ?? defaultLogger();
  }

  /** Runs the loading pipeline. Called once by `create()`. */
  protected async load(): Promise<void> {
    const catalog =
      this.options.catalog ?? (await EntryPointCatalog.discover(this.options.discovery));
    const resolver = this.options.conflictResolver ?? this.defaultConflictResolver();
    const candidates = resolveConflicts(catalog.list(this.namespace), resolver, () => this.logger);
    this.attempted = this.selectEntryPoints(candidates);
    const invoker = await this.invoker();
    const loaded = await loadInWaves(this.attempted, (entryPoint) =>
      this.loadOne(entryPoint, invoker)
    );
    this.extensions = this.orderExtensions(
      loaded.filter((extension): extension is Extension<T> => extension !== null)
    );
    this.afterLoad();
  }

  /** Installs hand-built extensions (test instances). */
  protected useExtensions(extensions: Extension<T>[]): void {
    this.extensions = this.orderExtensions([...extensions]);
  }

  /** The resolver used when the options name none. */
  protected defaultConflictResolver(): ConflictResolver {
    return keepFirst;
  }

  /** Chooses which entry points to load, before anything is imported. Default: all. */
  protected selectEntryPoints(entryPoints: EntryPoint[]): EntryPoint[] {
    return entryPoints;
  }

  /** Orders the loaded extensions. Default: load (source) order. */
  protected orderExtensions(extensions: Extension<T>[]): Extension<T>[] {
    return extensions;
  }

  /** Runs after loading; subclasses check counts or report missing names. */
  protected afterLoad(): void {}

  /**
   * Whether a loaded (and instantiated) extension is kept: false records it as disabled,
   * throwing fails it in phase `check`. Default: every one (EnabledExtensionManager checks).
   */
  protected isEnabled(_extension: Extension<T>): boolean {
    return true;
  }

  /**
   * How this manager invokes plugins, or null when it invokes none. The DI layer (tsyringe)
   * is loaded by the first plugin built that declares injection tokens.
   */
  private async invoker(): Promise<((plugin: Function, entryPoint: EntryPoint) => T) | null> {
    if ((this.options.invokeOnLoad ?? false) === false) return null;
    const { instantiate } = await import('./instantiate.js');
    // Asked for when a class first declares injections: a container provider (namespace
    // profiles) or the root container then loads tsyringe, and plain classes never do.
    const given = this.options.container;
    const container = (): DependencyContainer =>
      typeof given === 'function' ? given() : (given ?? tsyringe().container);
    return (plugin, entryPoint) =>
      instantiate(plugin, entryPoint, {
        container,
        logger: this.logger,
        invokeArgs: this.options.invokeArgs ?? [],
        invokeKwds: this.options.invokeKwds
      }) as T;
  }

  /**
   * Imports an entry point (its module's lines carry its load scope: import-scope.ts), then
   * checks, builds and keeps it in its load scope, synchronously.
   */
  private async loadOne(
    entryPoint: EntryPoint,
    invoke: ((plugin: Function, entryPoint: EntryPoint) => T) | null
  ): Promise<Extension<T> | null> {
    let plugin: unknown;
    try {
      plugin = await entryPoint.load();
    } catch (error) {
      return this.fail(
        entryPoint,
        error instanceof EntryPointLoadError ? error.phase : 'import',
        error
      );
    }
    return runLoadingSync(entryPointScope(entryPoint), () =>
      this.buildOne(entryPoint, plugin, invoke)
    );
  }

  /** Checks and builds a loaded plugin; a plugin function's promise is awaited. */
  private buildOne(
    entryPoint: EntryPoint,
    plugin: unknown,
    invoke: ((plugin: Function, entryPoint: EntryPoint) => T) | null
  ): Extension<T> | null | Promise<Extension<T> | null> {
    const mode = this.options.invokeOnLoad ?? false;
    try {
      this.options.verify?.(plugin, entryPoint);
      if (mode !== false && !isInvokable(plugin)) {
        throw new TypeError(
          `${entryPoint.target} is ${describeType(plugin)}, not a class or function`
        );
      }
    } catch (error) {
      return this.fail(entryPoint, 'check', error);
    }
    let obj: T | undefined;
    if (invoke && (mode === true || (mode === 'classes' && isClass(plugin as Function)))) {
      try {
        obj = invoke(plugin as Function, entryPoint);
      } catch (error) {
        return this.fail(entryPoint, 'instantiate', error);
      }
      if (isPromiseLike(obj))
        return this.keepWhenSettled(entryPoint, plugin, obj as PromiseLike<T>);
    }
    return this.keep(entryPoint, plugin, obj);
  }

  private async keepWhenSettled(
    entryPoint: EntryPoint,
    plugin: unknown,
    pending: PromiseLike<T>
  ): Promise<Extension<T> | null> {
    let obj: T;
    try {
      obj = await pending;
    } catch (error) {
      return this.fail(entryPoint, 'instantiate', error);
    }
    return runLoadingSync(entryPointScope(entryPoint), () => this.keep(entryPoint, plugin, obj));
  }

  /** Keeps a built extension unless its enabled check says otherwise. */
  private keep(entryPoint: EntryPoint, plugin: unknown, obj: T | undefined): Extension<T> | null {
    const extension = new Extension<T>(entryPoint.name, entryPoint, plugin, obj);
    try {
      if (!this.isEnabled(extension)) {
        this.disabled.push(extension);
        return null;
      }
    } catch (error) {
      return this.fail(entryPoint, 'check', error);
    }
    return extension;
  }

  private fail(entryPoint: EntryPoint, phase: LoadPhase, thrown: unknown): null {
    const error = thrown instanceof Error ? thrown : new Error(describe(thrown));
    const failure = loadFailure(entryPoint, phase, error);
    this.failures.push(failure);
    if (this.options.logFailures !== false) this.logger.error(describeFailure(failure));
    this.options.onLoadFailure?.(this, entryPoint, error);
    if (this.options.strict)
      throw new ExtensionLoadError(describeFailure(failure), { cause: error });
    return null;
  }

  /** Names of the loaded extensions, in order. */
  names(): string[] {
    return this.extensions.map((extension) => extension.name);
  }

  /** True when an extension of that name is loaded. */
  has(name: string): boolean {
    return this.extensions.some((extension) => extension.name === name);
  }

  /** The loaded extension of that name; throws NoMatches when there is none. */
  get(name: string): Lookup {
    const extension = this.extensions.find((candidate) => candidate.name === name);
    if (!extension)
      throw new NoMatches(`no extension named "${name}" in namespace ${this.namespace}`);
    return extension as Lookup;
  }

  /** `[name, extension]` pairs, in order. */
  items(): [string, Extension<T>][] {
    return this.extensions.map((extension) => [extension.name, extension]);
  }

  /** How many extensions loaded. */
  get size(): number {
    return this.extensions.length;
  }

  /** Iterates the loaded extensions in load order. */
  [Symbol.iterator](): Iterator<Extension<T>> {
    return this.extensions[Symbol.iterator]();
  }

  /** One row per entry point this manager tried, with its status and error. */
  report(): LoadReportEntry[] {
    const failures = new Map(
      this.failures.map((failure) => [`${failure.name}\0${failure.target}`, failure])
    );
    const disabled = new Set(this.disabled.map((extension) => extension.entryPoint));
    return this.attempted.map((entryPoint) => {
      const failure = failures.get(`${entryPoint.name}\0${entryPoint.target}`);
      const status: LoadStatus = failure
        ? 'failed'
        : disabled.has(entryPoint)
          ? 'disabled'
          : 'loaded';
      return {
        namespace: entryPoint.namespace,
        name: entryPoint.name,
        target: entryPoint.target,
        source: entryPoint.sourceLabel,
        status,
        error: failure ? `${failure.phase}: ${failure.message.replace(/\s+/g, ' ')}` : null
      };
    });
  }

  /** Calls `func` for each of `extensions` (see map-runner.ts). */
  protected invokeEach<R>(
    extensions: Extension<T>[],
    func: (extension: Extension<T>, ...args: unknown[]) => R,
    args: unknown[]
  ): R[] {
    return runEach(this.mapContext(), extensions, func, args);
  }

  /** Runs `func` for each of `extensions` concurrently (see map-runner.ts). */
  protected invokeEachAsync<R>(
    extensions: Extension<T>[],
    func: (extension: Extension<T>, ...args: unknown[]) => R | Promise<R>,
    args: unknown[]
  ): Promise<MapOutcome<R>[]> {
    return runEachAsync(this.mapContext(), extensions, func, args);
  }

  private mapContext(): MapContext {
    return {
      namespace: this.namespace,
      loaded: this.extensions.length,
      propagate: this.options.propagateMapExceptions ?? false,
      logger: this.logger
    };
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
