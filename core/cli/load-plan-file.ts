/**
 * The load plan file `wharf check --write-load-plan FILE` writes (see
 * core/plugins/load-plan.ts); `wharf serve --load-plan FILE` reads it back through
 * core/plugins/load-plan-check.ts.
 */
import type { DiscoveryOptions } from '../plugins/discovery.js';
import { buildLoadPlan } from '../plugins/load-plan.js';
import { writeOutput } from './output.js';

/** Builds the load plan of discovery `options` and writes it to `file` as JSON. */
export async function writeLoadPlan(
  file: string,
  options: Required<DiscoveryOptions>
): Promise<void> {
  writeOutput(`${JSON.stringify(await buildLoadPlan(options))}\n`, file);
}
