/**
 * The extension scope: which extension's code is running, for which request. The API router
 * runs every request's handler in the scope of the extension that owns it, and each pre- or
 * post-processor of another extension in that extension's scope (AsyncLocalStorage), so
 * whatever that code starts — promises, timers, log lines — carries the scope with it. Log
 * lines are stamped with it (see logger.ts), an unhandled rejection or an uncaught exception
 * is attributed through it, and a fault found there is counted against the extension.
 *
 * One `AsyncLocalStorage.run` per request, plus one per processor of another extension.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestContext } from './context.js';

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

const storage = new AsyncLocalStorage<ExtensionScope>();

/** Runs `fn(...args)` in `scope`; everything it starts, synchronous or not, inherits it. */
export function runInScope<A extends unknown[], R>(
  scope: ExtensionScope,
  fn: (...args: A) => R,
  ...args: A
): R {
  return storage.run(scope, fn, ...args);
}

/** Runs `fn` outside any scope: for shared timers that must not inherit a request's. */
export function runOutsideScopes<R>(fn: () => R): R {
  return storage.exit(fn);
}

/** The scope of the code running now, or undefined outside any extension's request code. */
export function currentScope(): ExtensionScope | undefined {
  return storage.getStore();
}

/**
 * The alias of the extension whose code is running now, or null. Call it from an
 * `uncaughtException` or `unhandledRejection` listener: Node runs those in the context of
 * the code that threw or created the promise, so this names the culprit.
 */
export function currentExtension(): string | null {
  return storage.getStore()?.extension ?? null;
}

/**
 * Blames the extension of the current scope for a fault (counted towards its quarantine)
 * and returns its alias and request id, or null outside any scope.
 */
export function blameCurrentExtension(
  kind: FaultKind
): { extension: string; requestId: string } | null {
  const scope = storage.getStore();
  if (scope === undefined) return null;
  scope.faults.recordFault(scope.extension, kind, scope.context.requestId);
  return { extension: scope.extension, requestId: scope.context.requestId };
}
