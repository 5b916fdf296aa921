/**
 * The host-level half of `wharf check`: loads and assembles everything without listening and
 * collects every problem instead of stopping at one: extensions that fail, controller
 * extensions on missing collections, collisions (alias, collection, action, route), bad
 * manifests, invalid declarations and schemas, an invalid pipeline, a drop-in folder that is
 * missing, unreadable or a file, and an enabled or disabled alias that no extension has.
 * Load failures are reported as problems, not logged as well: each is reported once.
 */
import { API_NAMESPACE, type APIRouter } from '../api/api-router.js';
import { ExtensionConflictError, RouteConflictError, WharfError } from '../errors.js';
import { CODES } from '../errors/codes.js';
import { ExtensionManager, type LoadFailure } from '../plugins/index.js';
import { profileFor } from '../server/namespace-profiles.js';
import {
  buildApps,
  createApiRouter,
  prepareHost,
  type HostBase,
  type HostOptions
} from '../server/host.js';
import { dropinDirsOf } from '../server/host-config.js';
import { dropinFolderProblems, unknownAliasProblems } from './check-inputs.js';
import type { Problem } from './problem.js';

/** What the host-level check found, and the assembly it inspected (null when it failed). */
export interface HostCheck {
  base: HostBase;
  router: APIRouter | null;
  problems: Problem[];
  /** The entry points that failed to load (each also one of `problems`). */
  failures: LoadFailure[];
}

/** Loads and assembles the host `options` describe and returns every problem found. */
export async function checkHost(options: HostOptions): Promise<HostCheck> {
  const base = await prepareHost(options);
  const problems: Problem[] = [
    ...dropinFolderProblems(dropinDirsOf(base.config, options.dropins)),
    ...base.catalog.problems.map((problem): Problem => ({
      kind: 'manifest',
      message: problem.message,
      extensions: []
    }))
  ];
  const failures: LoadFailure[] = [];
  for (const namespace of base.catalog.namespaces()) {
    if (namespace === API_NAMESPACE) continue;
    const manager = await ExtensionManager.create(namespace, {
      ...profileFor(namespace, base),
      logFailures: false
    });
    failures.push(...manager.failures);
  }
  const router = await routerOrProblem(base, problems);
  failures.push(...(router?.failures ?? []));
  problems.push(...failures.map(failureProblem));
  if (router) {
    problems.push(...router.problems.map((problem) => ({ ...problem })));
    problems.push(...unknownAliasProblems(router, base.config));
    try {
      await (await buildApps(base)).close();
    } catch (error) {
      problems.push({ kind: 'pipeline', message: describe(error), extensions: [] });
    }
  }
  return { base, router, problems, failures };
}

async function routerOrProblem(base: HostBase, problems: Problem[]): Promise<APIRouter | null> {
  try {
    return await createApiRouter(base, { logFailures: false });
  } catch (error) {
    if (error instanceof ExtensionConflictError || error instanceof RouteConflictError) {
      problems.push({ kind: 'collision', message: error.message, extensions: error.extensions });
    } else if (error instanceof WharfError && error.code === CODES.WHARF_INVALID_DECLARATION) {
      const kind = /invalid JSON schema/.test(error.message) ? 'schema' : 'invalid-declaration';
      problems.push({ kind, message: error.message, extensions: [] });
    } else {
      problems.push({ kind: 'extension-failed', message: describe(error), extensions: [] });
    }
    return null;
  }
}

function failureProblem(failure: LoadFailure): Problem {
  return {
    kind: 'extension-failed',
    message: `${failure.namespace}:${failure.name} (${failure.target}, from ${failure.source}) failed to ${failure.phase}: ${failure.message.replace(/\s+/g, ' ')}`,
    extensions: [failure.name]
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
