/**
 * Finding manifests, in order: the project manifest, every installed package under
 * `node_modules` (scoped ones too) whose package.json has `"wharf": { "entryPoints" }`, and
 * every `*\/package.json` of the same form in each drop-in folder (found with glob), and
 * the drop-in folder's own package.json when the folder is itself such a package.
 *
 * The project manifest is the operator's own: if it is unreadable or invalid, discovery
 * fails. A bad installed or drop-in package is recorded as a problem and the others go on.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { WharfError } from '../errors/wharf-error.js';
import { ManifestError } from '../errors/plugin-errors.js';
import type { EntryPoint, EntryPointSource } from './entry-point.js';
import { isPlainObject, parseManifest, parseManifestText } from './manifest.js';

/** Where to look for entry points. */
export interface DiscoveryOptions {
  /** The project manifest; `null` for none. Default: wharf's bundled manifest. */
  manifest?: string | null;
  /** Folder whose `node_modules` is scanned; default the working directory. */
  projectRoot?: string;
  /** Scan installed packages; default true. */
  scanNodeModules?: boolean;
  /** Drop-in folders holding packages (`DIR/*\/package.json`), or being one. */
  dropins?: string[];
}

/** What discovery found: entry points in source order, problems, and the files it read. */
export interface DiscoveryResult {
  entryPoints: EntryPoint[];
  /** Bad installed or drop-in manifests; each names its file. */
  problems: WharfError[];
  /** Every file and folder whose change must invalidate a cache, with its mtime. */
  stamps: Record<string, number>;
}

/** The manifest shipped with wharf (the bundled extensions), in the compiled output. */
export const BUNDLED_MANIFEST = resolve(
  dirname(new URL(import.meta.url).pathname),
  '../../entry-points.json'
);

/** Fills the defaults of discovery options with absolute paths. */
export function resolveDiscoveryOptions(
  options: DiscoveryOptions = {}
): Required<DiscoveryOptions> {
  return {
    manifest: options.manifest === null ? null : resolve(options.manifest ?? BUNDLED_MANIFEST),
    projectRoot: resolve(options.projectRoot ?? process.cwd()),
    scanNodeModules: options.scanNodeModules ?? true,
    dropins: (options.dropins ?? []).map((dir) => resolve(dir))
  };
}

/** Reads every source and returns its entry points; see the module comment for the rules. */
export async function discover(options: Required<DiscoveryOptions>): Promise<DiscoveryResult> {
  const result: DiscoveryResult = { entryPoints: [], problems: [], stamps: {} };
  if (options.manifest !== null) await readProjectManifest(options.manifest, result);
  if (options.scanNodeModules) {
    await scanPackages(
      await installedPackageFiles(join(options.projectRoot, 'node_modules'), result),
      'installed',
      result
    );
  }
  for (const dir of options.dropins) {
    await stampFolder(dir, result);
    const files = (await globPackageFiles(dir)).sort();
    await scanPackages(files, 'dropin', result);
  }
  return result;
}

async function readProjectManifest(file: string, result: DiscoveryResult): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
    result.stamps[file] = (await stat(file)).mtimeMs;
  } catch (error) {
    throw new ManifestError(
      file,
      `cannot read the manifest: ${(error as NodeJS.ErrnoException).code ?? error}`,
      { cause: error }
    );
  }
  result.entryPoints.push(...parseManifestText(text, dirname(file), { kind: 'project', file }));
}

/** package.json files of every package in node_modules, scopes included, sorted. */
async function installedPackageFiles(
  nodeModules: string,
  result: DiscoveryResult
): Promise<string[]> {
  const top = await stampFolder(nodeModules, result);
  const files: string[] = [];
  for (const entry of top) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      for (const scoped of await stampFolder(join(nodeModules, entry), result)) {
        files.push(join(nodeModules, entry, scoped, 'package.json'));
      }
    } else {
      files.push(join(nodeModules, entry, 'package.json'));
    }
  }
  return files;
}

async function scanPackages(
  files: string[],
  kind: EntryPointSource['kind'],
  result: DiscoveryResult
): Promise<void> {
  const texts = await Promise.all(files.map((file) => readPackageFile(file, result)));
  files.forEach((file, index) => {
    const text = texts[index];
    // Cheap pre-check: most packages never mention wharf, so skip their JSON.parse.
    if (text === undefined || !text.includes('"wharf"')) return;
    try {
      const pkg: unknown = JSON.parse(text);
      const wharf = isPlainObject(pkg) ? pkg.wharf : undefined;
      if (!isPlainObject(wharf) || wharf.entryPoints === undefined) return;
      const packageName = isPlainObject(pkg) && typeof pkg.name === 'string' ? pkg.name : undefined;
      const source: EntryPointSource = { kind, file, ...(packageName ? { packageName } : {}) };
      result.entryPoints.push(...parseManifest(wharf.entryPoints, dirname(file), source));
    } catch (error) {
      result.problems.push(
        error instanceof WharfError
          ? error
          : new ManifestError(file, `invalid JSON: ${(error as Error).message}`, { cause: error })
      );
    }
  });
}

async function readPackageFile(file: string, result: DiscoveryResult): Promise<string | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    result.stamps[file] = info.mtimeMs;
    return text;
  } catch {
    return undefined; // a folder without package.json is not a package
  }
}

/** Lists a folder and records its mtime; a missing folder lists as empty. */
async function stampFolder(dir: string, result: DiscoveryResult): Promise<string[]> {
  try {
    const [entries, info] = await Promise.all([readdir(dir), stat(dir)]);
    result.stamps[dir] = info.mtimeMs;
    return entries.sort();
  } catch {
    result.stamps[dir] = -1;
    return [];
  }
}

// glob is imported here, not at the top: with a valid entry-point cache, discovery never
// runs, and a host start-up does not load it.
async function globPackageFiles(dir: string): Promise<string[]> {
  const { glob } = await import('glob');
  return glob(['package.json', '*/package.json'], { cwd: dir, absolute: true });
}
