/**
 * Plan files for `wharf check --plan` / `--diff`: written as indented JSON, read back with
 * their shape checked, so a wrong or hand-broken file is a one-line PlanFileError naming it
 * (exit 2) rather than a confusing diff.
 */
import { readFileSync } from 'node:fs';
import { PLAN_FORMAT, type DeploymentPlan } from '../api/deployment-plan.js';
import { PlanFileError } from '../errors.js';
import { writeOutput } from './output.js';

const VERSION = /^\d+\.\d+$/;

/** Writes the plan to `file`. */
export function writePlan(file: string, plan: DeploymentPlan): void {
  writeOutput(`${JSON.stringify(plan, null, 2)}\n`, file);
}

/** Reads a plan `wharf check --plan` wrote; throws PlanFileError naming the file. */
export function readPlan(file: string): DeploymentPlan {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new PlanFileError(file, `cannot read the plan: ${reason}`, { cause: error });
  }
  const plan = data as Partial<DeploymentPlan> | null;
  if (plan?.format !== PLAN_FORMAT) {
    throw new PlanFileError(file, `not a deployment plan (format must be "${PLAN_FORMAT}")`);
  }
  for (const list of ['extensions', 'routes', 'actions', 'fields'] as const) {
    if (!Array.isArray(plan[list])) throw new PlanFileError(file, `"${list}" must be an array`);
  }
  if (plan.processors !== undefined && !Array.isArray(plan.processors))
    throw new PlanFileError(file, '"processors" must be an array when present');
  const ranges = [
    plan.microversions?.min,
    plan.microversions?.max,
    ...[...plan.routes!, ...plan.actions!].flatMap((entry) => [entry.minVersion, entry.maxVersion])
  ];
  if (
    ranges.some((value, index) => !(value === null && index > 1) && !VERSION.test(String(value)))
  ) {
    throw new PlanFileError(file, 'a microversion is not of the form X.Y');
  }
  return plan as DeploymentPlan;
}
