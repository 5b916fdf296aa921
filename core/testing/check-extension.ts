/**
 * `checkExtension(dir)`: the conformance checks an operator's `wharf check --dropin DIR
 * --strict` runs, for an author's tests: the package imports in isolation, passes its type
 * check, declares routes and actions, its schemas compile, it collides with nothing in the
 * bundled set (no alias, collection, action, route or entry-point name taken), and the host
 * still checks clean with each of its aliases disabled.
 */
import { resolve } from 'node:path';
import { runCheck } from '../check/run-check.js';
import type { CheckReport, Problem } from '../check/problem.js';
import type { Logger } from '../logger.js';
import { loadHostConfig } from '../server/host-config.js';
import { dropinPackageDirs } from '../check/dropin-packages.js';
import { EntryPointCatalog } from '../plugins/catalog.js';

/** What to check a package against. */
export interface CheckExtensionOptions {
  /** `section.option` settings of the host, as `--set` would give them. */
  config?: Readonly<Record<string, string>>;
  /** Replaces the logger built from the configuration. */
  logger?: Logger;
}

/** Checks the drop-in package in `dir` (or the packages in it) against the bundled host. */
export async function checkExtension(
  dir: string,
  options: CheckExtensionOptions = {}
): Promise<CheckReport> {
  const dropins = [resolve(dir)];
  const alone = await EntryPointCatalog.discover({
    manifest: null,
    scanNodeModules: false,
    dropins,
    cacheDir: null
  });
  if (dropinPackageDirs(alone, dropins).length === 0) {
    const problem: Problem = {
      kind: 'declarations',
      message: `${dropins[0]} holds no package whose package.json declares "wharf": { "entryPoints" }`,
      extensions: []
    };
    return { ok: false, problems: [problem, ...alone.problems.map(manifestProblem)] };
  }
  const config = await loadHostConfig({ env: {}, dropins, overrides: { ...options.config } });
  return runCheck(
    { config, dropins, ...(options.logger ? { logger: options.logger } : {}) },
    { strict: true }
  );
}

function manifestProblem(error: Error): Problem {
  return { kind: 'manifest', message: error.message, extensions: [] };
}
