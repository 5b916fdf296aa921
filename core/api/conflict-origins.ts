/**
 * Conflicts name where each side came from: an alias, collection, action or route conflict
 * names the extensions involved, and this adds the package folder each was declared in, so
 * an operator knows which two packages to look at.
 */
import { dirname, isAbsolute } from 'node:path';
import { ExtensionConflictError, RouteConflictError } from '../errors.js';
import type { Extension } from '../plugins/index.js';
import type { APIExtensionBase } from './extension-base.js';

/** The same conflict error with each side's package folder named; other errors unchanged. */
export function withPackageFolders(
  error: unknown,
  extensions: readonly Extension<APIExtensionBase>[]
): unknown {
  if (!(error instanceof ExtensionConflictError || error instanceof RouteConflictError))
    return error;
  // Errors name entry points (alias conflicts) or aliases (the others): entry-point names
  // first, so an alias equal to another extension's entry-point name cannot hide it.
  const folders = new Map<string, string>();
  const declared = extensions.flatMap((extension) => {
    const file = extension.entryPoint?.source.file;
    return file !== undefined && isAbsolute(file) ? [{ extension, folder: dirname(file) }] : [];
  });
  for (const { extension, folder } of declared) folders.set(extension.name, folder);
  for (const { extension, folder } of declared) {
    if (extension.obj && !folders.has(extension.obj.alias))
      folders.set(extension.obj.alias, folder);
  }
  const named = [...new Set(error.extensions)]
    .filter((name) => folders.has(name))
    .map((name) => `${name} from ${folders.get(name)}`);
  if (named.length === 0) return error;
  const Conflict = error.constructor as typeof ExtensionConflictError;
  return new Conflict(`${error.message} (${named.join('; ')})`, error.extensions);
}
