/**
 * Finds paste factories among the discovered entry points:
 * - `use = NAME`: entry point NAME of the kind's namespace (`wharf.filters`, `wharf.apps`,
 *   `wharf.composites`), from any package;
 * - `use = egg:DIST#NAME`: entry point NAME of package DIST (`wharf` is the project's own
 *   manifest), else the alias `egg:DIST#NAME` (paste's own `egg:Paste#urlmap`, say);
 * - Python names (`call:`, `paste.*_factory`): the alias of that name in
 *   `wharf.paste.filter_factory`, `wharf.paste.app_factory` or
 *   `wharf.paste.composite_factory`, whose target is the wharf factory it maps onto.
 *
 * Each factory found runs, when the pipeline is built, in the load scope of its entry
 * point, as its module's import did: the lines it logs while building its middleware or
 * app carry `extension` (the entry point's name) and `entryPoint`.
 */
import { entryPointScope, runLoading } from '../extension-scope.js';
import type { Logger } from '../logger.js';
import { DriverManager, type EntryPoint, type EntryPointCatalog } from '../plugins/index.js';
import { ALIAS_NAMESPACES, KIND_NAMESPACES, type FactoryResolver } from './types.js';

type Factory = Awaited<ReturnType<FactoryResolver>>;

/** The distribution name `egg:` uses for an entry point's package. */
export function distributionOf(entryPoint: EntryPoint): string | undefined {
  return entryPoint.source.kind === 'project' ? 'wharf' : entryPoint.source.packageName;
}

/** A resolver over `catalog`; a missing name rejects with the plugin layer's error. */
export function entryPointResolver(catalog: EntryPointCatalog, logger: Logger): FactoryResolver {
  const driver = async (namespace: string, name: string): Promise<Factory> => {
    const manager = await DriverManager.create<never>(namespace, { name, catalog, logger });
    const [extension] = manager;
    const entryPoint = extension?.entryPoint;
    return entryPoint ? inLoadScope(manager.driver, entryPoint) : manager.driver;
  };
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
        if (own) return inLoadScope((await own.load()) as Factory, own);
        return driver(ALIAS_NAMESPACES[kind], `egg:${ref.dist}#${name}`);
      }
    }
  };
}

/** The scoped wrapper of each factory, per entry point: resolving twice gives one function. */
const scopedFactories = new WeakMap<Function, WeakMap<EntryPoint, Factory>>();

/**
 * `factory`, called in the load scope of `entryPoint`; what it declares (`options`,
 * `references`, `trustsClaimedIdentity`) is kept. The same factory and entry point always
 * give the same wrapper, so a caller can tell which sections a factory builds by identity
 * (`filtersInUse`). What is not a function is returned as is, for the builder to refuse.
 */
function inLoadScope(factory: Factory, entryPoint: EntryPoint): Factory {
  if (typeof factory !== 'function') return factory;
  let byEntryPoint = scopedFactories.get(factory);
  if (!byEntryPoint) scopedFactories.set(factory, (byEntryPoint = new WeakMap()));
  let scoped = byEntryPoint.get(entryPoint);
  if (!scoped) {
    const scope = entryPointScope(entryPoint);
    const call = (context: never) => runLoading(scope, () => factory(context));
    byEntryPoint.set(entryPoint, (scoped = Object.assign(call, factory)));
  }
  return scoped;
}
