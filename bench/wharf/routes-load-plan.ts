/**
 * Writes the load plan of the wharf-N-routes host (as `wharf check --write-load-plan` does,
 * without the check's conformance runs) to `routesLoadPlanFile(N)`. The harness runs it
 * before the rounds with the Node of the run (a plan is bound to the Node that wrote it).
 * Argument: the route count. Prints `{"plan": FILE}`.
 */
import { writeLoadPlan } from '../../core/cli/load-plan-file.js';
import { loadHostConfig } from '../../core/host.js';
import { discoveryOf } from '../../core/server/host-base.js';
import { routeCountArgument } from '../servers/widget-api.js';
import { routesLoadPlanFile } from './fixtures.js';
import { routesHostOptions } from './routes-host-config.js';

const routes = routeCountArgument();
const { overrides, dropins } = await routesHostOptions(routes);
const config = await loadHostConfig({ env: {}, overrides, dropins });
const plan = routesLoadPlanFile(routes);
await writeLoadPlan(plan, discoveryOf({ config, dropins }));
process.stdout.write(`${JSON.stringify({ plan })}\n`);
