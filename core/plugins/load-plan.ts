/**
 * The prepared load plan (`wharf check --write-load-plan FILE`): what discovery found (every
 * entry point, every manifest problem), bound to what it was found from: the discovery
 * options, the version of every extension package, and a SHA-256 of every manifest it read,
 * of the listing of every folder it scanned and of every module an entry point names; and
 * its bundle, one ES module of the extension modules and the chunks it imports on demand
 * (load-plan-bundle.ts), bound to the SHA-256 of every file bundled and of the bundle and
 * each chunk.
 * `wharf serve --load-plan FILE` starts from it instead of discovering again and imports the
 * bundle instead of each module, once load-plan-check.ts has proved none of that changed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { discover, type DiscoveryOptions } from './discovery.js';
import type { SerializedEntryPoint } from './entry-point.js';
import { writeLoadPlanBundle, type LoadPlanBundle } from './load-plan-bundle.js';
import { sha256 } from './sha256.js';

/** What `kind` says: a load plan, not a deployment plan (`wharf check --plan`). */
export const LOAD_PLAN_KIND = 'wharf-load-plan';
/**
 * The version of the file's layout (1: without a bundle, 2: a bundle without chunks, 3: a
 * bundle without its CommonJS form; none is read any more).
 */
export const LOAD_PLAN_FORMAT = 4;

/** A load plan, as written (JSON). */
export interface LoadPlan {
  kind: typeof LOAD_PLAN_KIND;
  format: typeof LOAD_PLAN_FORMAT;
  /** The discovery options it was written for (absolute paths). */
  discovery: Required<DiscoveryOptions>;
  /** Every entry point discovery found, in source order. */
  entryPoints: SerializedEntryPoint[];
  /** The bad installed or drop-in manifests discovery recorded. */
  problems: { code: string; message: string }[];
  /** The package.json of every installed or drop-in package that declares entry points -> its version. */
  packages: Record<string, string | null>;
  /** Every manifest file discovery read -> the SHA-256 of its content, or `missing`. */
  manifests: Record<string, string>;
  /** Every folder discovery listed -> the SHA-256 of its sorted listing, or `missing`. */
  folders: Record<string, string>;
  /** Every module an entry point names -> the SHA-256 of its content, or `missing`. */
  modules: Record<string, string>;
  /** The bundle of the extension modules, and what it was built from. */
  bundle: LoadPlanBundle;
  /** The SHA-256 of this plan's JSON without this field: a hand-edited file is refused. */
  digest: string;
}

/** What a stamp says of a path that does not exist. */
export const MISSING = 'missing';

/**
 * Discovers with `options`, writes the bundle of the extension modules to `bundleFile`, and
 * binds both to the hashes of what they were made from.
 */
export async function buildLoadPlan(
  options: Required<DiscoveryOptions>,
  bundleFile: string
): Promise<LoadPlan> {
  const found = await discover(options);
  const entryPoints = found.entryPoints.map((entryPoint) => entryPoint.toJSON());
  const packages: Record<string, string | null> = {};
  for (const { source } of entryPoints) {
    if (source.kind !== 'project') packages[source.file] ??= packageVersion(source.file);
  }
  const manifests: Record<string, string> = {};
  const folders: Record<string, string> = {};
  for (const [path, mtime] of Object.entries(found.stamps)) {
    // Discovery stamps -1 only for a folder it could not list.
    if (mtime === -1) folders[path] = MISSING;
    else if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
      folders[path] = folderStamp(path);
    } else manifests[path] = fileStamp(path);
  }
  const modules: Record<string, string> = {};
  for (const { modulePath } of entryPoints) modules[modulePath] ??= fileStamp(modulePath);
  const bundle = await writeLoadPlanBundle(bundleFile, entryPoints);
  const plan: Omit<LoadPlan, 'digest'> = {
    kind: LOAD_PLAN_KIND,
    format: LOAD_PLAN_FORMAT,
    discovery: options,
    entryPoints,
    problems: found.problems.map(({ code, message }) => ({ code, message })),
    packages,
    manifests,
    folders,
    modules,
    bundle
  };
  return { ...plan, digest: planDigest(plan) };
}

/** The digest of a plan's fields other than `digest`, in the order they were written. */
export function planDigest(plan: Omit<LoadPlan, 'digest'>): string {
  return sha256(JSON.stringify(plan));
}

/** The SHA-256 of a file's content, or `missing`. */
export function fileStamp(path: string): string {
  try {
    return sha256(readFileSync(path));
  } catch {
    return MISSING;
  }
}

/** The SHA-256 of a folder's sorted listing, or `missing`. */
export function folderStamp(path: string): string {
  try {
    return sha256(readdirSync(path).sort().join('\n'));
  } catch {
    return MISSING;
  }
}

/** The `version` of a package.json, or null when it has none or cannot be read. */
export function packageVersion(file: string): string | null {
  try {
    const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : null;
  } catch {
    return null;
  }
}
