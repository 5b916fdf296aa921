/**
 * `wharf check`: loads everything and builds the routes and the pipelines without listening,
 * and reports what would go wrong: extensions that fail, controller extensions on missing
 * collections, collisions (alias, collection, action, route), bad manifests, an invalid
 * pipeline, a drop-in folder that is missing, unreadable or a file, and an enabled or
 * disabled alias that no extension has. Exit 0 when clean, 1 with a report otherwise.
 */
import type { Command } from 'commander';
import { API_NAMESPACE, type APIRouter } from '../api/api-router.js';
import { planOf, type DeploymentPlan } from '../api/deployment-plan.js';
import { diffPlans, type PlanDiff } from '../api/plan-diff.js';
import { ExtensionConflictError, RouteConflictError, WharfError } from '../errors.js';
import { ExtensionManager, type LoadFailure } from '../plugins/index.js';
import {
  buildApps,
  createApiRouter,
  prepareHost,
  type HostBase,
  type HostOptions
} from '../server/host.js';
import { dropinFolderProblems, unknownAliasProblems } from './check-inputs.js';
import { hostOptionsFrom, withCommonOptions, type CommonOptions } from './common-options.js';
import { profileFor } from './namespace-profiles.js';
import { readPlan, writePlan } from './plan-file.js';

/** One thing `check` found. */
export interface Problem {
  kind:
    | 'manifest'
    | 'extension-failed'
    | 'missing-collection'
    | 'missing-inherits'
    | 'missing-target'
    | 'collision'
    | 'invalid-declaration'
    | 'pipeline'
    | 'dropin'
    | 'unknown-alias';
  message: string;
  extensions: string[];
}

/** The report `check --json` prints. */
export interface CheckReport {
  ok: boolean;
  problems: Problem[];
}

/** Loads and assembles everything, collecting every problem instead of stopping at one. */
export async function runCheck(
  options: HostOptions,
  inspect?: (router: APIRouter) => void
): Promise<CheckReport> {
  const base = await prepareHost(options);
  const problems: Problem[] = [
    ...dropinFolderProblems([...base.config.extensions.dropin_dirs, ...(options.dropins ?? [])]),
    ...base.catalog.problems.map((problem): Problem => ({
      kind: 'manifest',
      message: problem.message,
      extensions: []
    }))
  ];
  for (const namespace of base.catalog.namespaces()) {
    if (namespace === API_NAMESPACE) continue;
    const manager = await ExtensionManager.create(
      namespace,
      profileFor(namespace, base.catalog, base.container, base.logger)
    );
    problems.push(...manager.failures.map(failureProblem));
  }
  const router = await routerOrProblem(base, problems);
  if (router) {
    inspect?.(router);
    problems.push(...router.failures.map(failureProblem));
    problems.push(...router.problems.map((problem) => ({ ...problem })));
    problems.push(...unknownAliasProblems(router, base.config));
    try {
      await (await buildApps(base)).close();
    } catch (error) {
      problems.push({ kind: 'pipeline', message: describe(error), extensions: [] });
    }
  }
  return { ok: problems.length === 0, problems };
}

async function routerOrProblem(base: HostBase, problems: Problem[]): Promise<APIRouter | null> {
  try {
    return await createApiRouter(base);
  } catch (error) {
    if (error instanceof ExtensionConflictError || error instanceof RouteConflictError) {
      problems.push({ kind: 'collision', message: error.message, extensions: error.extensions });
    } else if (error instanceof WharfError && error.code === 'WHARF_INVALID_DECLARATION') {
      problems.push({ kind: 'invalid-declaration', message: error.message, extensions: [] });
    } else {
      problems.push({ kind: 'extension-failed', message: describe(error), extensions: [] });
    }
    return null;
  }
}

function failureProblem(failure: LoadFailure): Problem {
  return {
    kind: 'extension-failed',
    message: `${failure.namespace}:${failure.name} (${failure.target}) failed to ${failure.phase}: ${failure.message.replace(/\s+/g, ' ')}`,
    extensions: [failure.name]
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Adds the options and action of `check` to its command. */
export function registerCheckCommand(check: Command): void {
  withCommonOptions(check)
    .option('--paste-config <file>', 'the paste pipeline file ([wsgi] api_paste_config)')
    .option('--json', 'print { ok, problems: [{ kind, message, extensions }], diff? }')
    .option('--plan <file>', 'write the deployment plan (what is served) to a file')
    .option('--diff <file>', 'compare with an accepted plan; exit 1 on a breaking change')
    .action(async (options: CheckOptions) => {
      const accepted = options.diff === undefined ? null : readPlan(options.diff);
      let plan: DeploymentPlan | null = null;
      const report = await runCheck(
        await hostOptionsFrom(options, { 'wsgi.api_paste_config': options.pasteConfig }),
        (router) => {
          plan = planOf(router);
        }
      );
      if (options.plan !== undefined && plan !== null) writePlan(options.plan, plan);
      const diff = accepted && plan ? diffPlans(accepted, plan) : null;
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ ...report, ...(diff ? { diff } : {}) }, null, 2)}\n`
        );
      } else {
        printReport(report);
        if (diff) printDiff(diff);
      }
      if (!report.ok || (diff?.breaking.length ?? 0) > 0) process.exitCode = 1;
    });
}

interface CheckOptions extends CommonOptions {
  json?: boolean;
  pasteConfig?: string;
  plan?: string;
  diff?: string;
}

function printReport(report: CheckReport): void {
  if (report.ok) process.stdout.write('ok: no problems found\n');
  for (const problem of report.problems) {
    const who = problem.extensions.length ? ` [${problem.extensions.join(', ')}]` : '';
    process.stdout.write(`${problem.kind}: ${problem.message}${who}\n`);
  }
}

function printDiff(diff: PlanDiff): void {
  for (const group of ['breaking', 'additive'] as const) {
    process.stdout.write(`${group} changes: ${diff[group].length}\n`);
    for (const change of diff[group])
      process.stdout.write(`  ${change.subject} ${change.message}\n`);
  }
}
