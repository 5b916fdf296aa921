/**
 * `wharf check`: loads everything and builds the routes and the pipelines without listening,
 * and reports what would go wrong: extensions that fail, controller extensions on missing
 * collections, collisions (alias, collection, action, route), bad manifests, an invalid
 * pipeline, a drop-in folder that is missing, unreadable or a file, and an enabled or
 * disabled alias that no extension has; with `--strict`, a drop-in entry point shadowed by
 * an earlier source; and for each package of the `--dropin` folders, the conformance
 * findings `checkExtension` reports (see core/check/). Exit 0 when clean, 1 otherwise.
 */
import type { Command } from 'commander';
import { planOf, type DeploymentPlan } from '../api/deployment-plan.js';
import { diffPlans, type PlanDiff } from '../api/plan-diff.js';
import type { CheckReport } from '../check/problem.js';
import { runCheck } from '../check/run-check.js';
import { hostOptionsFrom, withCommonOptions, type CommonOptions } from './common-options.js';
import { writeLoadPlan } from './load-plan-file.js';
import { readPlan, writePlan } from './plan-file.js';
import { discoveryOf } from '../server/host-base.js';

/** Adds the options and action of `check` to its command. */
export function registerCheckCommand(check: Command): void {
  withCommonOptions(check)
    .option('--paste-config <file>', 'the paste pipeline file ([wsgi] api_paste_config)')
    .option('--json', 'print { ok, problems: [{ kind, message, extensions }], diff? }')
    .option('--plan <file>', 'write the deployment plan (what is served) to a file')
    .option('--diff <file>', 'compare with an accepted plan; exit 1 on a breaking change')
    .option('--strict', 'also fail on a drop-in entry point shadowed by an earlier source')
    .option(
      '--write-load-plan <file>',
      'when the check passes, write the load plan `wharf serve --load-plan` starts from'
    )
    .action(async (options: CheckOptions) => {
      const accepted = options.diff === undefined ? null : readPlan(options.diff);
      let plan: DeploymentPlan | null = null;
      const hostOptions = await hostOptionsFrom(options, {
        'wsgi.api_paste_config': options.pasteConfig
      });
      const report = await runCheck(hostOptions, {
        strict: options.strict === true,
        inspect: (router) => {
          plan = planOf(router);
        }
      });
      if (options.plan !== undefined && plan !== null) writePlan(options.plan, plan);
      if (options.writeLoadPlan !== undefined) {
        if (report.ok) await writeLoadPlan(options.writeLoadPlan, discoveryOf(hostOptions));
        else process.stderr.write('wharf: no load plan written: the check found problems\n');
      }
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
  strict?: boolean;
  writeLoadPlan?: string;
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
