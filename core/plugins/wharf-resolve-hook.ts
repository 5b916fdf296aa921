/**
 * The module resolve hook that provides `wharf` to extension packages (registered by
 * `provideWharfTo`; it runs on Node's loader thread). A package that resolves `wharf` or
 * `wharf/SUBPATH` itself (its own copy, or one above its folder) keeps it; one that cannot
 * (a drop-in or installed package with `wharf` only as a peer dependency) gets the host's
 * own files, resolved by the host package's self-reference through its `exports`, so the
 * host and its extensions share one set of classes, brands and registries.
 */
import type { ResolveHook } from 'node:module';

/** A module inside the host package: resolving `wharf` from here is the self-reference. */
const HOST_PARENT_URL = import.meta.url;

/** True for `wharf` and `wharf/SUBPATH`. */
function namesWharf(specifier: string): boolean {
  return specifier === 'wharf' || specifier.startsWith('wharf/');
}

/** Node's resolve hook: `wharf` falls back to the host's copy when the importer has none. */
export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  if (!namesWharf(specifier)) return nextResolve(specifier, context);
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return nextResolve(specifier, { ...context, parentURL: HOST_PARENT_URL });
  }
};
