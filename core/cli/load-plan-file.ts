/**
 * The load plan files `wharf check --write-load-plan FILE` writes (see
 * core/plugins/load-plan.ts): the plan, FILE (JSON), and its bundle beside it, FILE without
 * `.json` plus `.bundle.mjs`, with its chunks (`.bundle-HASH.mjs`). `wharf serve --load-plan
 * FILE` reads them back through core/plugins/load-plan-check.ts.
 */
import { resolve } from 'node:path';
import type { DiscoveryOptions } from '../plugins/discovery.js';
import { buildLoadPlan } from '../plugins/load-plan.js';
import { writeOutput } from './output.js';

/** Where the bundle of the plan `file` is written: `x.json` -> `x.bundle.mjs`. */
export function loadPlanBundleFile(file: string): string {
  return `${file.replace(/\.json$/, '')}.bundle.mjs`;
}

/** Builds the load plan of discovery `options` and writes it to `file` (and its bundle). */
export async function writeLoadPlan(
  file: string,
  options: Required<DiscoveryOptions>
): Promise<void> {
  const plan = await buildLoadPlan(options, resolve(loadPlanBundleFile(file)));
  writeOutput(`${JSON.stringify(plan)}\n`, file);
}
