/**
 * Reading a load plan back (`wharf serve --load-plan FILE`) and proving it still describes
 * the disk before a host starts from it: the same discovery options, every package at its
 * recorded version, every manifest, scanned folder and extension module with its recorded
 * hash, the same Node version, every file bundled, the bundle and its chunks with theirs; then
 * importing the bundle, whose modules the entry points load (bundled-modules.ts). A file
 * that is not a whole, unedited plan of this format is a LoadPlanFileError; the first
 * change found is a LoadPlanStaleError naming it. Either stops start-up (exit 2).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { LoadPlanFileError, LoadPlanStaleError } from '../errors.js';
import { WharfError } from '../errors/wharf-error.js';
import { useBundledModules, type BundledModuleLoader } from './bundled-modules.js';
import { EntryPointCatalog } from './catalog.js';
import type { DiscoveryOptions } from './discovery.js';
import { EntryPoint } from './entry-point.js';
import {
  fileStamp,
  folderStamp,
  LOAD_PLAN_FORMAT,
  LOAD_PLAN_KIND,
  packageVersion,
  planDigest,
  type LoadPlan
} from './load-plan.js';

/**
 * The catalog a load plan recorded, once `file` is proved to be a fresh plan for discovery
 * `options`, with its bundle imported for the entry points to load their modules from;
 * throws LoadPlanFileError or LoadPlanStaleError.
 */
export async function startFromLoadPlan(
  file: string,
  options: Required<DiscoveryOptions>
): Promise<EntryPointCatalog> {
  const plan = checkLoadPlan(file, options);
  useBundledModules(await importBundle(file, plan));
  return new EntryPointCatalog(
    plan.entryPoints.map((data) => EntryPoint.fromJSON(data)),
    plan.problems.map(({ code, message }) => new WharfError(code, message))
  );
}

/**
 * Proves `file` a fresh plan for discovery `options` without importing its bundle (what a
 * process that builds no host needs: `wharf serve`'s primary) and returns it; throws
 * LoadPlanFileError or LoadPlanStaleError.
 */
export function checkLoadPlan(file: string, options: Required<DiscoveryOptions>): LoadPlan {
  const plan = readLoadPlan(file);
  const change = firstChange(plan, options);
  if (change !== undefined) throw new LoadPlanStaleError(file, change);
  return plan;
}

/** Reads a plan `wharf check --write-load-plan` wrote; throws LoadPlanFileError naming the file. */
export function readLoadPlan(file: string): LoadPlan {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new LoadPlanFileError(file, `cannot read it: ${reason}`, { cause: error });
  }
  const plan = data as Partial<LoadPlan> | null;
  if (plan?.kind !== LOAD_PLAN_KIND) {
    throw new LoadPlanFileError(file, `not a load plan (kind must be "${LOAD_PLAN_KIND}")`);
  }
  if (plan.format !== LOAD_PLAN_FORMAT) {
    throw new LoadPlanFileError(
      file,
      `it is a load plan of format ${JSON.stringify(plan.format)}, this wharf reads format ${LOAD_PLAN_FORMAT} (with a bundle, its chunks and its CommonJS form): run wharf check --write-load-plan again`
    );
  }
  const { digest, ...rest } = plan as LoadPlan;
  if (digest !== planDigest(rest)) {
    throw new LoadPlanFileError(
      file,
      'its digest does not match its content (the file was edited)'
    );
  }
  return plan as LoadPlan;
}

/** The first difference between the plan and the disk, said for an operator; else undefined. */
function firstChange(plan: LoadPlan, options: Required<DiscoveryOptions>): string | undefined {
  const wanted = JSON.stringify(options);
  if (JSON.stringify(plan.discovery) !== wanted) {
    return `it was written for the discovery options ${JSON.stringify(plan.discovery)}, this host has ${wanted} (manifest and drop-in folders)`;
  }
  // Each manifest is read once: a package's version is read again only when its manifest
  // changed (to say so), or when its manifest was not stamped.
  for (const [manifest, stamp] of Object.entries(plan.manifests)) {
    if (fileStamp(manifest) !== stamp) {
      return (
        versionChange(plan, manifest) ??
        `the manifest ${manifest} changed since the plan was written`
      );
    }
  }
  for (const manifest of Object.keys(plan.packages)) {
    const change = manifest in plan.manifests ? undefined : versionChange(plan, manifest);
    if (change !== undefined) return change;
  }
  if (plan.bundle.node !== process.version) {
    return `its bundle was written by Node ${plan.bundle.node}, this is Node ${process.version} (packages resolve by the Node version)`;
  }
  const checks: [Record<string, string>, string, (path: string) => string][] = [
    [plan.folders, 'the listing of the folder', folderStamp],
    [plan.modules, 'the extension module', fileStamp],
    [bundledFilesToCheck(plan), 'the bundled file', fileStamp],
    [{ [plan.bundle.file]: plan.bundle.digest }, 'the bundle', fileStamp],
    [plan.bundle.chunks, 'the bundle chunk', fileStamp],
    [formStamp(plan), "the bundle's CommonJS form", fileStamp]
  ];
  for (const [stamps, what, stampOf] of checks) {
    for (const [path, stamp] of Object.entries(stamps)) {
      if (stampOf(path) !== stamp) return `${what} ${path} changed since the plan was written`;
    }
  }
  return undefined;
}

/** How the version of the package of `manifest` differs from the plan's; else undefined. */
function versionChange(plan: LoadPlan, manifest: string): string | undefined {
  if (!(manifest in plan.packages)) return undefined;
  const version = plan.packages[manifest];
  const now = packageVersion(manifest);
  return now === version
    ? undefined
    : `the package of ${manifest} is at version ${now}, the plan has ${version}`;
}

/**
 * Runs the plan's bundle from its CommonJS form with its code cache (load-plan-code-cache.ts),
 * or imports the ES bundle when the form was refused: each bundled module path -> its loader.
 */
async function importBundle(
  file: string,
  plan: LoadPlan
): Promise<Map<string, BundledModuleLoader>> {
  let exports: Record<string, BundledModuleLoader>;
  const { form } = plan.bundle;
  try {
    exports = (
      'file' in form
        ? await (await import('./load-plan-code-cache.js')).runLoadPlanForm(form, plan.bundle.file)
        : await import(pathToFileURL(plan.bundle.file).href)
    ) as typeof exports;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LoadPlanStaleError(
      file,
      `its bundle ${plan.bundle.file} cannot be imported (${reason})`,
      { cause: error }
    );
  }
  return new Map(Object.entries(plan.bundle.modules).map(([path, key]) => [path, exports[key]!]));
}

/** The stamp of the bundle's CommonJS form, when it has one. */
function formStamp(plan: LoadPlan): Record<string, string> {
  const { form } = plan.bundle;
  return 'file' in form ? { [form.file]: form.digest } : {};
}

/** The bundled files whose stamp is not already checked as an extension module's. */
function bundledFilesToCheck(plan: LoadPlan): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [path, stamp] of Object.entries(plan.bundle.inputs)) {
    if (plan.modules[path] !== stamp) files[path] = stamp;
  }
  return files;
}
