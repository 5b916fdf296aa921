/**
 * The child process of the load-extensions benchmark, run fresh for every measurement:
 * imports wharf's plugin layer, discovers a generated manifest (no on-disk cache) and
 * loads its namespace with `invokeOnLoad`, then prints its timings as one JSON line.
 *
 * Usage: node load-runner.js MANIFEST NAMESPACE
 */
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';

/** What the runner prints. */
export interface LoadTimings {
  /** Extensions loaded and load failures recorded. */
  loaded: number;
  failures: number;
  /** Importing `dist/core/plugins/index.js` (its dependencies included). */
  importMs: number;
  /** `EntryPointCatalog.discover` with `cacheDir: null`. */
  discoverMs: number;
  /** `ExtensionManager.create(namespace, { catalog, invokeOnLoad: true })`. */
  loadMs: number;
  /** Discovery plus loading: what grows with the number of extensions. */
  totalMs: number;
  /** From the process's start to the end of loading. */
  processMs: number;
}

const [manifest, namespace] = process.argv.slice(2);
if (!manifest || !namespace) throw new Error('usage: load-runner.js MANIFEST NAMESPACE');

const started = performance.now();
const plugins = await import('../../core/plugins/index.js');
const imported = performance.now();
const catalog = await plugins.EntryPointCatalog.discover({
  manifest,
  projectRoot: dirname(manifest),
  cacheDir: null
});
const discovered = performance.now();
const manager = await plugins.ExtensionManager.create(namespace, { catalog, invokeOnLoad: true });
const loaded = performance.now();

const timings: LoadTimings = {
  loaded: manager.size,
  failures: manager.failures.length,
  importMs: imported - started,
  discoverMs: discovered - imported,
  loadMs: loaded - discovered,
  totalMs: loaded - imported,
  processMs: loaded
};
process.stdout.write(`${JSON.stringify(timings)}\n`);
