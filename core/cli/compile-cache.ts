/**
 * Node's compile cache for the command line: on Node >= 22.1, `module.enableCompileCache`
 * keeps V8's code cache of every module compiled after it is called (wharf's own, the
 * packages it loads, the extensions), so a second `wharf` process does not compile them
 * again. It lives in `compile-cache` under wharf's cache folder (`$XDG_CACHE_HOME/wharf`).
 * Older Node has no such function and runs without it, and without importing the cache
 * folder's module (it loads `node:os`, about 14 M instructions of `wharf --help` on Node 20).
 * NODE_COMPILE_CACHE (a cache Node already enabled: the call changes nothing) and
 * NODE_DISABLE_COMPILE_CACHE keep the meaning Node gives them.
 */
import * as nodeModule from 'node:module';
import { join } from 'node:path';

type EnableCompileCache = (directory?: string) => unknown;

/** Enables the compile cache where Node has one; does nothing on Node older than 22.1. */
export async function enableCompileCache(): Promise<void> {
  const enable = (nodeModule as { enableCompileCache?: EnableCompileCache }).enableCompileCache;
  if (typeof enable !== 'function') return;
  const { wharfCacheDir } = await import('../cache-dir.js');
  enable(join(wharfCacheDir(), 'compile-cache'));
}
