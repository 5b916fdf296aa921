/**
 * The reference child process of the load-extensions benchmark: the same extensions loaded
 * without wharf. It imports wharf's plugin layer first, as load-runner.ts does, so both
 * processes start from the same state (Node's loader equally warmed up), then reads the
 * manifest with `JSON.parse`, imports every module at once with `import()` and calls `new`
 * on each export: the floor set by Node's module loader on this machine, which wharf's
 * figure is divided by. Prints the same JSON line as load-runner.ts.
 *
 * Usage: node bare-import-runner.js MANIFEST NAMESPACE
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { LoadTimings } from './load-runner.js';

const [manifest, namespace] = process.argv.slice(2);
if (!manifest || !namespace) throw new Error('usage: bare-import-runner.js MANIFEST NAMESPACE');

const started = performance.now();
await import('../../core/plugins/index.js');
const imported = performance.now();
const declared = JSON.parse(await readFile(manifest, 'utf8')) as Record<
  string,
  Record<string, string>
>;
const targets = Object.values(declared[namespace] ?? {}).map((target) => {
  const [modulePart, exportName] = target.split(':') as [string, string];
  return { url: pathToFileURL(resolve(dirname(manifest), modulePart)).href, exportName };
});
const discovered = performance.now();
const objects = await Promise.all(
  targets.map(async ({ url, exportName }) => {
    const module = (await import(url)) as Record<string, new () => unknown>;
    return new module[exportName]!();
  })
);
const loaded = performance.now();

const timings: LoadTimings = {
  loaded: objects.length,
  failures: 0,
  importMs: imported - started,
  discoverMs: discovered - imported,
  loadMs: loaded - discovered,
  totalMs: loaded - imported,
  processMs: loaded
};
process.stdout.write(`${JSON.stringify(timings)}\n`);
