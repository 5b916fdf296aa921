/**
 * Finds paste factories among the discovered entry points:
 * - `use = NAME`: entry point NAME of the kind's namespace (`wharf.filters`, `wharf.apps`,
 *   `wharf.composites`), from any package;
 * - `use = egg:DIST#NAME`: entry point NAME of package DIST (`wharf` is the project's own
 *   manifest), else the alias `egg:DIST#NAME` (paste's own `egg:Paste#urlmap`, say);
 * - Python names (`call:`, `paste.*_factory`): the alias of that name in
 *   `wharf.paste.filter_factory`, `wharf.paste.app_factory` or
 *   `wharf.paste.composite_factory`, whose target is the wharf factory it maps onto.
 */
import type { Logger } from '../logger.js';
import { DriverManager, type EntryPoint, type EntryPointCatalog } from '../plugins/index.js';
import { ALIAS_NAMESPACES, KIND_NAMESPACES, type FactoryResolver } from './types.js';

/** The distribution name `egg:` uses for an entry point's package. */
export function distributionOf(entryPoint: EntryPoint): string | undefined {
  return entryPoint.source.kind === 'project' ? 'wharf' : entryPoint.source.packageName;
}

/** A resolver over `catalog`; a missing name rejects with the plugin layer's error. */
export function entryPointResolver(catalog: EntryPointCatalog, logger: Logger): FactoryResolver {
  const driver = async (namespace: string, name: string) =>
    (await DriverManager.create<never>(namespace, { name, catalog, logger })).driver;
  return async (kind, name, ref) => {
    switch (ref.scheme) {
      case 'entry':
        return driver(KIND_NAMESPACES[kind], name);
      case 'python':
        return driver(ALIAS_NAMESPACES[kind], name);
      case 'egg': {
        const own = catalog
          .list(KIND_NAMESPACES[kind])
          .find(
            (entryPoint) => entryPoint.name === name && distributionOf(entryPoint) === ref.dist
          );
        if (own) return (await own.load()) as never;
        return driver(ALIAS_NAMESPACES[kind], `egg:${ref.dist}#${name}`);
      }
    }
  };
}
