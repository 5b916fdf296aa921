/**
 * The drop-in packages a check looks at one by one: the folders of the packages that declare
 * entry points and lie in (or are) one of the given drop-in folders, and what of the
 * assembled API each one contributes.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import type { APIRouter } from '../api/api-router.js';
import type { EntryPointCatalog, Extension } from '../plugins/index.js';
import type { APIExtensionBase } from '../api/extension-base.js';

/** Package folders of the drop-in entry points under `dirs`, sorted, each once. */
export function dropinPackageDirs(catalog: EntryPointCatalog, dirs: readonly string[]): string[] {
  const roots = dirs.map((dir) => resolve(dir));
  const found = new Set<string>();
  for (const namespace of catalog.namespaces()) {
    for (const { source } of catalog.list(namespace)) {
      const packageDir = dirname(source.file);
      if (source.kind === 'dropin' && roots.some((root) => isInside(packageDir, root)))
        found.add(packageDir);
    }
  }
  return [...found].sort();
}

/** The API extensions (loaded or disabled) whose entry points the package in `dir` declares. */
export function apiExtensionsOf(router: APIRouter, dir: string): Extension<APIExtensionBase>[] {
  return [...router.items().map(([, extension]) => extension), ...router.disabled].filter(
    (extension) =>
      extension.entryPoint?.source.kind === 'dropin' &&
      dirname(extension.entryPoint.source.file) === resolve(dir)
  );
}

function isInside(path: string, root: string): boolean {
  const inside = relative(root, path);
  return inside === '' || (!inside.startsWith(`..${sep}`) && inside !== '..');
}
