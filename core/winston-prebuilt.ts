/**
 * winston from one file the build writes (scripts/prebuilt-packages.mjs bundles the installed
 * winston, logform, winston-transport, triple-beam and readable-stream, with what they require,
 * into `dist/core/winston-prebuilt.cjs`): Node's loader resolved, read and compiled about 85
 * files one by one when wharf built its root logger.
 *
 * Extensions get wharf's loggers, whose objects are those packages' (a logger is a
 * readable-stream `Transform` and winston's `Logger`, its transports winston-transport's),
 * so the bundle's copy of each package is registered in `require.cache` as that package's
 * main module: a later `require('winston')` or `import 'winston'` (of the same installed
 * package) gets the very objects wharf's loggers are made of, as when wharf required the
 * package. A process that already loaded a file of any of the five gets the packages
 * themselves, so there is never a second copy of one beside the first.
 */
import { createRequire, Module } from 'node:module';
import { sep } from 'node:path';
import type winston from 'winston';

const require = createRequire(import.meta.url);

/** The packages the bundle holds, each registered as its own main module. */
const PACKAGES = ['winston', 'logform', 'winston-transport', 'triple-beam', 'readable-stream'];

/**
 * winston, from the prebuilt bundle when this process has loaded none of the bundled
 * packages' files (registering them for later `require`s), else from the package.
 */
export function requireWinston(): typeof winston {
  const mains = PACKAGES.map((name) => require.resolve(name));
  const folders = PACKAGES.map((name, i) => packageFolder(name, mains[i]!));
  const loaded = Object.keys(require.cache);
  if (
    folders.includes(undefined) ||
    loaded.some((file) => folders.some((folder) => file.startsWith(folder!)))
  ) {
    return require('winston') as typeof winston;
  }
  const bundle = require('./winston-prebuilt.cjs') as Record<string, unknown>;
  PACKAGES.forEach((name, i) => register(mains[i]!, bundle[name]));
  return bundle.winston as typeof winston;
}

/** The folder of package `name` (ending in a separator), from its main module's path. */
function packageFolder(name: string, main: string): string | undefined {
  const marker = `${sep}node_modules${sep}${name.replaceAll('/', sep)}${sep}`;
  const at = main.lastIndexOf(marker);
  return at === -1 ? undefined : main.slice(0, at + marker.length);
}

/** Puts `exports` in the module cache as the loaded module of `file`. */
function register(file: string, exports: unknown): void {
  const module = new Module(file);
  module.filename = file;
  module.exports = exports;
  module.loaded = true;
  require.cache[file] = module;
}
