/**
 * `wharf check` and `checkExtension` in one: the host-level problems (host-problems.ts),
 * shadowed drop-in entry points when strict, and the conformance of each drop-in package
 * in the drop-in folders, `[extensions] dropin_dirs` and `dropins` (package-problems.ts).
 */
import type { APIRouter } from '../api/api-router.js';
import type { HostOptions } from '../server/host.js';
import { dropinDirsOf } from '../server/host-config.js';
import { dropinPackageDirs } from './dropin-packages.js';
import { checkHost } from './host-problems.js';
import { packageProblems } from './package-problems.js';
import type { CheckReport } from './problem.js';
import { shadowedProblems } from './shadowed.js';

/** How to check. */
export interface RunCheckOptions {
  /** Fail on what serving only warns about: a drop-in entry point shadowed by an earlier one. */
  strict?: boolean;
  /** Called with the assembled API router (when assembly succeeded). */
  inspect?: (router: APIRouter) => void;
}

/** Loads and assembles everything, collecting every problem instead of stopping at one. */
export async function runCheck(
  options: HostOptions,
  { strict = false, inspect }: RunCheckOptions = {}
): Promise<CheckReport> {
  const host = await checkHost(options);
  const problems = [...host.problems];
  if (host.router) inspect?.(host.router);
  if (strict) problems.push(...shadowedProblems(host.base.catalog));
  for (const dir of dropinPackageDirs(
    host.base.catalog,
    dropinDirsOf(host.base.config, options.dropins)
  )) {
    problems.push(...(await packageProblems(dir, options, host)));
  }
  return { ok: problems.length === 0, problems };
}
