/**
 * The module resolve hook that provides `wharf` to extension packages (registered by
 * `provideWharfTo`; it runs on Node's loader thread). A package that resolves `wharf` or
 * `wharf/SUBPATH` itself (its own copy, or one above its folder) keeps it; one that cannot
 * (a drop-in or installed package with `wharf` only as a peer dependency) gets the host's
 * own files, resolved by the host package's self-reference through its `exports`, so the
 * host and its extensions share one set of classes, brands and registries.
 *
 * Node resolves a bare specifier from the importing module's folder alone (the package
 * scope around it, then `node_modules` folders above it), so once a specifier failed from
 * one folder, the other modules of that folder get the host's copy without trying again:
 * a failed lookup walks every folder up to the root and builds an error with hints, and
 * a drop-in package of 1000 extension modules made it 1000 times.
 */
import type { ResolveHook } from 'node:module';

/** A module inside the host package: resolving `wharf` from here is the self-reference. */
const HOST_PARENT_URL = import.meta.url;

/** `folder URL + specifier` pairs whose own lookup found no `wharf`. */
const provided = new Set<string>();

/** True for `wharf` and `wharf/SUBPATH`. */
function namesWharf(specifier: string): boolean {
  return specifier === 'wharf' || specifier.startsWith('wharf/');
}

/** The key of a specifier imported from `parentURL`'s folder, or undefined without one. */
function folderKey(specifier: string, parentURL: string | undefined): string | undefined {
  if (parentURL === undefined) return undefined;
  return `${parentURL.slice(0, parentURL.lastIndexOf('/') + 1)} ${specifier}`;
}

/** Node's resolve hook: `wharf` falls back to the host's copy when the importer has none. */
export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  if (!namesWharf(specifier)) return nextResolve(specifier, context);
  const key = folderKey(specifier, context.parentURL);
  const fromHost = { ...context, parentURL: HOST_PARENT_URL };
  if (key !== undefined && provided.has(key)) return nextResolve(specifier, fromHost);
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    if (key !== undefined) provided.add(key);
    return nextResolve(specifier, fromHost);
  }
};
