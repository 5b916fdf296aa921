/**
 * Reading a load plan back (`wharf serve --load-plan FILE`) and proving it still describes
 * the disk before a host starts from it: the same discovery options, every package at its
 * recorded version, every manifest, scanned folder and extension module with its recorded
 * hash. A file that is not a whole, unedited plan is a LoadPlanFileError; the first change
 * found is a LoadPlanStaleError naming it. Either stops start-up (exit 2).
 */
import { readFileSync } from 'node:fs';
import { LoadPlanFileError, LoadPlanStaleError } from '../errors.js';
import { WharfError } from '../errors/wharf-error.js';
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
 * `options`; throws LoadPlanFileError or LoadPlanStaleError.
 */
export function catalogFromLoadPlan(
  file: string,
  options: Required<DiscoveryOptions>
): EntryPointCatalog {
  const plan = readLoadPlan(file);
  const change = firstChange(plan, options);
  if (change !== undefined) throw new LoadPlanStaleError(file, change);
  return new EntryPointCatalog(
    plan.entryPoints.map((data) => EntryPoint.fromJSON(data)),
    plan.problems.map(({ code, message }) => new WharfError(code, message))
  );
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
  if (plan?.kind !== LOAD_PLAN_KIND || plan.format !== LOAD_PLAN_FORMAT) {
    throw new LoadPlanFileError(
      file,
      `not a load plan (kind must be "${LOAD_PLAN_KIND}", format ${LOAD_PLAN_FORMAT})`
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
  const checks: [Record<string, string>, string, (path: string) => string][] = [
    [plan.folders, 'the listing of the folder', folderStamp],
    [plan.modules, 'the extension module', fileStamp]
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
