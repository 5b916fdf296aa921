/**
 * Child process of the isolated import check: imports every entry point of one package (the
 * folder in argv[2]) in a fresh process that has loaded nothing of wharf but the resolve hook
 * and the catalog, and prints an IsolatedImportFailure for each that failed. A module
 * that imports only because the host loaded something before it (reflect-metadata, a global)
 * fails here.
 */
import { EntryPointCatalog } from '../plugins/catalog.js';

const catalog = await EntryPointCatalog.discover({
  manifest: null,
  scanNodeModules: false,
  dropins: [process.argv[2]!],
  cacheDir: null
});
/** One entry point that failed to import; `source` is its EntryPoint.sourceLabel. */
export interface IsolatedImportFailure {
  namespace: string;
  name: string;
  source: string;
  message: string;
}

const failures: IsolatedImportFailure[] = [];
for (const namespace of catalog.namespaces()) {
  for (const entryPoint of catalog.list(namespace)) {
    try {
      await entryPoint.load();
    } catch (error) {
      const { name, sourceLabel: source } = entryPoint;
      failures.push({ namespace, name, source, message: (error as Error).message });
    }
  }
}
process.stdout.write(JSON.stringify(failures));
