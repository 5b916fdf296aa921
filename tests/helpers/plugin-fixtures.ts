/** Where the plugin fixtures live once compiled, and catalogs over them. */
import { fileURLToPath } from 'node:url';
import { EntryPointCatalog, type CatalogOptions } from '../../core/plugins/index.js';

/** The compiled fixture folder (manifest, node_modules, dropins). */
export const FIXTURES = fileURLToPath(new URL('../fixtures/plugins/', import.meta.url));

/** Discovery options over every fixture source, without the on-disk cache. */
export function fixtureDiscovery(overrides: CatalogOptions = {}): CatalogOptions {
  return {
    manifest: `${FIXTURES}entry-points.json`,
    projectRoot: FIXTURES,
    dropins: [`${FIXTURES}dropins`],
    cacheDir: null,
    ...overrides
  };
}

/** A fresh catalog over every fixture source. */
export async function givenFixtureCatalog(
  overrides: CatalogOptions = {}
): Promise<EntryPointCatalog> {
  EntryPointCatalog.clearProcessCache();
  return EntryPointCatalog.discover(fixtureDiscovery(overrides));
}
