/**
 * The load scope of an extension's module while it is imported, without AsyncLocalStorage.
 *
 * Running the imports inside `AsyncLocalStorage.run` turns on Node's promise hooks for the
 * rest of the process, and the module loader makes many promises per module: with 1000
 * extension modules that was a fifth of the host's start-up (see "Start-up" in
 * docs/performance.md). Instead, each module being imported is registered here with its
 * scope, and a line written while any import runs (rare) finds its scope by looking for a
 * registered module on the call stack: the module's top-level code, or any function of that
 * module it calls. Code of another module the extension imports is attributed only through
 * a registered module's frames.
 */
import type { LoadScope } from './extension-scope.js';

/** The modules being imported, by URL, with their load scope and how many imports run. */
const importing = new Map<string, { scope: LoadScope; imports: number }>();

/** `import(url)`, attributing what the module's code logs meanwhile to `scope`. */
export async function importInScope(url: string, scope: LoadScope): Promise<unknown> {
  const entry = importing.get(url);
  if (entry) entry.imports += 1;
  else importing.set(url, { scope, imports: 1 });
  try {
    return await import(url);
  } finally {
    const done = importing.get(url)!;
    done.imports -= 1;
    if (done.imports === 0) importing.delete(url);
  }
}

/** `file:` URLs of stack frames. */
const FRAME_URL = /(file:\/\/[^\s()]+?):\d+:\d+/g;

/** How deep the stack is searched: a logger's own frames come first. */
const STACK_DEPTH = 64;

/**
 * The scope of the nearest module on the call stack that is being imported, or undefined
 * (always, and at no cost, when no import runs).
 */
export function importingModuleScope(): LoadScope | undefined {
  if (importing.size === 0) return undefined;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = STACK_DEPTH;
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, importingModuleScope);
  Error.stackTraceLimit = limit;
  for (const [, url] of (holder.stack ?? '').matchAll(FRAME_URL)) {
    const found = importing.get(url!);
    if (found) return found.scope;
  }
  return undefined;
}
