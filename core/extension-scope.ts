/**
 * The extension scope: which extension's code is running, for which request. The API router
 * runs every request's handler in the scope of the extension that owns it, and each pre- or
 * post-processor of another extension in that extension's scope (AsyncLocalStorage), so
 * whatever that code starts — promises, timers, log lines — carries the scope with it. Log
 * lines are stamped with it (see logger.ts), an unhandled rejection or an uncaught exception
 * is attributed through it, and a fault found there is counted against the extension.
 *
 * One `AsyncLocalStorage.run` per request, plus one per processor of another extension.
 *
 * Start-up has a scope of its own, the load scope: which extension's module, constructor,
 * registration hooks (`getResources`, `getControllerExtensions`) or `prepare()` runs. It
 * has no request and blames no faults; log lines are stamped with it (see logger.ts).
 * Synchronous phases (construction, registration hooks) hold it in a variable for the
 * call (`runLoadingSync`), module imports register their module (import-scope.ts), and only
 * asynchronous phases (`prepare()`, paste factories) use AsyncLocalStorage: once any
 * AsyncLocalStorage runs, every promise of the process pays Node's promise hook, and the
 * module loader makes many promises per module.
 *
 * Both scopes share one AsyncLocalStorage, whose store is either an ExtensionScope or a
 * LoadScope: on Node 20 every async resource pays once per enabled storage, so a second
 * storage, for a load scope that is empty while requests run, doubled that cost (see
 * docs/performance.md). An extension scope wins over a load scope, as it does in log lines:
 * a load scope started inside one leaves it in place, and one started inside a load scope
 * replaces it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestContext } from './context.js';
import { importingModuleScope } from './import-scope.js';

/** Why an extension is blamed for a fault. */
export type FaultKind = 'error' | 'deadline' | 'rejection' | 'exception';

/** Where the faults of an extension are counted (the API router's ExtensionHealth). */
export interface FaultRecorder {
  /** Counts one fault of `extension`. */
  recordFault(extension: string, kind: FaultKind, requestId: string | null): void;
}

/** The extension whose code runs, the request it serves and where its faults count. */
export class ExtensionScope {
  /**
   * @param extension alias of the extension whose code runs
   * @param context the request it serves
   * @param faults where a fault of this code is counted
   */
  constructor(
    readonly extension: string,
    readonly context: RequestContext,
    readonly faults: FaultRecorder
  ) {}
}

/**
 * The extension whose code runs at start-up. `extension` is the entry point's name while
 * its module is imported and its object built, and the API extension's alias from then on
 * (its registration hooks, `prepare()`), the name its request lines carry.
 */
export interface LoadScope {
  extension: string;
  /** `namespace:name` of the entry point, where the loader knows it. */
  entryPoint?: string;
}

/** The scope of the running code's asynchronous context, extension or load. */
const storage = new AsyncLocalStorage<ExtensionScope | LoadScope>();

/** The load scope of an entry point's extension, named `extension` (default: the entry point's name). */
export function entryPointScope(
  entryPoint: { namespace: string; name: string },
  extension: string = entryPoint.name
): LoadScope {
  return { extension, entryPoint: `${entryPoint.namespace}:${entryPoint.name}` };
}

/**
 * Runs `fn` in a load scope; what it starts, awaits included, inherits it. For asynchronous
 * phases (`prepare()`, paste factories); see `runLoadingSync` for synchronous ones.
 */
export function runLoading<R>(scope: LoadScope, fn: () => R): R {
  return currentScope() === undefined ? storage.run(scope, fn) : fn();
}

let synchronousScope: LoadScope | undefined;

/**
 * Runs the synchronous `fn` in a load scope, which ends when `fn` returns: for construction
 * and registration hooks, without turning on AsyncLocalStorage (see the module comment).
 */
export function runLoadingSync<R>(scope: LoadScope, fn: () => R): R {
  const outer = synchronousScope;
  synchronousScope = scope;
  try {
    return fn();
  } finally {
    synchronousScope = outer;
  }
}

/** The load scope of the code running now, or undefined. */
export function currentLoadScope(): LoadScope | undefined {
  if (synchronousScope !== undefined) return synchronousScope;
  const store = storage.getStore();
  if (store !== undefined && !(store instanceof ExtensionScope)) return store;
  return importingModuleScope();
}

/** Runs `fn(...args)` in `scope`; everything it starts, synchronous or not, inherits it. */
export function runInScope<A extends unknown[], R>(
  scope: ExtensionScope,
  fn: (...args: A) => R,
  ...args: A
): R {
  return storage.run(scope, fn, ...args);
}

/**
 * Runs `fn` outside any extension scope: for shared timers that must not inherit a request's.
 * Called in a load scope (no request, no faults), it keeps it.
 */
export function runOutsideScopes<R>(fn: () => R): R {
  return currentScope() === undefined ? fn() : storage.exit(fn);
}

/** The scope of the code running now, or undefined outside any extension's request code. */
export function currentScope(): ExtensionScope | undefined {
  const store = storage.getStore();
  return store instanceof ExtensionScope ? store : undefined;
}

/**
 * The alias of the extension whose code is running now, or null. Call it from an
 * `uncaughtException` or `unhandledRejection` listener: Node runs those in the context of
 * the code that threw or created the promise, so this names the culprit.
 */
export function currentExtension(): string | null {
  return currentScope()?.extension ?? null;
}

/**
 * Blames the extension of the current scope for a fault (counted towards its quarantine)
 * and returns its alias and request id, or null outside any scope.
 */
export function blameCurrentExtension(
  kind: FaultKind
): { extension: string; requestId: string } | null {
  const scope = currentScope();
  if (scope === undefined) return null;
  scope.faults.recordFault(scope.extension, kind, scope.context.requestId);
  return { extension: scope.extension, requestId: scope.context.requestId };
}
